import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { TENANT_TABLES, type Database } from '@app/database';
import { openTestDatabase } from '../support/test-database.js';

/** The ids of one organization's seeded tree. */
interface Tree {
  organizationId: string;
  userId: string;
  visionId: string;
  goalId: string;
  cycleId: string;
  teamId: string;
  objectiveId: string;
  keyResultId: string;
  sprintId: string;
  initiativeId: string;
  ticketId: string;
}

const RLS_VIOLATION = { code: '42501', message: expect.stringMatching(/row-level security/) };
/** Snapshots are immutable: the app role may not update or delete them at all. */
const IMMUTABLE = new Set(['sprint_snapshots', 'cycle_baselines', 'scope_changes', 'audit_log']);
/** The audit log is written by the database's triggers only: the app role may not even insert. */
const READ_ONLY = new Set(['audit_log']);
const DENIED = { code: '42501', message: expect.stringMatching(/permission denied/) };
const FK_VIOLATION = { code: '23503' };

/**
 * Tenant isolation enforced by PostgreSQL itself: row-level security on every tenant table and
 * composite `(organization_id, id)` foreign keys. These tests go around every service and query the
 * tables directly as the app role, the way a forgotten WHERE clause would.
 */
describe('tenant isolation in the database', () => {
  let db: Database;
  let close: () => Promise<void>;
  let a: Tree;
  let b: Tree;

  beforeAll(async () => {
    ({ db, close } = await openTestDatabase());
    a = await seedOrganization(db, 'alpha');
    b = await seedOrganization(db, 'beta');
  });
  afterAll(() => close());

  const asOrg = <T>(tree: Tree | null, work: (em: EntityManager) => Promise<T>) =>
    db.transaction(
      { organizationId: tree?.organizationId ?? null, userId: tree?.userId ?? null },
      work,
    );

  /** Every row of `org` in every tenant table, read as the owner role (row-level security off). */
  async function snapshot(org: Tree): Promise<Record<string, string[]>> {
    const result: Record<string, string[]> = {};
    for (const table of TENANT_TABLES) {
      const rows: { row: string }[] = await db.dataSource.query(
        `SELECT to_jsonb(t)::text AS row FROM ${table} t WHERE organization_id = $1 ORDER BY 1`,
        [org.organizationId],
      );
      result[table] = rows.map((r) => r.row);
    }
    return result;
  }

  it('seeded a row for both organizations in every tenant table', async () => {
    for (const tree of [a, b]) {
      const rows = await snapshot(tree);
      const empty = TENANT_TABLES.filter((table) => rows[table].length === 0);
      expect(empty).toEqual([]);
    }
  });

  it.each([...TENANT_TABLES])(
    '%s: a query without any WHERE returns only the caller organization rows',
    async (table) => {
      for (const [mine, theirs] of [
        [a, b],
        [b, a],
      ]) {
        const rows: { organization_id: string }[] = await asOrg(mine, (em) =>
          em.query(`SELECT * FROM ${table}`),
        );
        expect(rows.length).toBeGreaterThan(0);
        expect(new Set(rows.map((r) => r.organization_id))).toEqual(new Set([mine.organizationId]));
        expect(rows.some((r) => r.organization_id === theirs.organizationId)).toBe(false);
      }
    },
  );

  it('organizations and users: a member sees their own organization and its members only', async () => {
    const orgs: { id: string }[] = await asOrg(a, (em) => em.query('SELECT * FROM organizations'));
    expect(orgs.map((o) => o.id)).toEqual([a.organizationId]);
    const users: { id: string }[] = await asOrg(a, (em) => em.query('SELECT * FROM users'));
    expect(users.map((u) => u.id)).toEqual([a.userId]);
    expect(await asOrg(null, (em) => em.query('SELECT * FROM organizations'))).toEqual([]);
    expect(await asOrg(null, (em) => em.query('SELECT * FROM users'))).toEqual([]);
    const renamed = await asOrg(a, (em) =>
      em.query(`UPDATE organizations SET name = 'taken' WHERE id = $1`, [b.organizationId]),
    );
    expect(renamed[1]).toBe(0);
  });

  it.each([...TENANT_TABLES])('%s: no organization set means no rows at all', async (table) => {
    const rows = await asOrg(null, (em) => em.query(`SELECT * FROM ${table}`));
    expect(rows).toEqual([]);
    const [{ count }] = await db.dataSource.query(`SELECT count(*)::int AS count FROM ${table}`);
    expect(count).toBeGreaterThanOrEqual(2); // the rows exist; the app role just cannot see them
  });

  it.each([...TENANT_TABLES])(
    "%s: inserting a row with another organization's id is refused",
    async (table) => {
      const before = await snapshot(b);
      // A's own row, re-labelled as B's (and given a fresh id where the table has one).
      const attempt = asOrg(a, async (em) => {
        const [{ row }] = await em.query(`SELECT to_jsonb(t) AS row FROM ${table} t LIMIT 1`);
        const copy = { ...row, organization_id: b.organizationId };
        if ('id' in copy) copy.id = randomUUID();
        await em.query(
          `INSERT INTO ${table} SELECT * FROM jsonb_populate_record(NULL::${table}, $1::jsonb)`,
          [JSON.stringify(copy)],
        );
      });
      await expect(attempt).rejects.toMatchObject(READ_ONLY.has(table) ? DENIED : RLS_VIOLATION);
      expect(await snapshot(b)).toEqual(before);
    },
  );

  it.each([...TENANT_TABLES])(
    '%s: moving a row into another organization is refused',
    async (table) => {
      const before = await snapshot(b);
      const attempt = asOrg(a, (em) =>
        em.query(`UPDATE ${table} SET organization_id = $1`, [b.organizationId]),
      );
      await expect(attempt).rejects.toMatchObject(IMMUTABLE.has(table) ? DENIED : RLS_VIOLATION);
      expect(await snapshot(b)).toEqual(before);
    },
  );

  it.each([...TENANT_TABLES])(
    "%s: updates and deletes aimed at another organization's rows touch nothing",
    async (table) => {
      const before = await snapshot(b);
      if (IMMUTABLE.has(table)) {
        const attempt = asOrg(a, (em) => em.query(`DELETE FROM ${table}`));
        await expect(attempt).rejects.toMatchObject(DENIED);
        expect(await snapshot(b)).toEqual(before);
        return;
      }
      const [, deleted] = await asOrg(a, (em) =>
        em.query(`DELETE FROM ${table} WHERE organization_id = $1`, [b.organizationId]),
      );
      expect(deleted).toBe(0);
      const [, updated] = await asOrg(a, (em) =>
        em.query(
          `UPDATE ${table} SET organization_id = organization_id WHERE organization_id = $1`,
          [b.organizationId],
        ),
      );
      expect(updated).toBe(0);
      expect(await snapshot(b)).toEqual(before);
    },
  );

  describe("composite foreign keys refuse references into another organization's rows", () => {
    const cases: [string, (em: EntityManager) => Promise<unknown>][] = [
      [
        "an objective of A in B's cycle",
        (em) =>
          em.query(
            `INSERT INTO objectives (organization_id, key, cycle_id, title) VALUES ($1, 'X-O', $2, 'x')`,
            [a.organizationId, b.cycleId],
          ),
      ],
      [
        "an objective of A owned by B's team",
        (em) =>
          em.query(
            `INSERT INTO objectives (organization_id, key, cycle_id, team_id, title) VALUES ($1, 'X-O', $2, $3, 'x')`,
            [a.organizationId, a.cycleId, b.teamId],
          ),
      ],
      [
        "a key result of A under B's objective",
        (em) =>
          em.query(
            `INSERT INTO key_results (organization_id, key, objective_id, title, kind, direction, start, target, current)
             VALUES ($1, 'X-KR', $2, 'x', 'NUMERIC', 'INCREASE', 0, 1, 0)`,
            [a.organizationId, b.objectiveId],
          ),
      ],
      [
        "A's objective aligned to B's goal",
        (em) =>
          em.query(
            `INSERT INTO objective_links (organization_id, objective_id, goal_id) VALUES ($1, $2, $3)`,
            [a.organizationId, a.objectiveId, b.goalId],
          ),
      ],
      [
        "A's objective aligned to B's key result",
        (em) =>
          em.query(
            `INSERT INTO objective_links (organization_id, objective_id, key_result_id) VALUES ($1, $2, $3)`,
            [a.organizationId, a.objectiveId, b.keyResultId],
          ),
      ],
      [
        "A's initiative supporting B's key result",
        (em) =>
          em.query(
            `INSERT INTO initiative_links (organization_id, initiative_id, key_result_id) VALUES ($1, $2, $3)`,
            [a.organizationId, a.initiativeId, b.keyResultId],
          ),
      ],
      [
        "A's ticket linked to B's initiative",
        (em) =>
          em.query(
            `INSERT INTO ticket_links (organization_id, ticket_id, initiative_id) VALUES ($1, $2, $3)`,
            [a.organizationId, a.ticketId, b.initiativeId],
          ),
      ],
      [
        "A's ticket put into B's sprint",
        (em) =>
          em.query(`UPDATE tickets SET current_sprint_id = $2 WHERE id = $1`, [
            a.ticketId,
            b.sprintId,
          ]),
      ],
      [
        "a goal of A under B's vision",
        (em) =>
          em.query(
            `INSERT INTO strategic_goals (organization_id, key, vision_id, title) VALUES ($1, 'X-G', $2, 'x')`,
            [a.organizationId, b.visionId],
          ),
      ],
    ];

    it.each(cases)('%s', async (_, write) => {
      const before = { a: await snapshot(a), b: await snapshot(b) };
      await expect(asOrg(a, write)).rejects.toMatchObject(FK_VIOLATION);
      expect({ a: await snapshot(a), b: await snapshot(b) }).toEqual(before);
    });

    it("the same writes with A's own ids succeed (the failures above are about tenancy)", async () => {
      await asOrg(a, async (em) => {
        await em.query('SAVEPOINT own');
        await em.query(
          `INSERT INTO objectives (organization_id, key, cycle_id, team_id, title) VALUES ($1, 'OWN-O', $2, $3, 'x')`,
          [a.organizationId, a.cycleId, a.teamId],
        );
        await em.query(
          `INSERT INTO initiative_links (organization_id, initiative_id, objective_id) VALUES ($1, $2, $3)`,
          [a.organizationId, a.initiativeId, a.objectiveId],
        );
        await em.query('ROLLBACK TO SAVEPOINT own');
      });
    });
  });
});

/**
 * One organization with a row in every tenant table, inserted the way sign-up does it: as the app
 * role, inside that organization's scope.
 */
async function seedOrganization(db: Database, label: string): Promise<Tree> {
  const organizationId = randomUUID();
  const userId = randomUUID();
  return db.transaction({ organizationId, userId }, async (em) => {
    const insert = async (sql: string, params: unknown[]): Promise<string> => {
      const rows: { id: string }[] = await em.query(`${sql} RETURNING id`, params);
      return rows[0].id;
    };
    const org = organizationId;
    await em.query(`INSERT INTO users (id, email, name) VALUES ($1, $2, $3)`, [
      userId,
      `${label}-${userId}@example.com`,
      label,
    ]);
    await em.query(`INSERT INTO organizations (id, name, slug) VALUES ($1, $2, $3)`, [
      org,
      label,
      `${label}-${org.slice(0, 8)}`,
    ]);
    await em.query(
      `INSERT INTO memberships (organization_id, user_id, role, joined_at) VALUES ($1, $2, 'OWNER', now())`,
      [org, userId],
    );
    const visionId = await insert(
      `INSERT INTO visions (organization_id, statement) VALUES ($1, 'North star')`,
      [org],
    );
    const goalId = await insert(
      `INSERT INTO strategic_goals (organization_id, key, vision_id, title) VALUES ($1, 'G1', $2, 'Goal')`,
      [org, visionId],
    );
    const kpiId = await insert(
      `INSERT INTO kpis (organization_id, key, goal_id, title) VALUES ($1, 'K1', $2, 'Uptime')`,
      [org, goalId],
    );
    await insert(
      `INSERT INTO kpi_check_ins (organization_id, kpi_id, value, author_id) VALUES ($1, $2, 99.9, $3)`,
      [org, kpiId, userId],
    );
    const cycleId = await insert(
      `INSERT INTO cycles (organization_id, key, name, start_date, end_date) VALUES ($1, 'Q1', 'Q1', '2027-01-01', '2027-03-31')`,
      [org],
    );
    const teamId = await insert(
      `INSERT INTO teams (organization_id, key, name, capacity) VALUES ($1, 'PLAT', 'Platform', 30)`,
      [org],
    );
    const objectiveId = await insert(
      `INSERT INTO objectives (organization_id, key, cycle_id, team_id, title) VALUES ($1, 'O1', $2, $3, 'Objective')`,
      [org, cycleId, teamId],
    );
    const keyResultId = await insert(
      `INSERT INTO key_results (organization_id, key, objective_id, title, kind, direction, start, target, current)
       VALUES ($1, 'O1-KR1', $2, 'Activation', 'PERCENT', 'INCREASE', 20, 45, 31)`,
      [org, objectiveId],
    );
    await insert(
      `INSERT INTO check_ins (organization_id, key_result_id, value, confidence, author_id) VALUES ($1, $2, 31, 'ON_TRACK', $3)`,
      [org, keyResultId, userId],
    );
    await insert(
      `INSERT INTO objective_links (organization_id, objective_id, goal_id, weight) VALUES ($1, $2, $3, 2)`,
      [org, objectiveId, goalId],
    );
    const sprintId = await insert(
      `INSERT INTO sprints (organization_id, key, team_id, name, start_date, end_date, state)
       VALUES ($1, 'PLAT-S1', $2, 'PLAT Sprint 1', '2027-01-04', '2027-01-17', 'ACTIVE')`,
      [org, teamId],
    );
    const initiativeId = await insert(
      `INSERT INTO initiatives (organization_id, key, title, team_id, cycle_id, estimate) VALUES ($1, 'I1', 'Guided setup', $2, $3, 40)`,
      [org, teamId, cycleId],
    );
    const blockerId = await insert(
      `INSERT INTO initiatives (organization_id, key, title, team_id, cycle_id, estimate) VALUES ($1, 'I0', 'Event schema', $2, $3, 5)`,
      [org, teamId, cycleId],
    );
    await insert(
      `INSERT INTO initiative_dependencies (organization_id, initiative_id, blocked_by_id) VALUES ($1, $2, $3)`,
      [org, initiativeId, blockerId],
    );
    const linkId = await insert(
      `INSERT INTO initiative_links (organization_id, initiative_id, key_result_id, weight) VALUES ($1, $2, $3, 3)`,
      [org, initiativeId, keyResultId],
    );
    const scenarioId = await insert(
      `INSERT INTO plan_scenarios (organization_id, cycle_id, name, created_by) VALUES ($1, $2, 'Lean', $3)`,
      [org, cycleId, userId],
    );
    await em.query(
      `INSERT INTO plan_scenario_initiatives (organization_id, scenario_id, initiative_id, included, estimate, priority, base_version)
       VALUES ($1, $2, $3, true, 30, 'MUST', 1)`,
      [org, scenarioId, initiativeId],
    );
    await em.query(
      `INSERT INTO plan_scenario_teams (organization_id, scenario_id, team_id, capacity_per_sprint, base_version) VALUES ($1, $2, $3, 25, 1)`,
      [org, scenarioId, teamId],
    );
    await em.query(
      `INSERT INTO plan_scenario_links (organization_id, scenario_id, link_id, initiative_id, key_result_id, weight, base_version)
       VALUES ($1, $2, $3, $4, $5, 2, 1)`,
      [org, scenarioId, linkId, initiativeId, keyResultId],
    );
    const ticketId = await insert(
      `INSERT INTO tickets (organization_id, external_key, title, type, work_type, status_category, points, current_sprint_id)
       VALUES ($1, 'PLAT-1', 'Wizard', 'Story', 'NEW_VALUE', 'IN_PROGRESS', 3, $2)`,
      [org, sprintId],
    );
    await em.query(
      `INSERT INTO ticket_sprints (organization_id, ticket_id, sprint_id, position) VALUES ($1, $2, $3, 0)`,
      [org, ticketId, sprintId],
    );
    await em.query(
      `INSERT INTO ticket_links (organization_id, ticket_id, initiative_id) VALUES ($1, $2, $3)`,
      [org, ticketId, initiativeId],
    );
    await em.query(
      `INSERT INTO sprint_snapshots (organization_id, sprint_id, measure, report) VALUES ($1, $2, 'POINTS', '{}')`,
      [org, sprintId],
    );
    await em.query(
      `INSERT INTO cycle_baselines (organization_id, cycle_id, tree, links, estimates, projected) VALUES ($1, $2, '{}', '{}', '{}', '{}')`,
      [org, cycleId],
    );
    await em.query(
      `INSERT INTO scope_changes (organization_id, cycle_id, entity, entity_key, operation) VALUES ($1, $2, 'OBJECTIVE', 'O1', 'UPDATE')`,
      [org, cycleId],
    );
    await em.query(
      `INSERT INTO api_tokens (organization_id, name, scope, secret_hash, created_by) VALUES ($1, 'CI', 'READ', 'x', $2)`,
      [org, userId],
    );
    const [{ id: sourceId }] = await em.query(
      `INSERT INTO ticket_sources (organization_id, kind, name, webhook_secret) VALUES ($1, 'JIRA_CLOUD', 'Jira', 'sealed') RETURNING id`,
      [org],
    );
    await em.query(
      `INSERT INTO source_events (organization_id, source_id, delivery_id, event_type, body) VALUES ($1, $2, 'd1', 'jira:issue_updated', '{}')`,
      [org, sourceId],
    );
    await em.query(
      `INSERT INTO sync_runs (organization_id, source_id, trigger) VALUES ($1, $2, 'MANUAL')`,
      [org, sourceId],
    );
    // audit_log: its row of this transaction is written by the triggers of the inserts above
    return {
      organizationId,
      userId,
      visionId,
      goalId,
      cycleId,
      teamId,
      objectiveId,
      keyResultId,
      sprintId,
      initiativeId,
      ticketId,
    };
  });
}
