import { ArgsType, Field, Float, ID, InputType } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';
import { IsLinkWeight } from '@app/common';

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
