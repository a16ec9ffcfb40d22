import { Inject, Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { childListLoader, Tenant, type RequestContext } from '@app/common';
import { InitiativeLink } from '@app/database';

type LinkColumn = 'initiativeId' | 'keyResultId' | 'objectiveId';

/** Per-request batch loaders for initiative links (one statement per tree level). */
@Injectable()
export class InitiativeLinkLoaders {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  /** `Initiative.supports`: where an initiative points up to. */
  ofInitiative(ctx: RequestContext, initiativeId: string) {
    return this.linksBy(ctx, 'InitiativeLink.ofInitiative', 'initiativeId').load(initiativeId);
  }

  /** `KeyResult.initiativeLinks`: the initiatives delivering towards a key result. */
  toKeyResult(ctx: RequestContext, keyResultId: string) {
    return this.linksBy(ctx, 'InitiativeLink.toKeyResult', 'keyResultId').load(keyResultId);
  }

  /** `Objective.initiativeLinks`: the initiatives supporting an objective directly. */
  toObjective(ctx: RequestContext, objectiveId: string) {
    return this.linksBy(ctx, 'InitiativeLink.toObjective', 'objectiveId').load(objectiveId);
  }

  /** Every link of the parents, oldest first; a node has a handful of links. */
  private linksBy(ctx: RequestContext, name: string, column: LinkColumn) {
    return childListLoader(
      this.tenant,
      ctx,
      name,
      (em, ids) =>
        em.find(InitiativeLink, {
          where: { [column]: In(ids) },
          order: { createdAt: 'ASC', id: 'ASC' },
        }),
      (link) => link[column]!,
    );
  }
}
