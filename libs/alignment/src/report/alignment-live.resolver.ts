import { Inject } from '@nestjs/common';
import { Args, Resolver, Subscription } from '@nestjs/graphql';
import { EventBus, type Actor, type RequestContext } from '@app/common';
import { Access, CurrentActor } from '@app/identity';
import { AlignmentReportType } from './alignment-report.type.js';
import { AlignmentService } from './alignment.service.js';
import { AlignmentScopeInput } from './scope.js';

/**
 * The alignment report, live: computed again (in the subscriber's scope, with the subscriber's
 * role) whenever tickets changed: through a live source (webhook or sync), a file import or
 * upsertTickets. A burst of changes collapses into one report of the newest state.
 */
@Resolver()
export class AlignmentLiveResolver {
  constructor(
    @Inject(EventBus) private readonly bus: EventBus,
    @Inject(AlignmentService) private readonly service: AlignmentService,
  ) {}

  @Access('VIEWER')
  @Subscription(() => AlignmentReportType, {
    description:
      'the alignment report in this scope, again after every change of tickets (live sources, files, upsertTickets)',
    resolve(
      this: AlignmentLiveResolver,
      _event: unknown,
      args: { scope?: AlignmentScopeInput },
      ctx: RequestContext,
    ) {
      // the connection's loaders live as long as it does: each report reads afresh
      ctx.loaders.clearAll();
      return this.service.report(ctx.actor!, args.scope);
    },
  })
  alignmentChanged(
    @CurrentActor() actor: Actor,
    @Args('scope', { type: () => AlignmentScopeInput, nullable: true })
    _scope?: AlignmentScopeInput,
  ) {
    return this.bus.subscribe(
      (e) => e.type === 'ticketsChanged' && e.organizationId === actor.organizationId,
      { latestOnly: true },
    );
  }
}
