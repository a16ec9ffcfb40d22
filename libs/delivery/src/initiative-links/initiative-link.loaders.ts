import { Inject, Injectable } from '@nestjs/common';
import { Tenant, type RequestContext } from '@app/common';
import { InitiativeLink } from '@app/database';
import { childListLoader } from '../shared/child-page.loader.js';

/** Every link of the parents $1, tagged with the parent; a node has a handful of links. */
const linksBy = (column: 'initiative_id' | 'key_result_id' | 'objective_id') => `
  SELECT l.${column} AS parent_id, l.*
  FROM initiative_links l
  WHERE l.organization_id = $2 AND l.${column} = ANY($1::uuid[])
  ORDER BY l.${column}, l.created_at, l.id`;

const LINKS_OF_INITIATIVES = linksBy('initiative_id');
const LINKS_TO_KEY_RESULTS = linksBy('key_result_id');
const LINKS_TO_OBJECTIVES = linksBy('objective_id');

/** Per-request batch loaders for initiative links (one statement per tree level). */
@Injectable()
export class InitiativeLinkLoaders {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  /** `Initiative.supports`: where an initiative points up to. */
  ofInitiative(ctx: RequestContext, initiativeId: string) {
    return childListLoader(
      this.tenant,
      ctx,
      'InitiativeLink.ofInitiative',
      InitiativeLink,
      LINKS_OF_INITIATIVES,
    ).load(initiativeId);
  }

  /** `KeyResult.initiativeLinks`: the initiatives delivering towards a key result. */
  toKeyResult(ctx: RequestContext, keyResultId: string) {
    return childListLoader(
      this.tenant,
      ctx,
      'InitiativeLink.toKeyResult',
      InitiativeLink,
      LINKS_TO_KEY_RESULTS,
    ).load(keyResultId);
  }

  /** `Objective.initiativeLinks`: the initiatives supporting an objective directly. */
  toObjective(ctx: RequestContext, objectiveId: string) {
    return childListLoader(
      this.tenant,
      ctx,
      'InitiativeLink.toObjective',
      InitiativeLink,
      LINKS_TO_OBJECTIVES,
    ).load(objectiveId);
  }
}
