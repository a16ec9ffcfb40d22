import { Inject, Injectable } from '@nestjs/common';
import { childPageKey, Tenant, type ChildPageArgs, type RequestContext } from '@app/common';
import { Initiative } from '@app/database';
import { byIdLoader } from '../shared/by-id.loader.js';
import { childPageLoader } from '../shared/child-page.loader.js';

/** One page of non-archived initiatives per parent (a team or a cycle), by key. */
const initiativesOf = (column: 'team_id' | 'cycle_id') => `
  SELECT p.parent_id, c.*
  FROM unnest($1::uuid[]) AS p(parent_id)
  CROSS JOIN LATERAL (
    SELECT i.* FROM initiatives i
    WHERE i.organization_id = $5 AND i.${column} = p.parent_id AND i.archived_at IS NULL
      AND ($3::text IS NULL OR (i.key, i.id) > ($3::text, $4::uuid))
    ORDER BY i.key, i.id
    LIMIT $2
  ) c`;

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
      (i) => i.key,
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
      (i) => i.key,
    ).load(childPageKey(cycleId, args));
  }
}
