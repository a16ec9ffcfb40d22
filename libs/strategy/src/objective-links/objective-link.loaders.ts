import { Inject, Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { childListLoader, Tenant, type RequestContext } from '@app/common';
import { ObjectiveLink } from '@app/database';

type LinkColumn = 'objectiveId' | 'goalId' | 'parentObjectiveId' | 'keyResultId';

/**
 * Links of many nodes at once, one query per tree level. The links of one node are few, so each
 * field is a complete list (oldest first) rather than a page.
 */
@Injectable()
export class ObjectiveLinkLoaders {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  /** An objective's upward links. */
  byObjective(ctx: RequestContext) {
    return this.groupedBy(ctx, 'objectiveId');
  }

  /** Links of the objectives aligned directly to a goal. */
  byGoal(ctx: RequestContext) {
    return this.groupedBy(ctx, 'goalId');
  }

  /** Links of the objectives aligned to a parent objective. */
  byParentObjective(ctx: RequestContext) {
    return this.groupedBy(ctx, 'parentObjectiveId');
  }

  /** Links of the objectives cascaded from a key result. */
  byKeyResult(ctx: RequestContext) {
    return this.groupedBy(ctx, 'keyResultId');
  }

  private groupedBy(ctx: RequestContext, column: LinkColumn) {
    return childListLoader(
      this.tenant,
      ctx,
      `ObjectiveLink.by.${column}`,
      (em, ids) =>
        em.find(ObjectiveLink, {
          where: { [column]: In(ids) },
          order: { createdAt: 'ASC', id: 'ASC' },
        }),
      (row) => row[column] as string,
    );
  }
}
