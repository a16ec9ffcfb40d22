import { Field, Float, ID, InputType } from '@nestjs/graphql';
import { IsNumber, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { ExpectedVersion, IsNote } from '@app/common';

@InputType({ description: 'docs/design.md 2.2: the end-of-cycle score of a key result' })
export class ScoreKeyResultInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an id' })
  keyResultId: string;

  @Field(() => Float, {
    nullable: true,
    description: "0..1; default: the key result's current progress",
  })
  @IsOptional()
  @IsNumber({}, { message: 'must be a number' })
  @Min(0, { message: 'must be a fraction between 0 and 1' })
  @Max(1, { message: 'must be a fraction between 0 and 1' })
  score?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'why this score; replaces the previous note (default: "")',
  })
  @IsOptional()
  @IsNote()
  note?: string | null;

  @ExpectedVersion()
  expectedVersion?: number | null;
}
