import { Field, ID, ObjectType } from '@nestjs/graphql';
import { CheckInType } from '@app/strategy';

@ObjectType('PlanChange', {
  description: 'the plan of a DRAFT or ACTIVE cycle changed: re-read it',
})
export class PlanChangeType {
  @Field()
  cycleKey: string;

  @Field(() => ID, { nullable: true, description: 'the member whose write changed it' })
  changedBy: string | null;

  @Field()
  at: Date;
}

@ObjectType('CheckInAdded')
export class CheckInAddedType {
  @Field()
  keyResultKey: string;

  @Field(() => CheckInType)
  checkIn: CheckInType;
}
