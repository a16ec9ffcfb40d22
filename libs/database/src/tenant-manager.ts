import type { EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** The EntityManager methods whose second argument is find options ({ where }) or a where. */
const OPTIONS = new Set(['find', 'findOne', 'findOneOrFail', 'findAndCount', 'count', 'exists']);
const WHERE = new Set([
  'findBy',
  'findOneBy',
  'findOneByOrFail',
  'countBy',
  'existsBy',
  'update',
  'delete',
  'softDelete',
  'restore',
]);

const ORGANIZATION = Symbol('organization');

/**
 * The organization of the tenant transaction `em` belongs to, for raw SQL to name it
 * (`organization_id = $n`). Throws outside a tenant transaction: such a statement has no tenant.
 */
export function organizationOf(em: EntityManager): string {
  const organizationId = (em as unknown as { [ORGANIZATION]?: string })[ORGANIZATION];
  if (!organizationId) throw new Error('organizationOf: not a tenant transaction');
  return organizationId;
}

/**
 * The entity manager of a tenant transaction: every find, count, exists, update and delete of an
 * entity with an `organizationId` gets `organizationId = <the transaction's organization>` in its
 * WHERE (unless it names one already), and so does a query builder made for such an entity (on
 * its main alias; the tables it joins name their organization in their join condition).
 * Row-level security already limits the rows to that organization, so no answer changes; the
 * condition is what a database distributed by organization_id needs to send the statement to one
 * shard (docs/distribution.md), and here no call site can forget it. Raw SQL names the organization itself (`organizationOf`).
 */
export function tenantManager(em: EntityManager, organizationId: string): EntityManager {
  const pinned = new WeakMap<object, boolean>();
  const hasOrganization = (target: EntityTarget<ObjectLiteral>): boolean => {
    const key = typeof target === 'object' || typeof target === 'function' ? target : null;
    if (key && pinned.has(key)) return pinned.get(key)!;
    const yes = !!em.connection.getMetadata(target).findColumnWithPropertyName('organizationId');
    if (key) pinned.set(key, yes);
    return yes;
  };
  const pin = (where: unknown): unknown => {
    if (Array.isArray(where)) return where.map(pin);
    if (where === null || typeof where !== 'object') return where;
    return 'organizationId' in where ? where : { ...where, organizationId };
  };
  return new Proxy(em, {
    get(target, property, receiver) {
      if (property === ORGANIZATION) return organizationId;
      const value = Reflect.get(target, property, receiver);
      if (typeof property !== 'string' || typeof value !== 'function') return value;
      if (OPTIONS.has(property)) {
        return (entity: EntityTarget<ObjectLiteral>, options?: { where?: unknown }) =>
          hasOrganization(entity)
            ? value.call(target, entity, { ...options, where: pin(options?.where ?? {}) })
            : value.call(target, entity, options);
      }
      if (property === 'createQueryBuilder') {
        return (entity?: unknown, alias?: unknown, ...rest: unknown[]) => {
          const qb = value.call(
            target,
            entity,
            alias,
            ...rest,
          ) as SelectQueryBuilder<ObjectLiteral>;
          if (typeof alias !== 'string' || !hasOrganization(entity as EntityTarget<ObjectLiteral>))
            return qb;
          // `where` replaces the conditions so far: the organization's is added again after it
          const condition = `${alias}.organizationId = :__tenant`;
          const where = qb.where.bind(qb) as (...args: unknown[]) => unknown;
          (qb as { where: unknown }).where = (...args: unknown[]) => {
            where(...args);
            return qb.andWhere(condition, { __tenant: organizationId });
          };
          return qb.andWhere(condition, { __tenant: organizationId });
        };
      }
      if (WHERE.has(property)) {
        return (entity: EntityTarget<ObjectLiteral>, where: unknown, ...rest: unknown[]) =>
          value.call(target, entity, hasOrganization(entity) ? pin(where) : where, ...rest);
      }
      return value;
    },
  });
}
