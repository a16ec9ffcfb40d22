import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsUUID } from 'class-validator';
import { IsNote } from '@app/common';

@InputType()
export class AddInitiativeDependencyInput {
  @Field(() => ID, { description: 'the initiative that waits' })
  @IsUUID('all', { message: 'must be an id' })
  initiativeId: string;

  @Field(() => ID, { description: 'the initiative it waits on (not itself, closing no cycle)' })
  @IsUUID('all', { message: 'must be an id' })
  blockedById: string;

  @Field(() => String, {
    nullable: true,
    description: 'what it waits for, at most 10,000 characters; given again: replaces the note',
  })
  @IsOptional()
  @IsNote()
  note?: string | null;
}
