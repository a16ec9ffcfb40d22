import { ArgsType, Field, Float, ID, InputType } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';
import { ExpectedVersion, IsLinkWeight } from '@app/common';

@InputType()
export class LinkTicketInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an id' })
  ticketId: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'must be an id' })
  initiativeId: string;

  @Field(() => Float, { defaultValue: 1, description: '> 0, at most 1,000' })
  @IsLinkWeight()
  weight: number = 1;

  @ExpectedVersion(
    'the version of the existing link you read (to change its weight): CONFLICT when it changed or was removed since; a new link needs none',
  )
  expectedVersion?: number | null;
}

@ArgsType()
export class UnlinkTicketArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an id' })
  ticketId: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'must be an id' })
  initiativeId: string;
}
