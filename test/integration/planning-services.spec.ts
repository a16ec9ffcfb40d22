import { KeyResultScoreService } from '@app/alignment';
import { Tenant, type Actor } from '@app/common';
import type { Database } from '@app/database';
import { PlanImportService } from '@app/integrations';
import { CarryForwardService, CycleLockService, ProjectionService } from '@app/planning';
import { seedOrganization } from '../support/seed-organization.js';
import { openTestDatabase } from '../support/test-database.js';

/**
 * The planning session's services on real PostgreSQL, without HTTP (docs/design.md 3): the
 * projection of a draft, the lock and its baseline, the close and its scores, the carry forward.
 * One small plan computed by hand:
 *   G1 <- O1 <- KR1 (0 -> 10, now 5: progress 0.5) <- I1 (MUST, 6), I4 (COULD, unestimated)
 *   G2 <- O2 <- KR2 (0 -> 10, now 10: progress 1)  <- I2 (SHOULD, 3), I3 (WONT, 9)
 * Projection: I3 (WONT) is left out, I4 counts 0 and is listed: G1 6 of 9, G2 3 of 9.
 */
const PLAN = `version: 1
goals:
  - { key: G1, title: Revenue, targetShare: 0.5 }
  - { key: G2, title: Reliability, targetShare: 0.5 }
teams: [{ key: A, name: Team A, capacity: 10 }]
cycles:
  - { key: Q1, name: Q1, start: 2027-01-01, end: 2027-03-31 }
  - { key: Q2, name: Q2, start: 2027-04-01, end: 2027-06-30 }
objectives:
  - { key: O1, cycle: Q1, title: Grow, alignsTo: [{ goal: G1 }], keyResults: [{ key: KR1, title: k1, kind: NUMERIC, start: 0, target: 10, current: 5 }] }
  - { key: O2, cycle: Q1, title: Hold, alignsTo: [{ goal: G2 }], keyResults: [{ key: KR2, title: k2, kind: NUMERIC, start: 0, target: 10, current: 10 }] }
initiatives:
  - { key: I1, title: I1, team: A, cycle: Q1, priority: MUST, estimate: 6, supports: [{ keyResult: KR1 }] }
  - { key: I2, title: I2, team: A, cycle: Q1, priority: SHOULD, estimate: 3, supports: [{ keyResult: KR2 }] }
  - { key: I3, title: I3, team: A, cycle: Q1, priority: WONT, estimate: 9, supports: [{ keyResult: KR2 }] }
  - { key: I4, title: I4, team: A, cycle: Q1, priority: COULD, supports: [{ keyResult: KR1 }] }
`;

describe('planning services: projection, lock, close and carry forward', () => {
  let db: Database;
  let close: () => Promise<void>;
  let actor: Actor;
  let projection: ProjectionService;
  let locks: CycleLockService;
  let carry: CarryForwardService;
  const goalKeys = new Map<string, string>();

  const query = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    db.transaction({ organizationId: actor.organizationId, userId: actor.userId }, (em) =>
      em.query(sql, params),
    ) as Promise<T[]>;

  beforeAll(async () => {
    ({ db, close } = await openTestDatabase());
    const tenant = new Tenant(db);
    projection = new ProjectionService(tenant);
    locks = new CycleLockService(tenant, new KeyResultScoreService(tenant));
    carry = new CarryForwardService(tenant);
    actor = await seedOrganization(db, 'planning');
    const imported = await new PlanImportService(tenant).importPlan(actor, PLAN, false);
    expect(imported.problems).toEqual([]);
    for (const g of await query<{ id: string; key: string }>(`SELECT id, key FROM strategic_goals`))
      goalKeys.set(g.id, g.key);
  });
  afterAll(() => close());

  const byGoal = (goals: { goalId: string; effort: number; share: number }[]) =>
    Object.fromEntries(goals.map((g) => [goalKeys.get(g.goalId), [g.effort, g.share]]));

  it('projects the draft: WONT left out, the unestimated counted 0 and listed', async () => {
    const p = await projection.projectedAlignment(actor, 'Q1');
    expect(p.totalEffort).toBe(9);
    expect(byGoal(p.goals)).toEqual({ G1: [6, 6 / 9], G2: [3, 3 / 9] });
    expect(p.unestimatedInitiatives.map((i) => i.key)).toEqual(['I4']);
  });

  it('weighs demand against capacity by cadence for a quarter without sprints', async () => {
    const [team] = await projection.capacity(actor, 'Q1');
    // 90 days by the default cadence of 14 days: 90 / 14 sprints of 10 points
    expect(team.capacity).toBeCloseTo((90 / 14) * 10, 9);
    expect(team.demand).toBe(9); // MUST 6 + SHOULD 3 + COULD unestimated; WONT out
    expect(team.overCommitted).toBe(false);
  });

  it('locks the draft with a baseline of its planned effort, once', async () => {
    const baseline = await locks.lockCycle(actor, 'Q1');
    expect(baseline.plannedEffort).toBe(9);
    const [cycle] = await query<{ state: string }>(`SELECT state FROM cycles WHERE key = 'Q1'`);
    expect(cycle.state).toBe('ACTIVE');
    // an ACTIVE cycle is not locked again: the state moves only DRAFT -> ACTIVE
    await expect(locks.lockCycle(actor, 'Q1')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('closes the quarter, scoring each key result at its final progress', async () => {
    const retro = await locks.closeCycle(actor, 'Q1');
    expect(retro.scoredKeyResults).toBe(2);
    const scores = await query<{ key: string; score: number }>(
      `SELECT key, score::float8 AS score FROM key_results ORDER BY key`,
    );
    expect(scores).toEqual([
      { key: 'KR1', score: 0.5 },
      { key: 'KR2', score: 1 },
    ]);
    const planned = Object.fromEntries(
      retro.goals.map((g) => [goalKeys.get(g.goalId), g.plannedShare]),
    );
    expect(planned).toEqual({ G1: 6 / 9, G2: 3 / 9 });
  });

  it('carries the unfinished objective forward with its key result and initiative links', async () => {
    const copies = await carry.carryForward(actor, { fromCycleKey: 'Q1', toCycleKey: 'Q2' });
    expect(copies.map((o) => o.key)).toEqual(['O1@Q2']);
    const links = await query<{ initiative: string; keyResult: string }>(
      `SELECT i.key AS initiative, k.key AS "keyResult" FROM initiative_links l
         JOIN initiatives i ON i.id = l.initiative_id JOIN key_results k ON k.id = l.key_result_id
        ORDER BY 1`,
    );
    expect(links).toEqual([
      { initiative: 'I1', keyResult: 'KR1@Q2' },
      { initiative: 'I2', keyResult: 'KR2' },
      { initiative: 'I3', keyResult: 'KR2' },
      { initiative: 'I4', keyResult: 'KR1@Q2' },
    ]);
  });
});
