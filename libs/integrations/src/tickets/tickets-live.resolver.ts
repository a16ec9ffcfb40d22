import { Inject } from '@nestjs/common';
import { Field, ID, ObjectType, Resolver, Subscription } from '@nestjs/graphql';
import { EventBus, type Actor, type LiveEvent } from '@app/common';
import { Access, CurrentActor } from '@app/identity';

@ObjectType('TicketsChanged', { description: 'tickets of the organization changed' })
export class TicketsChangedType {
  @Field()
  at: Date;

  @Field(() => ID, {
    nullable: true,
    description: 'the live source, or null for files and the API',
  })
  sourceId: string | null;

  @Field(() => [String], { description: 'the keys changed (the first 1,000)' })
  ticketKeys: string[];
}

/**
 * The light signal beside alignmentChanged: a view that reads its own figures again on a change
 * (the dashboard) needs no report computed for it on every change. Bursts collapse into the
 * newest event while the subscriber is busy.
 */
@Resolver()
export class TicketsLiveResolver {
  constructor(@Inject(EventBus) private readonly bus: EventBus) {}

  @Access('VIEWER')
  @Subscription(() => TicketsChangedType, {
    description: 'after every change of tickets (live sources, files, upsertTickets)',
    resolve: (e: LiveEvent) => {
      const payload = e.payload as Omit<TicketsChangedType, 'at'> & { at: string };
      return { ...payload, at: new Date(payload.at) };
    },
  })
  ticketsChanged(@CurrentActor() actor: Actor) {
    return this.bus.subscribe(
      (e) => e.type === 'ticketsChanged' && e.organizationId === actor.organizationId,
      { latestOnly: true },
    );
  }
}
