import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { hydrate } from '@app/database';

/** How the children of one parent are ordered; the id breaks ties, so the order is total. */
export interface ChildOrder {
  column: string;
  type: 'text' | 'timestamptz';
  descending: boolean;
}

export const BY_KEY: ChildOrder = { column: 'key', type: 'text', descending: false };
export const NEWEST_FIRST: ChildOrder = {
  column: 'created_at',
  type: 'timestamptz',
  descending: true,
};

export interface ChildSpec {
  /** table of the children, e.g. `objectives` */
  table: string;
  /** column of the children pointing at the parent, e.g. `cycle_id` */
  parentColumn: string;
  order: ChildOrder;
  /** extra SQL condition on the child row `t` (constant text, never user input) */
  filter?: string;
}

/** A child row with the exact text of its sort value, for the page cursor. */
export type Sorted<T> = T & { sortKey: string };

/**
 * The `fetch` of `loadChildPages`: the pages of many parents in ONE statement — a LATERAL join
 * takes, per parent id, up to `limit` children after the cursor. Row-level security limits the
 * children to the caller's organization. Timestamps go into cursors with their full microsecond
 * precision (a JavaScript Date would round them and repeat or skip rows at page boundaries).
 */
export async function fetchChildRows<T extends ObjectLiteral & { id: string }>(
  em: EntityManager,
  target: EntityTarget<T>,
  spec: ChildSpec,
  parentIds: string[],
  limit: number,
  after: [string, string] | null,
): Promise<{ parentId: string; row: Sorted<T> }[]> {
  const { table, parentColumn, order, filter } = spec;
  const col = `t.${order.column}`;
  const dir = order.descending ? 'DESC' : 'ASC';
  const params: unknown[] = [parentIds, limit];
  const conditions = [`t.${parentColumn} = p.parent_id`];
  if (filter) conditions.push(filter);
  if (after) {
    params.push(after[0], after[1]);
    conditions.push(`(${col}, t.id) ${order.descending ? '<' : '>'} ($3::${order.type}, $4::uuid)`);
  }
  const sortText =
    order.type === 'timestamptz'
      ? `to_char(c.${order.column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`
      : `c.${order.column}`;
  const rows: Record<string, unknown>[] = await em.query(
    `SELECT p.parent_id AS "__parent_id", ${sortText} AS "__sort_key", c.*
       FROM unnest($1::uuid[]) AS p(parent_id)
       CROSS JOIN LATERAL (
         SELECT t.* FROM ${table} t
          WHERE ${conditions.join(' AND ')}
          ORDER BY ${col} ${dir}, t.id ${dir}
          LIMIT $2
       ) c`,
    params,
  );
  const entities = hydrate(em, target, rows);
  return rows.map((raw, i) => ({
    parentId: String(raw.__parent_id),
    row: Object.assign(entities[i], { sortKey: String(raw.__sort_key) }),
  }));
}
