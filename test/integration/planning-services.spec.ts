import { KeyResultScoreService } from '@app/alignment';
import { InProcessEventBus, Tenant, type Actor } from '@app/common';
import type { Database } from '@app/database';
import { PlanImportService, TicketUpsertService } from '@app/integrations';
import {
  CarryForwardService,
  CycleLockService,
  LoadedBaselines,
  ProjectionService,
  type TeamCapacityType,
} from '@app/planning';
import { KeyResultService } from '@app/strategy';
import { CycleService, InitiativeService, OrganizationService } from '../support/lib-services.js';
import { seedOrganization } from '../support/seed-organization.js';
import { openTestDatabase } from '../support/test-database.js';
import { PLANNING_SESSION_PLAN } from '../support/plans.js';

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

/**
 * The planning session of test/e2e/planning.e2e.spec.ts, through the services: one plan computed
 * by hand, carried forward, projected against capacity, locked, changed, compared with the actual
 * alignment and closed. The cases run in order on one organization, as a planning session does;
 * what only HTTP shows (roles, the schema's refusals, another organization, the answers' shapes)
 * stays in the e2e file.
 */

describe('planning session: carry forward, projection, capacity, lock, scope changes and close', () => {
  let db: Database;
  let close: () => Promise<void>;
  let actor: Actor;
  let plans: PlanImportService;
  let carry: CarryForwardService;
  let projection: ProjectionService;
  let locks: CycleLockService;
  let cycles: CycleService;
  let initiatives: InitiativeService;
  let keyResults: KeyResultService;
  let organizations: OrganizationService;
  let tickets: TicketUpsertService;

  const query = <T = Record<string, any>>(who: Actor, sql: string, params: unknown[] = []) =>
    db.transaction({ organizationId: who.organizationId, userId: who.userId }, (em) =>
      em.query(sql, params),
    ) as Promise<T[]>;
  /** Keys by id of the goals, key results, objectives and initiatives of an organization. */
  const keysById = async (who: Actor) =>
    new Map(
      (
        await query<{ id: string; key: string }>(
          who,
          `SELECT id, key FROM strategic_goals UNION ALL SELECT id, key FROM objectives
           UNION ALL SELECT id, key FROM key_results UNION ALL SELECT id, key FROM initiatives`,
        )
      ).map((r) => [r.id, r.key]),
    );
  /** A fresh organization with PLANNING_SESSION_PLAN loaded (Q1 ACTIVE with its loaded baseline). */
  const planned = async (operation: string) => {
    const who = await seedOrganization(db, operation);
    const imported = await plans.importPlan(who, PLANNING_SESSION_PLAN, false);
    expect(imported.problems).toEqual([]);
    return who;
  };

  beforeAll(async () => {
    ({ db, close } = await openTestDatabase());
    const tenant = new Tenant(db);
    const bus = new InProcessEventBus();
    // with planning's hook, as the API composes it: a cycle loaded ACTIVE gets its baseline
    plans = new PlanImportService(tenant, new LoadedBaselines());
    carry = new CarryForwardService(tenant);
    projection = new ProjectionService(tenant);
    locks = new CycleLockService(tenant, new KeyResultScoreService(tenant));
    cycles = new CycleService(tenant);
    initiatives = new InitiativeService(tenant);
    keyResults = new KeyResultService(tenant, bus);
    organizations = new OrganizationService(tenant);
    tickets = new TicketUpsertService(tenant, bus);
    actor = await planned('planning');
  });
  afterAll(() => close());

  it('carryForward refuses an unknown cycle or objective, an ACTIVE or the same target, changing nothing', async () => {
    const refused = (input: {
      fromCycleKey: string;
      toCycleKey: string;
      objectiveKeys?: string[];
    }) => expect(carry.carryForward(actor, input)).rejects;
    await refused({ fromCycleKey: 'Q9', toCycleKey: 'Q2' }).toMatchObject({ code: 'NOT_FOUND' });
    // Q1 is ACTIVE
    await refused({ fromCycleKey: 'Q2', toCycleKey: 'Q1' }).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    await refused({ fromCycleKey: 'Q2', toCycleKey: 'Q2' }).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    await refused({
      fromCycleKey: 'Q1',
      toCycleKey: 'Q2',
      objectiveKeys: ['O1', 'NOPE'],
    }).toMatchObject({ code: 'NOT_FOUND' });
    const objectives = await query<{ key: string }>(
      actor,
      `SELECT key FROM objectives ORDER BY key`,
    );
    expect(objectives.map((o) => o.key)).toEqual(['O1', 'O2', 'O3', 'P1']);
  });

  it('carryForward copies the unfinished objectives with lineage and moves initiative links', async () => {
    const copies = await carry.carryForward(actor, { fromCycleKey: 'Q1', toCycleKey: 'Q2' });
    const keys = await keysById(actor);
    expect(copies.map((o) => [o.key, keys.get(o.originObjectiveId!)])).toEqual([
      ['O1@Q2', 'O1'],
      ['O3@Q2', 'O3'],
    ]);
    const [o1] = await query(
      actor,
      `SELECT c.key AS cycle FROM objectives o JOIN cycles c ON c.id = o.cycle_id WHERE o.key = 'O1@Q2'`,
    );
    expect(o1.cycle).toBe('Q2');
    const o1KeyResults = await query(
      actor,
      `SELECT k.key, origin.key AS origin, k.current::float8 AS current FROM key_results k
         JOIN objectives o ON o.id = k.objective_id
         LEFT JOIN key_results origin ON origin.id = k.origin_key_result_id
        WHERE o.key = 'O1@Q2' ORDER BY k.key`,
    );
    expect(o1KeyResults).toEqual([{ key: 'O1-KR1@Q2', origin: 'O1-KR1', current: 5 }]);
    const linked = async (keyResult: string) =>
      (
        await query<{ key: string }>(
          actor,
          `SELECT i.key FROM initiative_links l JOIN initiatives i ON i.id = l.initiative_id
             JOIN key_results k ON k.id = l.key_result_id WHERE k.key = $1 ORDER BY i.key`,
          [keyResult],
        )
      ).map((r) => r.key);
    expect(await linked('O1-KR1@Q2')).toEqual(['I1', 'I5', 'I7']);
    expect(await linked('O1-KR1')).toEqual([]);
    // O3 aligned to O1-KR1: its copy aligns to the copy of O1-KR1.
    const alignsTo = await query(
      actor,
      `SELECT k.key AS "keyResult", l.weight::float8 AS weight FROM objective_links l
         JOIN objectives o ON o.id = l.objective_id JOIN key_results k ON k.id = l.key_result_id
        WHERE o.key = 'O3@Q2'`,
    );
    expect(alignsTo).toEqual([{ keyResult: 'O1-KR1@Q2', weight: 1 }]);
  });

  it('carryForward of objectives carried already is a CONFLICT, writing nothing', async () => {
    await expect(
      carry.carryForward(actor, {
        fromCycleKey: 'Q1',
        toCycleKey: 'Q2',
        objectiveKeys: ['O2', 'O1'],
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await query(actor, `SELECT 1 FROM objectives WHERE key = 'O2@Q2'`)).toEqual([]);
  });

  it('projectedAlignment equals the hand-computed table', async () => {
    // counted: I1 12 (G1 9, G2 3), I2 6 (G2), I3 4 (G3), I4 unestimated 0, I6 3 (NO_KEY_RESULT);
    // I5 is WONT (left out), I7 is planned for Q1. Total 25.
    const r = await projection.projectedAlignment(actor, 'Q2');
    const keys = await keysById(actor);
    expect(r).toMatchObject({
      totalEffort: 25,
      alignedEffort: 22,
      ticketCount: 5,
      unestimatedTickets: 1,
    });
    expect(
      r.goals.map(({ goalId, effort, share, percent, reach }) => ({
        goal: keys.get(goalId),
        effort,
        share,
        percent,
        reach,
      })),
    ).toEqual([
      { goal: 'G1', effort: 9, share: 9 / 25, percent: 36, reach: 12 / 25 },
      { goal: 'G2', effort: 9, share: 9 / 25, percent: 36, reach: 18 / 25 },
      { goal: 'G3', effort: 4, share: 4 / 25, percent: 16, reach: 4 / 25 },
    ]);
    expect(
      r.unaligned.map(({ reason, effort, percent, ticketCount }) => ({
        reason,
        effort,
        percent,
        ticketCount,
      })),
    ).toEqual([{ reason: 'NO_KEY_RESULT', effort: 3, percent: 12, ticketCount: 1 }]);
    expect(
      r.horizons.map(({ horizon, effort, targetShare }) => ({ horizon, effort, targetShare })),
    ).toEqual([
      { horizon: 'CORE', effort: 9, targetShare: 0.7 },
      { horizon: 'ADJACENT', effort: 9, targetShare: 0.2 },
      { horizon: 'TRANSFORMATIONAL', effort: 4, targetShare: 0.1 },
      { horizon: 'UNALIGNED', effort: 3, targetShare: null },
    ]);
    expect(r.unestimatedInitiatives.map((i) => i.key)).toEqual(['I4']);
  });

  /** A team's capacity with its team and initiatives by key, as the API names them. */
  const byKeys = (c: TeamCapacityType) => ({
    ...c,
    team: c.team.key,
    lines: c.lines.map(({ initiative, priority, demand, cumulative, aboveCut }) => ({
      initiative: initiative.key,
      priority,
      demand,
      cumulative,
      aboveCut,
    })),
  });

  it('capacity: sprints by their share of days, the rest by cadence, MoSCoW order (hand-computed)', async () => {
    const session = await projection.session(actor, 'Q2');
    expect({ key: session.cycle.key, state: session.cycle.state }).toEqual({
      key: 'Q2',
      state: 'DRAFT',
    });
    expect(session.projected.totalEffort).toBe(25);
    // Q2 is Apr 1 - Jun 30, 91 days; the cadence is the default 14 days.
    // A: A-S5 and A-S6 lie inside (2); after their last day (May 2) come May 3 - Jun 30 = 59 days,
    //    59 / 14 expected sprints: 10 x (2 + 59/14) = 62.14 > demand 22 (I1 12, I2 18, I3 22), fits.
    // B: B-S5 (Mar 29 - Apr 11) has 11 of its 14 days inside = 11/14; Apr 12 - Jun 30 = 80 days,
    //    80/14: 5 x (11/14 + 80/14) = 5 x 6.5 = 32.5; I4 0, I6 3.
    // C has no sprints and no initiatives: not shown.
    const [a, b, ...rest] = session.capacity.map(byKeys);
    expect(rest).toEqual([]);
    expect(a).toMatchObject({ team: 'A', capacityPerSprint: 10, sprints: 2, demand: 22 });
    expect(a.sprintEquivalents).toBeCloseTo(2 + 59 / 14, 9);
    expect(a.expectedSprints).toBeCloseTo(59 / 14, 9);
    expect(a.capacity).toBeCloseTo(62.142857143, 6);
    expect(a.overCommitted).toBe(false);
    expect(a.lines).toEqual([
      { initiative: 'I1', priority: 'MUST', demand: 12, cumulative: 12, aboveCut: true },
      { initiative: 'I2', priority: 'SHOULD', demand: 6, cumulative: 18, aboveCut: true },
      { initiative: 'I3', priority: 'COULD', demand: 4, cumulative: 22, aboveCut: true },
    ]);
    expect(b).toMatchObject({ team: 'B', capacityPerSprint: 5, sprints: 1, demand: 3 });
    expect(b.sprintEquivalents).toBeCloseTo(6.5, 9);
    expect(b.expectedSprints).toBeCloseTo(80 / 14, 9);
    expect(b.capacity).toBeCloseTo(32.5, 9);
    expect(b.overCommitted).toBe(false);
    expect(b.lines).toEqual([
      { initiative: 'I4', priority: 'MUST', demand: 0, cumulative: 0, aboveCut: true },
      { initiative: 'I6', priority: 'SHOULD', demand: 3, cumulative: 3, aboveCut: true },
    ]);
    expect((await projection.capacity(actor, 'Q2')).map((c) => c.team.key)).toEqual(['A', 'B']);
    await expect(projection.capacity(actor, 'Q9')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('capacity by cadence: a quarter without sprints has capacity; the setting moves the cut (hand-computed)', async () => {
    const other = await planned('cadence');
    const q3 = await cycles.create(other, {
      key: 'Q3',
      name: 'Q3',
      startDate: '2027-07-01',
      endDate: '2027-09-30',
    });
    expect(q3.state).toBe('DRAFT');
    const [teamC] = await query<{ id: string }>(other, `SELECT id FROM teams WHERE key = 'C'`);
    await initiatives.create(other, {
      key: 'I9',
      title: 'I9',
      cycleId: q3.id,
      teamId: teamC.id,
      status: 'PROPOSED',
      priority: 'MUST',
      estimate: 40,
    });
    const capacityOf = async (cycleKey: string) =>
      (await projection.capacity(other, cycleKey)).map(byKeys);
    // Q3 (Jul 1 - Sep 30, 92 days) has no sprints: C's capacity is 8 x 92/14 = 52.57 >= 40.
    const [inQ3] = await capacityOf('Q3');
    expect(inQ3).toMatchObject({ team: 'C', sprints: 0, overCommitted: false });
    expect(inQ3.sprintEquivalents).toBeCloseTo(92 / 14, 9);
    expect(inQ3.expectedSprints).toBeCloseTo(92 / 14, 9);
    expect(inQ3.capacity).toBeCloseTo(52.571428571, 6);

    const org = await organizations.updateSettings(other, { cadenceDays: 365 });
    expect(org.settings.cadenceDays).toBe(365);
    // A yearly cadence: C in Q3 has 8 x 92/365 = 2.02 < 40, over-committed.
    const [inQ3Yearly] = await capacityOf('Q3');
    expect(inQ3Yearly.capacity).toBeCloseTo((8 * 92) / 365, 9);
    expect(inQ3Yearly.overCommitted).toBe(true);
    // A in Q2: 10 x (2 + 59/365) = 21.62 < 22: I3 (cumulative 22) falls below the cut.
    const [a, b] = await capacityOf('Q2');
    expect(a.team).toBe('A');
    expect(a.capacity).toBeCloseTo(10 * (2 + 59 / 365), 9);
    expect(a.overCommitted).toBe(true);
    expect(a.lines.map((l) => [l.initiative, l.aboveCut])).toEqual([
      ['I1', true],
      ['I2', true],
      ['I3', false],
    ]);
    // B: 5 x (11/14 + 80/365).
    expect(b.capacity).toBeCloseTo(5 * (11 / 14 + 80 / 365), 9);
  });

  it('lockCycle takes a DRAFT cycle while none is ACTIVE; closeCycle an ACTIVE one', async () => {
    await expect(locks.lockCycle(actor, 'Q9')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // not DRAFT
    await expect(locks.lockCycle(actor, 'Q1')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    // Q1 is ACTIVE
    await expect(locks.lockCycle(actor, 'Q2')).rejects.toMatchObject({ code: 'CONFLICT' });
    // DRAFT
    await expect(locks.closeCycle(actor, 'Q2')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    // not locked
    await expect(
      projection.planVsActual(actor, { cycleKey: 'Q2', first: 50 }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    const closed = await locks.closeCycle(actor, 'Q1');
    expect({ key: closed.cycle.key, state: closed.cycle.state }).toEqual({
      key: 'Q1',
      state: 'CLOSED',
    });

    const baseline = await locks.lockCycle(actor, 'Q2');
    expect({ key: baseline.cycle.key, state: baseline.cycle.state }).toEqual({
      key: 'Q2',
      state: 'ACTIVE',
    });
    expect(baseline).toMatchObject({
      objectiveCount: 3,
      keyResultCount: 3,
      initiativeCount: 5,
      plannedEffort: 25,
      projected: { totalEffort: 25 },
    });
    // now ACTIVE
    await expect(locks.lockCycle(actor, 'Q2')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('the baseline is immutable, also to the app role in SQL', async () => {
    await expect(
      db.transaction({ organizationId: actor.organizationId }, (em) =>
        em.query(`UPDATE cycle_baselines SET projected = '{}'`),
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(
      db.transaction({ organizationId: actor.organizationId }, (em) =>
        em.query(`DELETE FROM scope_changes`),
      ),
    ).rejects.toThrow(/permission denied/);
  });

  it('records scope changes of the locked cycle with who and when, whatever the write path', async () => {
    const before = Date.now();
    const idOf = async (table: string, key: string) =>
      (await query<{ id: string }>(actor, `SELECT id FROM ${table} WHERE key = $1`, [key]))[0].id;
    await initiatives.update(actor, { id: await idOf('initiatives', 'I2'), estimate: 10 });
    // a check-in moves a measurement, not the scope; the CLOSED cycle's key results are not Q2's
    await keyResults.checkIn(actor, {
      keyResultId: await idOf('key_results', 'P1-KR1'),
      value: 2,
      confidence: 'ON_TRACK',
      note: '',
    });
    await keyResults.update(actor, { id: await idOf('key_results', 'O2-KR1'), title: 'renamed' });
    // a write that bypasses the services entirely is recorded too
    await db.transaction({ organizationId: actor.organizationId }, (em) =>
      em.query(`UPDATE objectives SET title = 'P1 (sql)' WHERE key = 'P1'`),
    );
    const p = await projection.planVsActual(actor, { cycleKey: 'Q2', first: 50 });
    expect(p.scopeChangeCount).toBe(2);
    expect(p.scopeChanges.map((c) => [c.entity, c.entityKey, c.operation])).toEqual([
      ['OBJECTIVE', 'P1', 'UPDATE'],
      ['INITIATIVE', 'I2', 'UPDATE'],
    ]);
    const change = p.scopeChanges[1];
    expect(change.changedBy).toBe(actor.userId);
    expect(new Date(change.changedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(JSON.parse(change.before!).estimate).toBe(6);
    expect(JSON.parse(change.after!).estimate).toBe(10);
    expect(p.scopeChanges[0].changedBy).toBeNull();
    // the baseline still shows the plan as locked
    expect(p.baseline.plannedEffort).toBe(25);
    expect(p.baseline.projected.goals.map((g) => g.share)).toEqual([9 / 25, 9 / 25, 4 / 25]);
  });

  it('planVsActual compares the baseline with the actual alignment of the cycle', async () => {
    // as upsertTickets receives it
    const result = await tickets.upsert(actor, 'API', [
      {
        externalKey: 'T1',
        externalId: null,
        title: 'T1',
        type: 'Story',
        labels: [],
        rawStatus: 'In Progress',
        sourceCategory: null,
        points: 5,
        sprintNames: ['A Sprint 5'],
        epicKey: 'E2',
        parentKey: null,
        origin: 'tickets[0]',
      },
    ]);
    expect(result.created).toBe(1);
    const p = await projection.planVsActual(actor, { cycleKey: 'Q2', first: 50 });
    const keys = await keysById(actor);
    // actual: T1 (5 points) -> I2 -> O2-KR1 -> O2 -> G2: G2 1, the others 0
    expect(p.goals.map(({ goalId, ...g }) => ({ goal: keys.get(goalId), ...g }))).toEqual([
      { goal: 'G1', plannedShare: 9 / 25, actualShare: 0, drift: -9 / 25 },
      { goal: 'G2', plannedShare: 9 / 25, actualShare: 1, drift: 1 - 9 / 25 },
      { goal: 'G3', plannedShare: 4 / 25, actualShare: 0, drift: -4 / 25 },
    ]);
  });

  it('closeCycle scores the key results and returns the retro per goal; later changes are no scope changes', async () => {
    const retro = await locks.closeCycle(actor, 'Q2');
    const keys = await keysById(actor);
    // scores at final progress: O1-KR1@Q2 5/10, O3-KR1@Q2 0, P1-KR1 2/4 (after the check-in)
    expect({
      cycle: { key: retro.cycle.key, state: retro.cycle.state },
      scoredKeyResults: retro.scoredKeyResults,
      goals: retro.goals.map(({ goalId, ...g }) => ({ goal: keys.get(goalId), ...g })),
    }).toEqual({
      cycle: { key: 'Q2', state: 'CLOSED' },
      scoredKeyResults: 3,
      goals: [
        { goal: 'G1', plannedShare: 9 / 25, actualShare: 0, score: 0.5 },
        { goal: 'G2', plannedShare: 9 / 25, actualShare: 1, score: 0.5 },
        { goal: 'G3', plannedShare: 4 / 25, actualShare: 0, score: 0.5 },
      ],
    });
    // already CLOSED
    await expect(locks.closeCycle(actor, 'Q2')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    // changes after the close are not scope changes any more
    await db.transaction({ organizationId: actor.organizationId }, (em) =>
      em.query(`UPDATE objectives SET title = 'P1 again' WHERE key = 'P1'`),
    );
    expect(
      (await projection.planVsActual(actor, { cycleKey: 'Q2', first: 50 })).scopeChangeCount,
    ).toBe(2);
  });

  it('reads a baseline stored in the first shape: no dependency figures, rows without versions', async () => {
    // a baseline of a release before initiative dependencies and row versions, as such a row holds it
    const o = await seedOrganization(db, 'old-baseline');
    const imported = await plans.importPlan(
      o,
      `version: 1
goals: [{ key: G1, title: G1, horizon: CORE }]
cycles: [{ key: OLD, name: OLD, start: 2027-01-01, end: 2027-03-31 }]
initiatives: [{ key: U1, title: U1, cycle: OLD, priority: MUST }]
`,
      false,
    );
    expect(imported.problems).toEqual([]);
    const [ids] = await query(
      o,
      `SELECT (SELECT id FROM cycles WHERE key = 'OLD') AS cycle,
              (SELECT id FROM initiatives WHERE key = 'U1') AS initiative,
              (SELECT id FROM strategic_goals WHERE key = 'G1') AS goal`,
    );
    const estimate = (key: string, priority: string, value: number | null) => ({
      id: key,
      key,
      title: key,
      teamId: null,
      status: 'PLANNED',
      priority,
      estimate: value,
    });
    const row = {
      organizationId: o.organizationId,
      id: ids.initiative,
      key: 'U1',
      externalKey: null,
      externalId: null,
      title: 'U1',
      teamId: null,
      status: 'PLANNED',
      priority: 'MUST',
      estimate: null,
      cycleId: ids.cycle,
      createdAt: '2026-01-02T03:04:05.678Z',
      updatedAt: '2026-01-02T03:04:05.678Z',
      archivedAt: '2026-02-03T04:05:06.789Z',
    };
    const stored = {
      totalEffort: 4,
      alignedEffort: 4,
      alignedShare: 1,
      ticketCount: 2,
      unestimatedTickets: 1,
      goals: [
        {
          goalId: ids.goal,
          effort: 4,
          share: 1,
          percent: 100,
          reach: 1,
          targetShare: null,
          gap: null,
        },
      ],
      unaligned: [],
      horizons: [],
      workTypes: [],
      unestimatedInitiatives: [row],
    };
    await db.transaction({ organizationId: o.organizationId }, (em) =>
      em.query(
        `INSERT INTO cycle_baselines (organization_id, cycle_id, tree, links, estimates, projected) VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          o.organizationId,
          ids.cycle,
          JSON.stringify({ objectives: [{ id: 'o', key: 'O' }], keyResults: [] }),
          JSON.stringify({ objectiveLinks: [], initiativeLinks: [] }),
          JSON.stringify({
            initiatives: [
              estimate('U1', 'MUST', null),
              estimate('U2', 'SHOULD', 4),
              estimate('U3', 'WONT', 7),
            ],
          }),
          JSON.stringify(stored),
        ],
      ),
    );
    const p = await projection.planVsActual(o, { cycleKey: 'OLD', first: 50 });
    const { baseline } = p;
    expect({
      objectiveCount: baseline.objectiveCount,
      keyResultCount: baseline.keyResultCount,
      initiativeCount: baseline.initiativeCount,
      plannedEffort: baseline.plannedEffort,
    }).toEqual({ objectiveCount: 1, keyResultCount: 0, initiativeCount: 2, plannedEffort: 4 });
    const { projected } = baseline;
    expect({
      totalEffort: projected.totalEffort,
      atRiskEffort: projected.atRiskEffort,
      atRiskShare: projected.atRiskShare,
      atRiskDependencies: projected.atRiskDependencies,
    }).toEqual({ totalEffort: 4, atRiskEffort: 0, atRiskShare: 0, atRiskDependencies: [] });
    expect(
      projected.goals.map((g) => ({
        goalId: g.goalId,
        share: g.share,
        atRiskEffort: g.atRiskEffort,
        atRiskShare: g.atRiskShare,
        atRiskDependencies: g.atRiskDependencies,
      })),
    ).toEqual([
      { goalId: ids.goal, share: 1, atRiskEffort: 0, atRiskShare: 0, atRiskDependencies: [] },
    ]);
    // version 1: what the row-versions migration gave every row then standing
    expect(
      projected.unestimatedInitiatives.map((i) => ({
        key: i.key,
        archivedAt: i.archivedAt && new Date(i.archivedAt).toISOString(),
        version: i.version,
      })),
    ).toEqual([{ key: 'U1', archivedAt: row.archivedAt, version: 1 }]);
    expect(p.goals.map((g) => ({ goalId: g.goalId, plannedShare: g.plannedShare }))).toEqual([
      { goalId: ids.goal, plannedShare: 1 },
    ]);
  });
});
