import { Inject } from '@nestjs/common';
import {
  Args,
  Context,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { VersionedIdArgs, type Actor, type RequestContext } from '@app/common';
import type { TicketSource } from '@app/database';
import { Access, CurrentActor } from '@app/identity';
import { ProblemType } from '../plan-file/plan-import.types.js';
import { SourceStatusLoaders } from './source-status.loaders.js';
import { SyncService } from './sync.service.js';
import {
  CreateTicketSourceInput,
  RotateSecretArgs,
  SourceIdArgs,
  UpdateTicketSourceInput,
} from './ticket-source.inputs.js';
import { TicketSourceService } from './ticket-source.service.js';
import { SyncRunType, TicketSourceCreatedType, TicketSourceType } from './ticket-source.types.js';
import { kindPath } from './trackers.js';

/** docs/design.md 4.4: ADMIN and above manage sources; every member sees their freshness. */
@Resolver(() => TicketSourceType)
export class TicketSourceResolver {
  constructor(
    @Inject(TicketSourceService) private readonly sources: TicketSourceService,
    @Inject(SyncService) private readonly sync: SyncService,
    @Inject(SourceStatusLoaders) private readonly loaders: SourceStatusLoaders,
  ) {}

  @Access('VIEWER')
  @Query(() => [TicketSourceType], { description: 'the live sources, by name' })
  ticketSources(@CurrentActor() actor: Actor) {
    return this.sources.list(actor);
  }

  @Access('ADMIN')
  @Mutation(() => TicketSourceCreatedType, {
    description: 'never contacts the tracker; the webhook secret is shown once',
  })
  createTicketSource(@CurrentActor() actor: Actor, @Args('input') input: CreateTicketSourceInput) {
    return this.sources.create(actor, input);
  }

  @Access('ADMIN')
  @Mutation(() => TicketSourceType)
  updateTicketSource(@CurrentActor() actor: Actor, @Args('input') input: UpdateTicketSourceInput) {
    return this.sources.update(actor, input);
  }

  @Access('ADMIN')
  @Mutation(() => TicketSourceCreatedType, {
    description:
      'a new webhook secret (or the one given), shown once; the old one stops working at once',
  })
  rotateTicketSourceSecret(@CurrentActor() actor: Actor, @Args() args: RotateSecretArgs) {
    return this.sources.rotateSecret(actor, args.id, args.expectedVersion, args.webhookSecret);
  }

  @Access('ADMIN')
  @Mutation(() => TicketSourceType, {
    description: 'its webhooks then answer 410; its tickets stay',
  })
  deleteTicketSource(@CurrentActor() actor: Actor, @Args() args: VersionedIdArgs) {
    return this.sources.remove(actor, args.id, args.expectedVersion);
  }

  @Access('ADMIN')
  @Mutation(() => SyncRunType, {
    description:
      "reconcile now through the tracker's API; answers when done, or RUNNING after 20 s (see lastSync)",
  })
  syncTicketSource(@CurrentActor() actor: Actor, @Args() { id }: SourceIdArgs) {
    return this.sync.syncNow(actor, id);
  }

  @Access('ADMIN')
  @Mutation(() => Int, { description: "the source's dead letters, queued again: how many" })
  replayDeadLetters(@CurrentActor() actor: Actor, @Args() { id }: SourceIdArgs) {
    return this.sources.replayDeadLetters(actor, id);
  }

  @ResolveField(() => String)
  webhookPath(@Parent() source: TicketSource) {
    return `/webhooks/${kindPath(source.kind)}/${source.id}`;
  }

  @ResolveField(() => Boolean)
  hasCredentials(@Parent() source: TicketSource) {
    return source.credentials !== null;
  }

  @ResolveField(() => Date, { nullable: true, description: 'when the last webhook arrived' })
  async lastEventAt(@Parent() source: TicketSource, @Context() ctx: RequestContext) {
    return (await this.loaders.status(ctx).load(source.id)).last_event_at;
  }

  @ResolveField(() => Date, { nullable: true, description: 'when the last reconciliation ended' })
  async lastSyncAt(@Parent() source: TicketSource, @Context() ctx: RequestContext) {
    return (await this.loaders.status(ctx).load(source.id)).last_sync_at;
  }

  @ResolveField(() => Boolean, {
    description:
      "the newer of lastEventAt and lastSyncAt is older than the organization's threshold",
  })
  async stale(@Parent() source: TicketSource, @Context() ctx: RequestContext) {
    return this.loaders.stale(
      ctx,
      await this.loaders.status(ctx).load(source.id),
      source.createdAt,
    );
  }

  @ResolveField(() => Int, {
    description: 'stored events not applied yet (also those waiting for a retry); not dead letters',
  })
  async pendingEvents(@Parent() source: TicketSource, @Context() ctx: RequestContext) {
    return (await this.loaders.status(ctx).load(source.id)).pending;
  }

  @ResolveField(() => Int, { description: 'events that failed for good (listed in problems)' })
  async deadLetters(@Parent() source: TicketSource, @Context() ctx: RequestContext) {
    return (await this.loaders.status(ctx).load(source.id)).dead;
  }

  @ResolveField(() => [ProblemType], { description: 'newest first, at most 100' })
  problems(@Parent() source: TicketSource, @Context() ctx: RequestContext) {
    return this.loaders.problems(ctx).load(source.id);
  }

  @ResolveField(() => SyncRunType, { nullable: true })
  lastSync(@Parent() source: TicketSource, @Context() ctx: RequestContext) {
    return this.loaders.lastSync(ctx).load(source.id);
  }
}
