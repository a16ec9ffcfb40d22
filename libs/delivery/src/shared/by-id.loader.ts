import { In, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { byKey, type RequestContext, type Tenant } from '@app/common';

/**
 * The per-request `byId` DataLoader of an entity: every `load(id)` of one tick becomes one
 * `WHERE id IN (...)` query. (Same helper as libs/strategy's, which that lib does not export.)
 */
export function byIdLoader<T extends ObjectLiteral & { id: string }>(
  tenant: Tenant,
  ctx: RequestContext,
  target: EntityTarget<T>,
  name: string,
) {
  return ctx.loaders.get<string, T | null>(`${name}.byId`, (ids) =>
    tenant
      .run(ctx.actor!, (em) => em.find(target, { where: { id: In([...ids]) } as never }))
      .then((rows) => byKey(ids, rows, (row) => row.id)),
  );
}
