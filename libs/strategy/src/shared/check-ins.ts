import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { hydrate } from '@app/database';
import { DomainError } from '@app/domain';

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
