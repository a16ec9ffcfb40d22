import { Inject } from '@nestjs/common';
import { Args, Resolver, Subscription } from '@nestjs/graphql';
import { EventBus, type Actor, type LiveEvent } from '@app/common';
import { Access, CurrentActor } from '@app/identity';
import { CheckInAddedType, PlanChangeType } from './live.types.js';
import { CycleKeyArgs } from './planning.inputs.js';
import { ProjectedAlignmentType } from './planning.types.js';

/** Dates travel as ISO strings (the bus may go through Redis): back to Date for the schema. */
const withDate = <T extends object>(value: T, field: keyof T): T => ({
  ...value,
  [field]: new Date(value[field] as string),
});

/**
 * Live views over graphql-ws. Each subscriber receives only the events of the organization of the
 * member it connected as (the filter compares organization ids), for the cycle it asked about.
 */
@Resolver()
export class LiveResolver {
  constructor(@Inject(EventBus) private readonly bus: EventBus) {}

  private events(actor: Actor, type: LiveEvent['type'], cycleKey?: string) {
    return this.bus.subscribe(
      (e) =>
        e.type === type &&
        e.organizationId === actor.organizationId &&
        (cycleKey === undefined || e.cycleKey === cycleKey),
    );
  }

  @Access('VIEWER')
  @Subscription(() => PlanChangeType, {
    description: "the cycle's plan changed (objectives, key results, links, initiatives)",
    resolve: (e: LiveEvent) => withDate(e.payload as PlanChangeType, 'at'),
  })
  planChanged(@CurrentActor() actor: Actor, @Args() { cycleKey }: CycleKeyArgs) {
    return this.events(actor, 'planChanged', cycleKey);
  }

  @Access('VIEWER')
  @Subscription(() => ProjectedAlignmentType, {
    description: "the cycle's projected alignment after a change to its plan",
    resolve: (e: LiveEvent) => e.payload,
  })
  projectedAlignmentChanged(@CurrentActor() actor: Actor, @Args() { cycleKey }: CycleKeyArgs) {
    return this.events(actor, 'projectedAlignmentChanged', cycleKey);
  }

  @Access('VIEWER')
  @Subscription(() => CheckInAddedType, {
    description: "a check-in on any key result of the member's organization",
    resolve: (e: LiveEvent) => {
      const payload = e.payload as CheckInAddedType;
      return { ...payload, checkIn: withDate(payload.checkIn, 'createdAt') };
    },
  })
  checkInAdded(@CurrentActor() actor: Actor) {
    return this.events(actor, 'checkInAdded');
  }
}
