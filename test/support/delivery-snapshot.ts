import type { Actor } from '@app/common';
import type { Database } from '@app/database';

/** Tables the delivery context writes; read back to prove a refusal wrote nothing. */
const DELIVERY_TABLES = [
  'sprints',
  'initiatives',
  'initiative_links',
  'tickets',
  'ticket_sprints',
  'ticket_links',
] as const;

/** Every delivery row of the organization, to compare before and after a refused write. */
export function deliverySnapshot(
  db: Database,
  actor: Pick<Actor, 'organizationId' | 'userId'>,
): Promise<Record<string, unknown[]>> {
  return db.transaction(
    { organizationId: actor.organizationId, userId: actor.userId },
    async (em) => {
      const out: Record<string, unknown[]> = {};
      for (const table of DELIVERY_TABLES) {
        const rows = (await em.query(
          `SELECT to_jsonb(t) AS row FROM ${table} t ORDER BY to_jsonb(t)::text`,
        )) as { row: unknown }[];
        out[table] = rows.map((r) => r.row);
      }
      return out;
    },
  );
}
