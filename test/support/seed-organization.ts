import { randomUUID } from 'node:crypto';
import type { Actor } from '@app/common';
import type { Database } from '@app/database';

/**
 * A new organization as sign-up leaves it (AuthService.signUp): its owner, the membership and an
 * empty vision, for tests that call services directly; `operation` names the writes in the audit
 * log as a request would.
 */
export async function seedOrganization(db: Database, operation: string): Promise<Actor> {
  const organizationId = randomUUID();
  const userId = randomUUID();
  await db.transaction({ organizationId, userId }, async (em) => {
    await em.query(`INSERT INTO users (id, email, name) VALUES ($1, $2, 'Planner')`, [
      userId,
      `${operation.toLowerCase()}-${userId}@example.com`,
    ]);
    await em.query(`INSERT INTO organizations (id, name, slug) VALUES ($1, 'Planners', $2)`, [
      organizationId,
      `org-${organizationId.slice(0, 8)}`,
    ]);
    await em.query(
      `INSERT INTO memberships (organization_id, user_id, role, joined_at) VALUES ($1, $2, 'OWNER', now())`,
      [organizationId, userId],
    );
    await em.query(
      `INSERT INTO visions (organization_id, statement, horizon) VALUES ($1, '', '')`,
      [organizationId],
    );
  });
  return { organizationId, userId, role: 'OWNER', operation };
}
