import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { Paginated, VersionField } from '@app/common';
import type { Confidence } from '@app/database';
import type { Direction, KeyResultKind } from '@app/domain';
import { ConfidenceEnum, DirectionEnum, KeyResultKindEnum } from '../shared/enums.js';

@ObjectType('KeyResult', { description: 'a measurable result of exactly one objective' })
export class KeyResultType {
  @Field(() => ID)
  id: string;

  @Field()
  key: string;

  @Field()
  title: string;

  @Field(() => KeyResultKindEnum)
  kind: KeyResultKind;

  @Field(() => DirectionEnum)
  direction: Direction;

  @Field(() => Float)
  start: number;

  @Field(() => Float)
  target: number;

  @Field(() => Float)
  current: number;

  @Field()
  unit: string;

  @Field(() => Float)
  weight: number;

  @Field(() => ConfidenceEnum, { nullable: true, description: 'from the latest check-in' })
  confidence: Confidence | null;

  @Field(() => Float, { nullable: true, description: 'end-of-cycle score 0..1' })
  score: number | null;

  @Field()
  scoreNote: string;

  @Field(() => Date, { nullable: true })
  archivedAt: Date | null;

  @VersionField()
  version: number;
}

export const KeyResultPage = Paginated(KeyResultType, 'KeyResultPage');
