import { Inject, Injectable } from '@nestjs/common';
import {
  BY_KEY,
  byIdLoader,
  childPageKey,
  childPageLoader,
  Tenant,
  type ChildPageArgs,
  type ChildSource,
  type RequestContext,
} from '@app/common';
import { Initiative } from '@app/database';

/** One page of non-archived initiatives per parent (a team or a cycle), by key. */
const initiativesOf = (parentColumn: 'team_id' | 'cycle_id'): ChildSource => ({
  table: 'initiatives',
  parentColumn,
  order: BY_KEY,
  filter: 't.archived_at IS NULL',
});

const INITIATIVES_OF_TEAMS = initiativesOf('team_id');
const INITIATIVES_OF_CYCLES = initiativesOf('cycle_id');

/** Per-request batch loaders for initiatives (one statement per tree level, never one per node). */
@Injectable()
export class InitiativeLoaders {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  byId(ctx: RequestContext) {
    return byIdLoader(this.tenant, ctx, Initiative, 'Initiative');
  }

  /** `Team.initiatives` */
  pageOfTeam(ctx: RequestContext, teamId: string, args: ChildPageArgs) {
    return childPageLoader(
      this.tenant,
      ctx,
      'Initiative.pageOfTeam',
      Initiative,
      INITIATIVES_OF_TEAMS,
    ).load(childPageKey(teamId, args));
  }

  /** `Cycle.initiatives`: the initiatives planned for a cycle. */
  pageOfCycle(ctx: RequestContext, cycleId: string, args: ChildPageArgs) {
    return childPageLoader(
      this.tenant,
      ctx,
      'Initiative.pageOfCycle',
      Initiative,
      INITIATIVES_OF_CYCLES,
    ).load(childPageKey(cycleId, args));
  }
}
