import type { EntityManager } from 'typeorm';
import type { Actor, Tenant } from '@app/common';
import { organizationOf } from '@app/database';
import { cycleClosedBy, DomainError } from '@app/domain';

/**
 * Refuses dependencies that would close a cycle (A waits on B waits on A: neither could ever
 * finish), naming the path by initiative keys. `added` are the (initiative, blocker) pairs about to
 * be written, checked one after the other against the stored ones and those before them; `field`
 * names the input (a function of the pair's index). Takes the organization's link lock first (the
 * one plan imports hold), so two concurrent writes cannot each close half a cycle.
 */
export async function assertNoDependencyCycle(
  em: EntityManager,
  tenant: Tenant,
  actor: Actor,
  added: readonly { initiativeId: string; blockedById: string }[],
  field: (index: number) => string,
): Promise<void> {
  await tenant.lock(em, actor, 'links');
  const rows: { initiative_id: string; blocked_by_id: string }[] = await em.query(
    `SELECT initiative_id, blocked_by_id FROM initiative_dependencies WHERE organization_id = $1`,
    [organizationOf(em)],
  );
  const blockers = new Map<string, string[]>();
  const add = (from: string, to: string) => {
    const list = blockers.get(from);
    if (list) list.push(to);
    else blockers.set(from, [to]);
  };
  for (const row of rows) add(row.initiative_id, row.blocked_by_id);
  for (const [index, pair] of added.entries()) {
    const cycle = cycleClosedBy(pair.initiativeId, pair.blockedById, (n) => blockers.get(n) ?? []);
    if (cycle) {
      const keys: { id: string; key: string }[] = await em.query(
        `SELECT id, key FROM initiatives WHERE organization_id = $2 AND id = ANY($1::uuid[])`,
        [[...new Set(cycle)], organizationOf(em)],
      );
      const keyOf = new Map(keys.map((k) => [k.id, k.key]));
      const path = cycle.map((id) => keyOf.get(id) ?? id).join(' -> ');
      throw DomainError.badInput(
        field(index),
        cycle.length === 2 && cycle[0] === cycle[1]
          ? `an initiative cannot be blocked by itself (${path})`
          : `would close the dependency cycle ${path} (each would wait on the other)`,
      );
    }
    add(pair.initiativeId, pair.blockedById);
  }
}
