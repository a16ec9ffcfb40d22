import { Field, Float, ObjectType } from '@nestjs/graphql';

@ObjectType('InitiativeDelivery', {
  description:
    "docs/design.md 2.2: the points of the initiative's tickets of any sprint (cancelled, archived and sub-task tickets left out; unestimated ones at the organization's unestimatedPoints)",
})
export class InitiativeDeliveryType {
  @Field(() => Float)
  donePoints: number;

  @Field(() => Float)
  inProgressPoints: number;

  @Field(() => Float, { description: 'done, in progress and to do' })
  totalPoints: number;

  @Field(() => Float, {
    nullable: true,
    description: 'donePoints / totalPoints (0..1); null when totalPoints is 0',
  })
  delivery: number | null;
}

@ObjectType('OutcomeVsOutput', {
  description:
    "docs/design.md 2.2: a key result's progress (outcome) against its initiatives' delivery",
})
export class OutcomeVsOutputType {
  @Field(() => Float, { description: "the key result's progress, 0..1" })
  progress: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'link-weighted mean delivery of the live (not cancelled, not archived) initiatives supporting it, skipping those without points; null when there is none',
  })
  delivery: number | null;

  @Field({
    description:
      "busy, not moving the needle: delivery >= thresholds.outputHigh and progress <= thresholds.outcomeLow (the organization's settings)",
  })
  flagged: boolean;
}
