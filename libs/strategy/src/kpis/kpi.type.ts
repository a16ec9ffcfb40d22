import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { Paginated, VersionField } from '@app/common';

@ObjectType('Kpi', {
  description:
    'an ongoing health metric of a strategic goal, not bound to a cycle (uptime, churn, NPS)',
})
export class KpiType {
  @Field(() => ID)
  id: string;

  @Field()
  key: string;

  @Field()
  title: string;

  @Field()
  unit: string;

  @Field(() => Float, { nullable: true, description: 'the latest value; null before the first' })
  current: number | null;

  @Field(() => Float, { nullable: true, description: 'lower bound of the healthy range' })
  healthyMin: number | null;

  @Field(() => Float, { nullable: true, description: 'upper bound of the healthy range' })
  healthyMax: number | null;

  @Field(() => Date, { nullable: true })
  archivedAt: Date | null;

  @VersionField()
  version: number;
}

export const KpiPage = Paginated(KpiType, 'KpiPage');
