import { ArgsType, Field, Float, ID, InputType } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import {
  ArchivableListArgs,
  ExpectedVersion,
  IfGiven,
  IsKey,
  IsLinkWeight,
  IsMeasureValue,
  IsNote,
  IsTitle,
} from '@app/common';
import type { Confidence } from '@app/database';
import type { Direction, KeyResultKind } from '@app/domain';
import { ConfidenceEnum, DirectionEnum, KeyResultKindEnum } from '../shared/enums.js';

const KINDS = Object.values(KeyResultKindEnum);
const DIRECTIONS = Object.values(DirectionEnum);
const CONFIDENCES = Object.values(ConfidenceEnum);

@InputType()
export class CreateKeyResultInput {
  @Field()
  @IsKey()
  key: string;

  @Field(() => ID, { description: 'the owning objective; it never changes' })
  @IsUUID('all', { message: 'must be an id' })
  objectiveId: string;

  @Field()
  @IsTitle()
  title: string;

  @Field(() => KeyResultKindEnum, { description: 'BOOLEAN goes from 0 (not done) to 1 (done)' })
  @IsIn(KINDS)
  kind: KeyResultKind;

  @Field(() => DirectionEnum, {
    nullable: true,
    description: 'inferred from start and target; required when they are equal',
  })
  @IsOptional()
  @IsIn(DIRECTIONS)
  direction?: Direction | null;

  @Field(() => Float)
  @IsMeasureValue()
  start: number;

  @Field(() => Float)
  @IsMeasureValue()
  target: number;

  @Field(() => Float, { nullable: true, description: 'default: start' })
  @IsOptional()
  @IsMeasureValue()
  current?: number | null;

  @Field({ defaultValue: '' })
  @IsString()
  @MaxLength(50)
  unit: string = '';

  @Field(() => Float, { defaultValue: 1 })
  @IsLinkWeight()
  weight: number = 1;
}

@InputType({
  description:
    'the owning objective cannot change: a key result belongs to one objective for life (create a new key result under the other objective instead)',
})
export class UpdateKeyResultInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an id' })
  id: string;

  @Field({ nullable: true })
  @IfGiven()
  @IsKey()
  key?: string;

  @Field({ nullable: true })
  @IfGiven()
  @IsTitle()
  title?: string;

  @Field(() => KeyResultKindEnum, { nullable: true })
  @IfGiven()
  @IsIn(KINDS)
  kind?: KeyResultKind;

  @Field(() => DirectionEnum, {
    nullable: true,
    description: 'inferred again when start or target change; required when they are equal',
  })
  @IfGiven()
  @IsIn(DIRECTIONS)
  direction?: Direction;

  @Field(() => Float, { nullable: true })
  @IfGiven()
  @IsMeasureValue()
  start?: number;

  @Field(() => Float, { nullable: true })
  @IfGiven()
  @IsMeasureValue()
  target?: number;

  @Field(() => Float, { nullable: true, description: 'prefer checkIn, which keeps the history' })
  @IfGiven()
  @IsMeasureValue()
  current?: number;

  @Field({ nullable: true })
  @IfGiven()
  @IsString()
  @MaxLength(50)
  unit?: string;

  @Field(() => Float, { nullable: true })
  @IfGiven()
  @IsLinkWeight()
  weight?: number;

  @ExpectedVersion()
  expectedVersion?: number | null;
}

@ArgsType()
export class KeyResultListArgs extends ArchivableListArgs {
  @Field(() => ID, { nullable: true, description: 'only the key results of this objective' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an id' })
  objectiveId?: string | null;
}

@InputType()
export class CheckInInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an id' })
  keyResultId: string;

  @Field(() => Float, { description: 'the new current value' })
  @IsMeasureValue()
  value: number;

  @Field(() => ConfidenceEnum)
  @IsIn(CONFIDENCES)
  confidence: Confidence;

  @Field({ defaultValue: '' })
  @IsNote()
  note: string = '';
}
