import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Raw SQL rows (snake_case columns) -> entity objects, with the same conversions TypeORM applies
 * to its own queries (driver hydration, then column transformers such as numeric -> number).
 * Lets set-based SQL (LATERAL joins, window functions) return proper entities.
 */
export function hydrate<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  rows: Record<string, unknown>[],
): T[] {
  const metadata = em.connection.getMetadata(target);
  const driver = em.connection.driver;
  return rows.map((row) => {
    const entity = metadata.create() as T;
    for (const column of metadata.columns) {
      if (!(column.databaseName in row)) continue;
      let value = driver.prepareHydratedValue(row[column.databaseName], column);
      if (column.transformer && !Array.isArray(column.transformer))
        value = column.transformer.from(value);
      (entity as Record<string, unknown>)[column.propertyName] = value;
    }
    return entity;
  });
}
