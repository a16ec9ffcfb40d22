import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { hydrate } from '@app/database';
import { DomainError, MAX_NOTE } from '@app/domain';

/**
 * The key result or KPI a check-in goes to, locked FOR NO KEY UPDATE until the transaction ends:
 * concurrent check-ins of one node take turns (the foreign-key checks of their inserts only need
 * KEY SHARE, which this lock does not block).
 */
export async function lockMeasured<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  what: string,
  id: string,
): Promise<T> {
  const row = await em.findOne(target, {
    where: { id } as never,
    lock: { mode: 'for_no_key_update' },
  });
  if (!row) throw DomainError.notFound(what, id);
  return row;
}

/**
 * Inserts one check-in dated with the clock at the time of the insert (clock_timestamp(), not the
 * transaction's start time, now()): taken after the node's lock, it orders the history the way
 * the check-ins were applied, so the newest entry is the node's current value.
 */
export async function insertCheckIn<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  values: Record<string, unknown>,
): Promise<T> {
  const result = await em
    .createQueryBuilder()
    .insert()
    .into(target)
    .values({ ...values, createdAt: () => 'clock_timestamp()' } as never)
    .returning('*')
    .execute();
  return hydrate(em, target, result.raw as Record<string, unknown>[])[0];
}

/** One entry of a dated history: a reading as it was recorded at `at`. */
export interface DatedReading {
  value: number;
  note: string;
  at: Date;
}

/**
 * Validates a dated history before it is written: at least one entry, none in the future (a
 * history is the past; what is checked in now goes through checkIn), notes within bounds.
 * Returns the entries oldest first.
 */
export function checkedHistory<T extends DatedReading>(
  entries: readonly T[],
  now: Date,
  path: string,
): T[] {
  if (!entries.length) throw DomainError.badInput(path, 'must hold at least one check-in');
  entries.forEach((entry, i) => {
    if (!(entry.at instanceof Date) || Number.isNaN(entry.at.getTime()))
      throw DomainError.badInput(`${path}[${i}].at`, 'must be a date');
    if (entry.at.getTime() > now.getTime())
      throw DomainError.badInput(`${path}[${i}].at`, 'must not be in the future');
    if (!Number.isFinite(entry.value))
      throw DomainError.badInput(`${path}[${i}].value`, 'must be a finite number');
    if (entry.note.length > MAX_NOTE)
      throw DomainError.badInput(`${path}[${i}].note`, `must be at most ${MAX_NOTE} characters`);
  });
  return [...entries].sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * Inserts check-ins dated as given (a history brought in from elsewhere, or the demo's), in one
 * statement. The caller holds the node's lock and then sets its current state from the newest
 * check-in of the whole history, so the newest entry is still the one `current` holds.
 */
export async function insertDatedCheckIns<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  rows: (Record<string, unknown> & { createdAt: Date })[],
): Promise<void> {
  await em
    .createQueryBuilder()
    .insert()
    .into(target)
    .values(rows as never)
    .execute();
}
