import {
  In,
  IsNull,
  type EntityTarget,
  type FindOptionsOrder,
  type FindOptionsWhere,
} from 'typeorm';
import {
  byIdLoader,
  childListLoader,
  childPageLoader,
  NEWEST_FIRST,
  type RequestContext,
  type Tenant,
} from '@app/common';

/** A measured node: a key result (under an objective) or a KPI (under a goal). */
interface Measured {
  id: string;
  key: string;
  archivedAt: Date | null;
}

export interface MeasuredSpec<T extends Measured, C extends { id: string }> {
  /** entity name, prefix of the loader names (`KeyResult`) */
  name: string;
  target: EntityTarget<T>;
  /** the property pointing at the parent (`objectiveId`) */
  parent: keyof T & string;
  /** the check-in table and its column pointing at the measured node */
  checkIns: { target: EntityTarget<C>; table: string; parentColumn: string };
}

/**
 * The per-request loaders key results and KPIs share: by id, the non-archived ones of each
 * parent by key (a small, bounded list), and the check-in history of each, newest first.
 */
export abstract class MeasuredLoaders<T extends Measured, C extends { id: string }> {
  protected constructor(
    private readonly tenant: Tenant,
    private readonly spec: MeasuredSpec<T, C>,
  ) {}

  byId(ctx: RequestContext) {
    return byIdLoader(this.tenant, ctx, this.spec.target, this.spec.name);
  }

  /** Check-in history of each node, newest first. */
  checkIns(ctx: RequestContext) {
    const { name, checkIns } = this.spec;
    return childPageLoader(this.tenant, ctx, `${name}.checkIns`, checkIns.target, {
      table: checkIns.table,
      parentColumn: checkIns.parentColumn,
      order: NEWEST_FIRST,
    });
  }

  protected unarchivedByParent(ctx: RequestContext, loaderName: string) {
    const { target, parent } = this.spec;
    return childListLoader(
      this.tenant,
      ctx,
      loaderName,
      (em, ids) =>
        em.find(target, {
          where: { [parent]: In(ids), archivedAt: IsNull() } as FindOptionsWhere<T>,
          order: { key: 'ASC', id: 'ASC' } as FindOptionsOrder<T>,
        }),
      (row) => row[parent] as string,
    );
  }
}
