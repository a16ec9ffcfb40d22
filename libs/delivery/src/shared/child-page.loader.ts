import type { EntityTarget, ObjectLiteral } from 'typeorm';
import {
  loadChildPages,
  type ChildPageKey,
  type Page,
  type RequestContext,
  type Tenant,
} from '@app/common';
import { hydrate } from '@app/database';

/**
 * The per-request DataLoader of a nested to-many field. `sql` is ONE statement (a LATERAL join)
 * that returns, for every parent id, up to `limit` children after the cursor, each row tagged
 * with `parent_id`. Its parameters: $1 parent ids (uuid[]), $2 limit, $3 cursor sort value or
 * null, $4 cursor id or null, $5 the caller's organization (row-level security already restricts
 * the rows; the explicit condition lets PostgreSQL use the indexes that lead with it).
 */
export function childPageLoader<T extends { id: string }>(
  tenant: Tenant,
  ctx: RequestContext,
  name: string,
  target: EntityTarget<T>,
  sql: string,
  sortValue: (row: T) => string,
) {
  const actor = ctx.actor!;
  return ctx.loaders.get<ChildPageKey, Page<T>>(name, (keys) =>
    tenant.run(actor, (em) =>
      loadChildPages(
        keys,
        async (parentIds, limit, after) => {
          const rows = (await em.query(sql, [
            parentIds,
            limit,
            after?.[0] ?? null,
            after?.[1] ?? null,
            actor.organizationId,
          ])) as Record<string, unknown>[];
          const entities = hydrate(em, target, rows);
          return rows.map((row, i) => ({ parentId: row.parent_id as string, row: entities[i] }));
        },
        sortValue,
      ),
    ),
  );
}

/**
 * A per-request DataLoader of a small bounded list per parent (the links of one node, a ticket's
 * sprint history): `sql` returns every child of the parents $1 (uuid[]) in order, tagged with
 * `parent_id`; $2 is the caller's organization.
 */
export function childListLoader<T extends ObjectLiteral>(
  tenant: Tenant,
  ctx: RequestContext,
  name: string,
  target: EntityTarget<T>,
  sql: string,
) {
  const actor = ctx.actor!;
  return ctx.loaders.get<string, T[]>(name, (parentIds) =>
    tenant.run(actor, async (em) => {
      const rows = (await em.query(sql, [[...parentIds], actor.organizationId])) as Record<
        string,
        unknown
      >[];
      const entities = hydrate(em, target, rows);
      const byParent = new Map<string, T[]>();
      rows.forEach((row, i) => {
        const parentId = row.parent_id as string;
        const list = byParent.get(parentId);
        if (list) list.push(entities[i]);
        else byParent.set(parentId, [entities[i]]);
      });
      return parentIds.map((id) => byParent.get(id) ?? []);
    }),
  );
}
