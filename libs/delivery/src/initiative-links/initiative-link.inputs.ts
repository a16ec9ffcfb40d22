import { Field, Float, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsUUID } from 'class-validator';
import { ExpectedVersion, IsLinkWeight } from '@app/common';

@InputType()
export class LinkInitiativeInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an id' })
  initiativeId: string;

  @Field(() => ID, { nullable: true, description: 'exactly one of keyResultId or objectiveId' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an id' })
  keyResultId?: string | null;

  @Field(() => ID, { nullable: true, description: 'an objective supported directly' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an id' })
  objectiveId?: string | null;

  @Field(() => Float, { defaultValue: 1, description: '> 0, at most 1,000' })
  @IsLinkWeight()
  weight: number = 1;

  @ExpectedVersion(
    'the version of the existing link you read (to change its weight): CONFLICT when it changed or was removed since; a new link needs none',
  )
  expectedVersion?: number | null;
}
