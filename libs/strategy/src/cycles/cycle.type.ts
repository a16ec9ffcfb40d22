import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Paginated, VersionField } from '@app/common';
import type { CycleState } from '@app/database';
import { CycleStateEnum } from '../shared/enums.js';

@ObjectType('Cycle', { description: 'a planning period, usually a quarter' })
export class CycleType {
  @Field(() => ID)
  id: string;

  @Field()
  key: string;

  @Field()
  name: string;

  @Field({ description: 'YYYY-MM-DD' })
  startDate: string;

  @Field({ description: 'YYYY-MM-DD' })
  endDate: string;

  @Field(() => CycleStateEnum)
  state: CycleState;

  @Field(() => Date, { nullable: true })
  archivedAt: Date | null;

  @VersionField()
  version: number;
}

export const CyclePage = Paginated(CycleType, 'CyclePage');
