import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import type { Type } from '@nestjs/common';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { SelectQueryBuilder } from 'typeorm';
import { DomainError } from '@app/domain';

export const MAX_PAGE = 200;
export const DEFAULT_PAGE = 50;

/** Bounded, stable pagination: `first` items after the opaque cursor `after`. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE, description: `1..${MAX_PAGE}` })
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  first: number = DEFAULT_PAGE;

  @Field(() => String, { nullable: true, description: 'endCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  after?: string | null;
}

/** A page of an archivable entity's list: archived rows only when asked for. */
@ArgsType()
export class ArchivableListArgs extends PageArgs {
  @Field({ defaultValue: false })
  @IsBoolean()
  includeArchived: boolean = false;
}

@ObjectType()
export class PageInfo {
  @Field(() => String, { nullable: true })
  endCursor: string | null;

  @Field()
  hasNextPage: boolean;
}

export interface Page<T> {
  nodes: T[];
  pageInfo: PageInfo;
}

/** A GraphQL connection type for T: `{ nodes, pageInfo }`. */
export function Paginated<T>(item: Type<T>, name: string): Type<Page<T>> {
  @ObjectType(name)
  class PageType implements Page<T> {
    @Field(() => [item])
    nodes: T[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;
  }
  return PageType;
}

/**
 * Keyset cursors over (sort value, id): stable while rows are added or changed, unlike offsets.
 */
export function encodeCursor(sortValue: string, id: string): string {
  return Buffer.from(JSON.stringify([sortValue, id])).toString('base64url');
}

export function decodeCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) {
      return value as [string, string];
    }
  } catch {
    // fall through
  }
  throw DomainError.badInput('after', 'is not a cursor returned by this API');
}

/** Turns `first + 1` fetched rows into a page (the extra row only says there is a next page). */
export function toPage<T extends { id: string }>(
  rows: T[],
  first: number,
  sortValue: (row: T) => string,
): Page<T> {
  const nodes = rows.slice(0, first);
  const last = nodes[nodes.length - 1];
  return {
    nodes,
    pageInfo: {
      endCursor: last ? encodeCursor(sortValue(last), last.id) : null,
      hasNextPage: rows.length > first,
    },
  };
}

/**
 * Runs a TypeORM query as one keyset page ordered by (`sortProperty`, id) — e.g. by key — with
 * `first + 1` rows fetched to know whether a next page exists; `DESC` pages newest first (the
 * audit log). The sort column must be NOT NULL: the row comparison of the cursor skips rows whose
 * sort value is null.
 */
export async function pageQuery<T extends { id: string }>(
  qb: SelectQueryBuilder<T>,
  sortProperty: keyof T & string,
  args: { first: number; after?: string | null },
  order: 'ASC' | 'DESC' = 'ASC',
): Promise<Page<T>> {
  const alias = qb.alias;
  if (args.after) {
    const [sort, id] = decodeCursor(args.after);
    qb.andWhere(
      `(${alias}.${sortProperty}, ${alias}.id) ${order === 'ASC' ? '>' : '<'} (:__sort, :__id)`,
      { __sort: sort, __id: id },
    );
  }
  qb.orderBy(`${alias}.${sortProperty}`, order)
    .addOrderBy(`${alias}.id`, order)
    .take(args.first + 1);
  const rows = await qb.getMany();
  return toPage(rows, args.first, (row) => cursorValue(row[sortProperty]));
}

/** A sort value as PostgreSQL parses it back from the cursor (a Date's String() it cannot). */
export function cursorValue(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}
