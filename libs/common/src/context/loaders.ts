import type DataLoader from 'dataloader';
import { In, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { byKey, groupByKey } from './loader-registry.js';
import type { RequestContext } from './request-context.js';
import type { Tenant } from './tenant.js';

/**
 * The per-request `byId` DataLoader of an entity: every `load(id)` of one tick becomes one
 * `WHERE id IN (...)` query. Row-level security hides other organizations' rows, which load as null.
 */
export function byIdLoader<T extends ObjectLiteral & { id: string }>(
  tenant: Tenant,
  ctx: RequestContext,
  target: EntityTarget<T>,
  name: string,
): DataLoader<string, T | null, string> {
  return ctx.loaders.get<string, T | null>(`${name}.byId`, (ids) =>
    tenant
      .load(ctx.actor!, (em) => em.find(target, { where: { id: In([...ids]) } as never }))
      .then((rows) => byKey(ids, rows, (row) => row.id)),
  );
}

/**
 * The per-request DataLoader of a small, bounded list per parent (the links of one node, a
 * ticket's sub-tasks): `find` returns, in order, the rows of every parent asked for in one query,
 * and `parentOf` names each row's parent. Lists that can grow without bound are pages instead
 * (`childPageLoader`).
 */
export function childListLoader<T>(
  tenant: Tenant,
  ctx: RequestContext,
  name: string,
  find: (em: EntityManager, parentIds: string[]) => Promise<T[]>,
  parentOf: (row: T) => string,
): DataLoader<string, T[], string> {
  return ctx.loaders.get<string, T[]>(name, (parentIds) =>
    tenant
      .load(ctx.actor!, (em) => find(em, [...parentIds]))
      .then((rows) => groupByKey(parentIds, rows, parentOf)),
  );
}
