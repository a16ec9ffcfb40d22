import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { Paginated } from '@app/common';

@ObjectType('KpiCheckIn', { description: 'a dated reading of a KPI' })
export class KpiCheckInType {
  @Field(() => ID)
  id: string;

  @Field(() => Float)
  value: number;

  @Field()
  note: string;

  @Field()
  createdAt: Date;
}

export const KpiCheckInPage = Paginated(KpiCheckInType, 'KpiCheckInPage');
