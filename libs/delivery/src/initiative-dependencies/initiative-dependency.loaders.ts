import { Inject, Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { childListLoader, Tenant, type RequestContext } from '@app/common';
import { InitiativeDependency } from '@app/database';

/** Per-request batch loaders for dependencies (one statement per level, never one per node). */
@Injectable()
export class InitiativeDependencyLoaders {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  /** `Initiative.blockedBy`: what an initiative waits on. */
  blockersOf(ctx: RequestContext, initiativeId: string) {
    return this.by(ctx, 'InitiativeDependency.blockersOf', 'initiativeId').load(initiativeId);
  }

  /** `Initiative.blocks`: what waits on an initiative. */
  blockedBy(ctx: RequestContext, blockerId: string) {
    return this.by(ctx, 'InitiativeDependency.blockedBy', 'blockedById').load(blockerId);
  }

  private by(ctx: RequestContext, name: string, column: 'initiativeId' | 'blockedById') {
    return childListLoader(
      this.tenant,
      ctx,
      name,
      (em, ids) =>
        em.find(InitiativeDependency, {
          where: { [column]: In(ids) },
          order: { createdAt: 'ASC', id: 'ASC' },
        }),
      (dependency) => dependency[column],
    );
  }
}
