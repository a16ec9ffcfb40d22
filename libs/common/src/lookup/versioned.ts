import { applyDecorators } from '@nestjs/common';
import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, Min } from 'class-validator';
import type { EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import { DomainError } from '@app/domain';
import { IdArgs } from './id-or-key.js';

/**
 * Optimistic locking, in one place. Every row a person edits has a `version` that the database
 * bumps on every change (a BEFORE UPDATE trigger, so imports and raw SQL bump it too). A write that
 * names the version it was based on (`expectedVersion`) locks the row and compares in the same
 * transaction as the write: someone else's change in between is a CONFLICT, never silently
 * overwritten. Without `expectedVersion` a write applies to whatever is stored (last write wins).
 */
export interface Versioned {
  version: number;
}

/** The `version` field of every GraphQL type a person edits. */
export const VersionField = () =>
  Field(() => Int, {
    description:
      'bumped by every change; send it back as expectedVersion so that a write over a change you have not seen is refused (CONFLICT)',
  });

/** The optional `expectedVersion` of an input (or the arguments) of a write to an existing row. */
export const ExpectedVersion = (
  description = 'the version you read: when the row has changed since, nothing is written and the answer is CONFLICT; leave it out to write whatever is stored',
) =>
  applyDecorators(
    Field(() => Int, { nullable: true, description }),
    IsOptional(),
    IsInt({ message: 'must be a whole number' }),
    Min(1, { message: 'must be 1 or more' }),
  );

/** `id` plus `expectedVersion`: the arguments of archive mutations. */
@ArgsType()
export class VersionedIdArgs extends IdArgs {
  @ExpectedVersion()
  expectedVersion?: number | null;
}

/**
 * CONFLICT when `row` is not at the version the caller expected, naming the row and both versions.
 * Call it on a row read under a lock (`loadForEdit`), so nothing can change it before the write.
 */
export function assertVersion(
  row: Versioned,
  expected: number | null | undefined,
  name: string,
): void {
  if (expected === null || expected === undefined || row.version === expected) return;
  throw DomainError.conflict(
    `${name} was changed by someone else (now version ${row.version}, you had ${expected}): reload and try again`,
  );
}

/** CONFLICT for a write based on a version of a row (a link) that someone else removed since. */
export function removedMeanwhile(name: string, expected: number): DomainError {
  return DomainError.conflict(
    `${name} was removed by someone else (you had version ${expected}): reload and try again`,
  );
}

/**
 * Loads the row a write is going to change. With an expected version it is read FOR NO KEY UPDATE
 * (the lock the UPDATE itself takes, so foreign-key checks of other transactions are not blocked)
 * and checked: from then until the commit nobody else can change it. Without one it is read as
 * before. Null when there is no such row.
 */
export async function loadForEdit<T extends ObjectLiteral & Versioned>(
  em: EntityManager,
  target: EntityTarget<T>,
  where: FindOptionsWhere<T>,
  expected: number | null | undefined,
  name: (row: T) => string,
): Promise<T | null> {
  const locked = expected !== null && expected !== undefined;
  const row = await em.findOne(target, {
    where,
    ...(locked ? { lock: { mode: 'for_no_key_update' as const } } : {}),
  });
  if (row) assertVersion(row, expected, name(row));
  return row;
}

/**
 * `loadForEdit` by id: NOT_FOUND naming `what` when absent, CONFLICT naming `what` and the row's
 * key (its `key`, a ticket's `externalKey`) when it changed since the expected version.
 */
export async function findForEdit<T extends ObjectLiteral & Versioned>(
  em: EntityManager,
  target: EntityTarget<T>,
  what: string,
  id: string,
  expected: number | null | undefined,
): Promise<T> {
  const row = await loadForEdit(
    em,
    target,
    { id } as unknown as FindOptionsWhere<T>,
    expected,
    (r) => `${what} ${keyOf(r)}`,
  );
  if (!row) throw DomainError.notFound(what, id);
  return row;
}

function keyOf(row: ObjectLiteral): string {
  return String(row.key ?? row.externalKey ?? row.id);
}
