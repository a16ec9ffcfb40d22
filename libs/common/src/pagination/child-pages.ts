import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type DataLoader from 'dataloader';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { hydrate } from '@app/database';
import { groupByKey } from '../context/loader-registry.js';
import type { RequestContext } from '../context/request-context.js';
import type { Tenant } from '../context/tenant.js';
import { decodeCursor, MAX_PAGE, toPage, type Page } from './page.js';

/** Arguments of a nested to-many field (e.g. `Initiative.tickets(first, after)`). */
@ArgsType()
export class ChildPageArgs {
  @Field(() => Int, { defaultValue: 50, description: `1..${MAX_PAGE}` })
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  first: number = 50;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  after?: string | null;
}

/** A DataLoader key for one parent's page of children. */
export interface ChildPageKey {
  parentId: string;
  first: number;
  after: string | null;
}

export function childPageKey(parentId: string, args: ChildPageArgs): ChildPageKey {
  return { parentId, first: args.first, after: args.after ?? null };
}

/**
 * Batches the pages of many parents into one query per distinct (first, after): `fetch` receives
 * every parent id and returns, per parent, up to `limit` children ordered by (sort, id) after the
 * cursor, each tagged with `parentId`. So a nested list costs one statement per tree level,
 * whatever the number of parents.
 */
async function loadChildPages<T extends { id: string }>(
  keys: readonly ChildPageKey[],
  fetch: (
    parentIds: string[],
    limit: number,
    after: [string, string] | null,
  ) => Promise<{ parentId: string; row: T }[]>,
  sortValue: (row: T) => string,
): Promise<Page<T>[]> {
  const groups = new Map<string, ChildPageKey[]>();
  for (const key of keys) {
    const id = `${key.first}:${key.after ?? ''}`;
    groups.set(id, [...(groups.get(id) ?? []), key]);
  }
  const pages = new Map<ChildPageKey, Page<T>>();
  for (const group of groups.values()) {
    const { first, after } = group[0];
    const parentIds = [...new Set(group.map((k) => k.parentId))];
    const rows = await fetch(parentIds, first + 1, after ? decodeCursor(after) : null);
    const lists = groupByKey(parentIds, rows, (r) => r.parentId);
    const byParent = new Map(parentIds.map((id, i) => [id, lists[i].map((r) => r.row)]));
    for (const key of group) pages.set(key, toPage(byParent.get(key.parentId)!, first, sortValue));
  }
  return keys.map((key) => pages.get(key)!);
}

/** How the children of one parent are ordered; the id breaks ties, so the order is total. */
export interface ChildOrder {
  /** a NOT NULL column of the child table (a null sort value would drop out of the cursor) */
  column: string;
  /** its PostgreSQL type: the cursor keeps the value's exact text and casts it back */
  type: 'text' | 'date' | 'timestamptz';
  descending?: boolean;
}

export const BY_KEY: ChildOrder = { column: 'key', type: 'text' };
export const NEWEST_FIRST: ChildOrder = {
  column: 'created_at',
  type: 'timestamptz',
  descending: true,
};

/** Where the children of a parent are. Names are constants of the code, never user input. */
export interface ChildSource {
  /** table of the children, e.g. `objectives` (alias `t`) */
  table: string;
  /** the column pointing at the parent: of `table`, or of the `through` table when given */
  parentColumn: string;
  /** a link table between parent and children (alias `l`), its `childColumn` pointing at `t.id` */
  through?: { table: string; childColumn: string };
  order: ChildOrder;
  /** extra SQL condition on the child row `t`, e.g. `t.archived_at IS NULL` */
  filter?: string;
}

/**
 * The per-request DataLoader of a nested to-many field (`Cycle.objectives(first, after)`): the
 * pages of every parent of one tree level come from ONE statement per distinct (first, after).
 */
export function childPageLoader<T extends ObjectLiteral & { id: string }>(
  tenant: Tenant,
  ctx: RequestContext,
  name: string,
  target: EntityTarget<T>,
  source: ChildSource,
): DataLoader<ChildPageKey, Page<T>, string> {
  const actor = ctx.actor!;
  return ctx.loaders.get<ChildPageKey, Page<T>>(name, (keys) =>
    tenant.load(actor, (em) => {
      const sortKeys = new Map<T, string>();
      return loadChildPages(
        keys,
        async (parentIds, limit, after) => {
          const rows = await fetchChildRows(em, target, source, actor.organizationId, {
            parentIds,
            limit,
            after,
          });
          for (const { row, sortKey } of rows) sortKeys.set(row, sortKey);
          return rows;
        },
        (row) => sortKeys.get(row)!,
      );
    }),
  );
}

/**
 * A LATERAL join takes, per parent id, up to `limit` children after the cursor. The explicit
 * organization condition is redundant with row-level security but lets PostgreSQL use the indexes
 * that lead with organization_id. Timestamps go into cursors with their full microsecond precision
 * (a JavaScript Date would round them and repeat or skip rows at page boundaries).
 */
async function fetchChildRows<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  source: ChildSource,
  organizationId: string,
  page: { parentIds: string[]; limit: number; after: [string, string] | null },
): Promise<{ parentId: string; row: T; sortKey: string }[]> {
  const { table, parentColumn, through, order, filter } = source;
  const owner = through ? 'l' : 't';
  const col = `t.${order.column}`;
  const dir = order.descending ? 'DESC' : 'ASC';
  const params: unknown[] = [page.parentIds, page.limit, organizationId];
  const conditions = [`${owner}.organization_id = $3`, `${owner}.${parentColumn} = p.parent_id`];
  if (filter) conditions.push(filter);
  if (page.after) {
    params.push(page.after[0], page.after[1]);
    conditions.push(`(${col}, t.id) ${order.descending ? '<' : '>'} ($4::${order.type}, $5::uuid)`);
  }
  const from = through
    ? `${through.table} l JOIN ${table} t
         ON t.organization_id = l.organization_id AND t.id = l.${through.childColumn}`
    : `${table} t`;
  const rows: Record<string, unknown>[] = await em.query(
    `SELECT p.parent_id AS "__parent_id", ${sortText(order)} AS "__sort_key", c.*
       FROM unnest($1::uuid[]) AS p(parent_id)
       CROSS JOIN LATERAL (
         SELECT t.* FROM ${from}
          WHERE ${conditions.join(' AND ')}
          ORDER BY ${col} ${dir}, t.id ${dir}
          LIMIT $2
       ) c`,
    params,
  );
  const entities = hydrate(em, target, rows);
  return rows.map((raw, i) => ({
    parentId: String(raw.__parent_id),
    row: entities[i],
    sortKey: String(raw.__sort_key),
  }));
}

/** The sort value of child row `c` as text that casts back to exactly the same value. */
function sortText(order: ChildOrder): string {
  const col = `c.${order.column}`;
  switch (order.type) {
    case 'timestamptz':
      return `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
    case 'date':
      return `to_char(${col}, 'YYYY-MM-DD')`;
    case 'text':
      return col;
  }
}
