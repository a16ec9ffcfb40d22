import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { Paginated } from '@app/common';
import type { Confidence } from '@app/database';
import { ConfidenceEnum } from '../shared/enums.js';

@ObjectType('CheckIn', { description: 'a dated update of a key result' })
export class CheckInType {
  @Field(() => ID)
  id: string;

  @Field(() => Float)
  value: number;

  @Field(() => ConfidenceEnum)
  confidence: Confidence;

  @Field()
  note: string;

  @Field()
  createdAt: Date;
}

export const CheckInPage = Paginated(CheckInType, 'CheckInPage');
