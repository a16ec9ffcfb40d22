import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { decodeCursor, encodeCursor, MAX_PAGE, type Page } from './page.js';

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
 * every parent id and must return, per parent, up to `limit` children ordered by (sort, id) after
 * the cursor, each tagged with `parentId` (a LATERAL join or a window function does this in one
 * statement). So a nested list costs one statement per tree level, whatever the number of parents.
 */
export async function loadChildPages<T extends { id: string }>(
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
    const rows = await fetch(
      [...new Set(group.map((k) => k.parentId))],
      first + 1,
      after ? decodeCursor(after) : null,
    );
    const byParent = new Map<string, T[]>();
    for (const { parentId, row } of rows)
      byParent.set(parentId, [...(byParent.get(parentId) ?? []), row]);
    for (const key of group) {
      const all = byParent.get(key.parentId) ?? [];
      const nodes = all.slice(0, first);
      const last = nodes[nodes.length - 1];
      pages.set(key, {
        nodes,
        pageInfo: {
          hasNextPage: all.length > first,
          endCursor: last ? encodeCursor(sortValue(last), last.id) : null,
        },
      });
    }
  }
  return keys.map((key) => pages.get(key)!);
}
