import { KeyResultScoreService } from '@app/alignment';
import {
  childPageKey,
  DEFAULT_PAGE,
  InProcessEventBus,
  LoaderRegistry,
  Tenant,
  type Actor,
  type RequestContext,
} from '@app/common';
import type { Database } from '@app/database';
import { keyResultProgress } from '@app/domain';
import { CycleLockService } from '@app/planning';
import {
  GoalLoaders,
  KeyResultLoaders,
  KeyResultService,
  ObjectiveLinkLoaders,
  ObjectiveLoaders,
} from '@app/strategy';
import {
  CycleService,
  GoalService,
  ObjectiveLinkService,
  ObjectiveService,
  TeamService,
} from '../support/lib-services.js';
import { seedOrganization } from '../support/seed-organization.js';
import { strategySnapshot } from '../support/strategy-snapshot.js';
import { openTestDatabase } from '../support/test-database.js';

const NIL = '00000000-0000-4000-8000-000000000000';
const PAGE = { first: DEFAULT_PAGE };

type ObjectiveDraft = Parameters<ObjectiveService['create']>[1];
type KeyResultDraft = Parameters<KeyResultService['create']>[1];

/**
 * Objectives, key results, check-ins and their progress (docs/design.md 2.2) through the strategy
 * services and loaders on real PostgreSQL, without HTTP: the rules each write holds, the refusals
 * the services throw, and the figures computed from what is stored. What only HTTP shows (the
 * schema's validation, roles, another organization's ids, the shapes of the answers) stays in
 * test/e2e/strategy-objectives.e2e.spec.ts. Every case has an organization of its own.
 */
describe('objectives and key results: the strategy services', () => {
  let db: Database;
  let close: () => Promise<void>;
  let cycles: CycleService;
  let teams: TeamService;
  let goals: GoalService;
  let objectives: ObjectiveService;
  let keyResults: KeyResultService;
  let links: ObjectiveLinkService;
  let locks: CycleLockService;
  let keyResultLoaders: KeyResultLoaders;
  let objectiveLoaders: ObjectiveLoaders;
  let goalLoaders: GoalLoaders;

  beforeAll(async () => {
    ({ db, close } = await openTestDatabase());
    const tenant = new Tenant(db);
    cycles = new CycleService(tenant);
    teams = new TeamService(tenant);
    goals = new GoalService(tenant);
    objectives = new ObjectiveService(tenant);
    keyResults = new KeyResultService(tenant, new InProcessEventBus());
    links = new ObjectiveLinkService(tenant);
    locks = new CycleLockService(tenant, new KeyResultScoreService(tenant));
    keyResultLoaders = new KeyResultLoaders(tenant);
    objectiveLoaders = new ObjectiveLoaders(tenant, keyResultLoaders);
    goalLoaders = new GoalLoaders(tenant, new ObjectiveLinkLoaders(tenant), objectiveLoaders);
  });
  afterAll(() => close());

  /** What one GraphQL request gives its resolvers: the actor and loaders of its own. */
  const requestOf = (actor: Actor): RequestContext => ({
    req: {} as RequestContext['req'],
    actor,
    loaders: new LoaderRegistry(),
  });

  const cycle = (actor: Actor, key: string, startDate = '2027-01-01', endDate = '2027-03-31') =>
    cycles.create(actor, { key, name: key, startDate, endDate }).then((c) => c.id);
  const team = (actor: Actor, key: string) =>
    teams.create(actor, { key, name: key, capacity: 0 }).then((t) => t.id);
  const goal = (actor: Actor, key: string) =>
    goals.create(actor, { key, title: key, description: '', horizon: 'CORE' });
  /** As createObjective receives it: the schema's defaults filled in. */
  const objective = (actor: Actor, draft: Partial<ObjectiveDraft> & { key: string }) =>
    objectives.create(actor, {
      cycleId: '',
      title: draft.key,
      description: '',
      status: 'ACTIVE',
      ...draft,
    });
  /** As createKeyResult receives it: NUMERIC 0 -> 10 unless said otherwise, weight 1, no unit. */
  const keyResult = (actor: Actor, draft: Partial<KeyResultDraft> & { key: string }) =>
    keyResults.create(actor, {
      objectiveId: '',
      title: draft.key,
      kind: 'NUMERIC',
      start: 0,
      target: 10,
      unit: '',
      weight: 1,
      ...draft,
    });
  const keysOf = (page: { nodes: { key: string }[] }) => page.nodes.map((n) => n.key);

  /** An organization with a cycle Q1, a team PLAT and an objective O1 of that team. */
  async function setUp() {
    const actor = await seedOrganization(db, 'strategy');
    const cycleId = await cycle(actor, 'Q1');
    const teamId = await team(actor, 'PLAT');
    const objectiveId = (await objective(actor, { key: 'O1', cycleId, teamId })).id;
    return { actor, cycleId, teamId, objectiveId };
  }

  describe('objectives', () => {
    it('creates a company-level objective ACTIVE, its title trimmed, without progress', async () => {
      const { actor, cycleId } = await setUp();
      const company = await objective(actor, {
        key: 'C1',
        cycleId,
        title: '  Win enterprise  ',
        description: 'why',
      });
      expect(company).toMatchObject({
        key: 'C1',
        title: 'Win enterprise',
        description: 'why',
        status: 'ACTIVE',
        cycleId,
        teamId: null,
      });
      expect(await objectiveLoaders.progress(requestOf(actor)).load(company.id)).toBeNull();
      expect((await objectives.get(actor, { id: company.id })).key).toBe('C1');
    });

    it('lists by cycle, by team, by both, and all, ordered by key', async () => {
      const { actor, cycleId, teamId } = await setUp();
      const q2 = await cycle(actor, 'Q2', '2027-04-01', '2027-06-30');
      await objective(actor, { key: 'C1', cycleId });
      await objective(actor, { key: 'O2', cycleId: q2, teamId, title: 'Later' });
      const list = (args: { cycleKey?: string; teamKey?: string }) =>
        objectives.list(actor, { ...PAGE, ...args }).then(keysOf);
      expect(await list({ cycleKey: 'Q1' })).toEqual(['C1', 'O1']);
      expect(await list({ teamKey: 'PLAT' })).toEqual(['O1', 'O2']);
      expect(await list({ cycleKey: 'Q2', teamKey: 'PLAT' })).toEqual(['O2']);
      expect(await list({})).toEqual(['C1', 'O1', 'O2']);
    });

    it('moves an objective to a team and another cycle, and back to company-level with teamId null, keeping the rest', async () => {
      const { actor, cycleId, teamId } = await setUp();
      const q2 = await cycle(actor, 'Q2', '2027-04-01', '2027-06-30');
      const company = await objective(actor, { key: 'C1', cycleId, title: '  Win enterprise  ' });
      const moved = await objectives.update(actor, {
        id: company.id,
        teamId,
        cycleId: q2,
        status: 'CANCELLED',
      });
      expect(moved).toMatchObject({ status: 'CANCELLED', teamId, cycleId: q2 });
      const companyAgain = await objectives.update(actor, { id: company.id, teamId: null });
      expect(companyAgain).toMatchObject({
        teamId: null,
        status: 'CANCELLED',
        title: 'Win enterprise',
      });
    });

    it('archiving takes an objective out of the default list; it is listed under ARCHIVED', async () => {
      const { actor, cycleId, teamId } = await setUp();
      const q2 = await cycle(actor, 'Q2', '2027-04-01', '2027-06-30');
      const company = await objective(actor, { key: 'C1', cycleId });
      await objective(actor, { key: 'O2', cycleId: q2, teamId });
      expect((await objectives.archive(actor, company.id)).status).toBe('ARCHIVED');
      expect(keysOf(await objectives.list(actor, PAGE))).toEqual(['O1', 'O2']);
      expect(keysOf(await objectives.list(actor, { ...PAGE, status: 'ARCHIVED' }))).toEqual(['C1']);
    });

    it('refuses unknown cycles, teams, objectives and filters, archived teams and taken keys, changing nothing', async () => {
      const { actor, cycleId, objectiveId } = await setUp();
      const oldTeam = await team(actor, 'OLD');
      await teams.archive(actor, oldTeam);
      const before = await strategySnapshot(db, actor.organizationId);
      const base = { key: 'O2', cycleId, title: 'Two' };

      await expect(objective(actor, { ...base, cycleId: NIL })).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: `cycle ${NIL} not found`,
      });
      await expect(objective(actor, { ...base, teamId: oldTeam })).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
        message: 'input.teamId: team "OLD" is archived',
      });
      await expect(objective(actor, { ...base, key: 'O1' })).rejects.toMatchObject({
        code: 'CONFLICT',
        message: 'an objective with key "O1" already exists',
        // named at its field, where the dashboard's form shows it
        fields: [{ field: 'input.key', message: 'an objective with key "O1" already exists' }],
      });
      await expect(objectives.update(actor, { id: NIL, title: 'x' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      await expect(objectives.list(actor, { ...PAGE, cycleKey: 'NOPE' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      await expect(objectives.list(actor, { ...PAGE, teamKey: 'NOPE' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      // a lookup takes exactly one of id and key
      await expect(objectives.get(actor, {})).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(objectiveId).toBeTruthy();

      expect(await strategySnapshot(db, actor.organizationId)).toEqual(before);
    });
  });

  describe('key results', () => {
    it('infers the direction from start and target; current starts at start', async () => {
      const { actor, objectiveId } = await setUp();
      const activation = await keyResult(actor, {
        key: 'O1-KR1',
        objectiveId,
        title: 'Activation rate',
        kind: 'PERCENT',
        start: 20,
        target: 45,
        current: 31,
        unit: '%',
      });
      expect(activation).toMatchObject({
        direction: 'INCREASE',
        current: 31,
        weight: 1,
        confidence: null,
        archivedAt: null,
        objectiveId,
      });
      expect(keyResultProgress(activation)).toBeCloseTo(11 / 25);
      const ttv = await keyResult(actor, {
        key: 'O1-KR2',
        objectiveId,
        title: 'Time to first value',
        start: 9,
        target: 3,
        weight: 3,
      });
      expect(ttv).toMatchObject({ direction: 'DECREASE', current: 9, weight: 3 });
      expect(keyResultProgress(ttv)).toBe(0);
      expect(
        keysOf(await keyResults.list(actor, { ...PAGE, includeArchived: false, objectiveId })),
      ).toEqual(['O1-KR1', 'O1-KR2']);
      expect((await keyResults.get(actor, { key: 'O1-KR2' })).id).toBe(ttv.id);
      const live = await keyResultLoaders.byObjective(requestOf(actor)).load(objectiveId);
      expect(live.map((kr) => kr.key)).toEqual(['O1-KR1', 'O1-KR2']);
    });

    it('an update infers the direction again; equal start and target keep it', async () => {
      const { actor, objectiveId } = await setUp();
      const ttv = await keyResult(actor, { key: 'O1-KR2', objectiveId, start: 9, target: 3 });
      const flipped = await keyResults.update(actor, { id: ttv.id, target: 12, title: 'TTV' });
      expect(flipped).toMatchObject({ direction: 'INCREASE', target: 12, title: 'TTV' });
      const equal = await keyResults.update(actor, { id: ttv.id, target: 9 });
      expect(equal).toMatchObject({ direction: 'INCREASE', start: 9, target: 9 });
      expect(keyResultProgress(equal)).toBe(1);
      const reweighted = await keyResults.update(actor, { id: ttv.id, weight: 0.5, key: 'O1-KR9' });
      expect(reweighted).toMatchObject({ weight: 0.5, key: 'O1-KR9', objectiveId });
    });

    it('archiving takes a key result out of lists and its objective, unless archived ones are asked for', async () => {
      const { actor, objectiveId } = await setUp();
      await keyResult(actor, { key: 'O1-KR1', objectiveId });
      const old = await keyResult(actor, { key: 'O1-KR9', objectiveId });
      expect((await keyResults.archive(actor, old.id)).archivedAt).not.toBeNull();
      expect(keysOf(await keyResults.list(actor, { ...PAGE, includeArchived: false }))).toEqual([
        'O1-KR1',
      ]);
      expect(keysOf(await keyResults.list(actor, { ...PAGE, includeArchived: true }))).toEqual([
        'O1-KR1',
        'O1-KR9',
      ]);
      const live = await keyResultLoaders.byObjective(requestOf(actor)).load(objectiveId);
      expect(live.map((kr) => kr.key)).toEqual(['O1-KR1']);
    });

    it('refuses measures the rules forbid, naming the field, changing nothing', async () => {
      const { actor, objectiveId } = await setUp();
      const kr = (await keyResult(actor, { key: 'O1-KR1', objectiveId })).id;
      const bool = (
        await keyResult(actor, { key: 'O1-KR2', objectiveId, kind: 'BOOLEAN', start: 0, target: 1 })
      ).id;
      const before = await strategySnapshot(db, actor.organizationId);
      const base = { key: 'KR', objectiveId };
      const fieldsOf = (write: Promise<unknown>) =>
        write.then(
          () => {
            throw new Error('expected a refusal');
          },
          (error: { code: string; fields: unknown }) => {
            expect(error.code).toBe('BAD_USER_INPUT');
            return error.fields;
          },
        );

      expect(await fieldsOf(keyResult(actor, { ...base, start: 2, target: 2 }))).toEqual([
        {
          field: 'input.direction',
          message: expect.stringMatching(/^is required when start equals target \(2\)/),
        },
      ]);
      expect(
        await fieldsOf(keyResult(actor, { ...base, start: 9, target: 3, direction: 'INCREASE' })),
      ).toEqual([
        {
          field: 'input.direction',
          message: 'INCREASE contradicts start and target: going from 9 to 3 is DECREASE',
        },
      ]);
      expect(
        await fieldsOf(keyResult(actor, { ...base, kind: 'BOOLEAN', start: 0, target: 2 })),
      ).toEqual([{ field: 'input.target', message: 'a BOOLEAN key result targets 1 (done)' }]);
      expect(
        await fieldsOf(keyResult(actor, { ...base, kind: 'BOOLEAN', start: 1, target: 0 })),
      ).toEqual([{ field: 'input.start', message: 'a BOOLEAN key result starts at 0 (not done)' }]);
      expect(await fieldsOf(keyResults.update(actor, { id: kr, direction: 'DECREASE' }))).toEqual([
        { field: 'input.direction', message: expect.stringMatching(/contradicts/) },
      ]);
      expect(await fieldsOf(keyResults.update(actor, { id: bool, target: 5 }))).toEqual([
        { field: 'input.target', message: 'a BOOLEAN key result targets 1 (done)' },
      ]);

      expect(await strategySnapshot(db, actor.organizationId)).toEqual(before);
    });

    it('refuses an unknown objective and a taken key, changing nothing', async () => {
      const { actor, objectiveId } = await setUp();
      await keyResult(actor, { key: 'O1-KR1', objectiveId });
      const before = await strategySnapshot(db, actor.organizationId);
      await expect(keyResult(actor, { key: 'KR', objectiveId: NIL })).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: `objective ${NIL} not found`,
      });
      await expect(keyResult(actor, { key: 'O1-KR1', objectiveId })).rejects.toMatchObject({
        code: 'CONFLICT',
      });
      expect(await strategySnapshot(db, actor.organizationId)).toEqual(before);
    });
  });

  describe('check-ins', () => {
    it('makes the newest value and confidence the key result’s current state', async () => {
      const { actor, objectiveId } = await setUp();
      const kr = (await keyResult(actor, { key: 'O1-KR1', objectiveId, target: 100 })).id;
      const first = await keyResults.checkIn(actor, {
        keyResultId: kr,
        value: 10,
        confidence: 'AT_RISK',
        note: '',
      });
      expect(first).toMatchObject({ current: 10, confidence: 'AT_RISK' });
      expect(keyResultProgress(first)).toBe(0.1);
      await keyResults.checkIn(actor, {
        keyResultId: kr,
        value: 25,
        confidence: 'OFF_TRACK',
        note: 'slipped',
      });
      const stored = await keyResults.get(actor, { key: 'O1-KR1' });
      expect(stored).toMatchObject({ current: 25, confidence: 'OFF_TRACK' });
      expect(keyResultProgress(stored)).toBe(0.25);
    });

    it('a BOOLEAN key result is checked in as 0 or 1 only; unknown and archived ones are refused', async () => {
      const { actor, objectiveId } = await setUp();
      const bool = (
        await keyResult(actor, { key: 'O1-KR2', objectiveId, kind: 'BOOLEAN', start: 0, target: 1 })
      ).id;
      const old = (await keyResult(actor, { key: 'O1-KR3', objectiveId })).id;
      await keyResults.archive(actor, old);
      const before = await strategySnapshot(db, actor.organizationId);
      const checkIn = (keyResultId: string, value: number) =>
        keyResults.checkIn(actor, { keyResultId, value, confidence: 'ON_TRACK', note: '' });

      await expect(checkIn(bool, 0.5)).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [
          {
            field: 'input.value',
            message: 'a BOOLEAN key result is checked in as 0 (not done) or 1 (done)',
          },
        ],
      });
      await expect(checkIn(NIL, 1)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(checkIn(old, 1)).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
        message: 'input.keyResultId: key result "O1-KR3" is archived',
      });
      expect(await strategySnapshot(db, actor.organizationId)).toEqual(before);
    });
  });

  describe('progress (docs/design.md 2.2)', () => {
    /** A fresh organization with a cycle Q1 and an objective O1 in it. */
    async function objectiveInQ1() {
      const actor = await seedOrganization(db, 'progress');
      const cycleId = await cycle(actor, 'Q1');
      const objectiveId = (await objective(actor, { key: 'O1', cycleId })).id;
      return { actor, cycleId, objectiveId };
    }
    const progressOf = async (actor: Actor, key: string) =>
      keyResultProgress(await keyResults.get(actor, { key }));

    it('increasing: the fraction of the way, clamped to 0..1', async () => {
      const { actor, objectiveId } = await objectiveInQ1();
      await keyResult(actor, { key: 'UP', objectiveId, start: 20, target: 45, current: 31 });
      await keyResult(actor, { key: 'OVER', objectiveId, start: 20, target: 45, current: 60 });
      await keyResult(actor, { key: 'BELOW', objectiveId, start: 20, target: 45, current: 10 });
      expect(await progressOf(actor, 'UP')).toBeCloseTo(0.44);
      expect(await progressOf(actor, 'OVER')).toBe(1);
      expect(await progressOf(actor, 'BELOW')).toBe(0);
    });

    it('decreasing: moving the wrong way is 0, never negative', async () => {
      const { actor, objectiveId } = await objectiveInQ1();
      await keyResult(actor, { key: 'DOWN', objectiveId, start: 9, target: 3, current: 7 });
      await keyResult(actor, { key: 'WRONG', objectiveId, start: 9, target: 3, current: 12 });
      await keyResult(actor, { key: 'DONE', objectiveId, start: 9, target: 3, current: 2 });
      expect(await progressOf(actor, 'DOWN')).toBeCloseTo(1 / 3);
      expect(await progressOf(actor, 'WRONG')).toBe(0);
      expect(await progressOf(actor, 'DONE')).toBe(1);
    });

    it('start = target: done when at or beyond the target in its direction', async () => {
      const { actor, objectiveId } = await objectiveInQ1();
      const flat = (key: string, at: number, current: number, direction: 'INCREASE' | 'DECREASE') =>
        keyResult(actor, { key, objectiveId, start: at, target: at, current, direction });
      await flat('KEEP-LOW', 2, 1.8, 'DECREASE');
      await flat('TOO-HIGH', 2, 2.5, 'DECREASE');
      await flat('KEEP-HIGH', 5, 5, 'INCREASE');
      await flat('TOO-LOW', 5, 4, 'INCREASE');
      expect(await progressOf(actor, 'KEEP-LOW')).toBe(1);
      expect(await progressOf(actor, 'TOO-HIGH')).toBe(0);
      expect(await progressOf(actor, 'KEEP-HIGH')).toBe(1);
      expect(await progressOf(actor, 'TOO-LOW')).toBe(0);
    });

    it('boolean: 0 until checked in as done, then 1', async () => {
      const { actor, objectiveId } = await objectiveInQ1();
      const kr = await keyResult(actor, {
        key: 'SHIP',
        objectiveId,
        kind: 'BOOLEAN',
        start: 0,
        target: 1,
      });
      expect({
        direction: kr.direction,
        current: kr.current,
        progress: keyResultProgress(kr),
      }).toEqual({ direction: 'INCREASE', current: 0, progress: 0 });
      await keyResults.checkIn(actor, {
        keyResultId: kr.id,
        value: 1,
        confidence: 'ON_TRACK',
        note: '',
      });
      expect(await progressOf(actor, 'SHIP')).toBe(1);
    });

    it('objective: weighted mean of its live key results, null without any', async () => {
      const { actor, cycleId, objectiveId } = await objectiveInQ1();
      const empty = (await objective(actor, { key: 'EMPTY', cycleId })).id;
      expect(await objectiveLoaders.progress(requestOf(actor)).load(objectiveId)).toBeNull();
      await keyResult(actor, { key: 'A', objectiveId, start: 0, target: 10, current: 5 }); // 0.5, weight 1
      await keyResult(actor, {
        key: 'B',
        objectiveId,
        start: 10,
        target: 0,
        current: 0,
        weight: 3,
      }); // 1, weight 3
      const archived = await keyResult(actor, {
        key: 'C',
        objectiveId,
        start: 0,
        target: 10,
        current: 0,
        weight: 100,
      });
      await keyResults.archive(actor, archived.id);
      const request = requestOf(actor);
      expect(await objectiveLoaders.progress(request).load(objectiveId)).toBeCloseTo((0.5 + 3) / 4);
      expect(await objectiveLoaders.progress(request).load(empty)).toBeNull();

      // the cycle's objectives as Cycle.objectives lists them, each with its live key results
      const listed = requestOf(actor);
      const page = await objectiveLoaders
        .pageByCycle(listed)
        .load(childPageKey(cycleId, { first: DEFAULT_PAGE }));
      const rows = await Promise.all(
        page.nodes.map(async (o) => ({
          key: o.key,
          progress: await objectiveLoaders.progress(listed).load(o.id),
          keyResults: (await keyResultLoaders.byObjective(listed).load(o.id)).map((kr) => ({
            key: kr.key,
            progress: keyResultProgress(kr),
          })),
        })),
      );
      expect(rows).toEqual([
        { key: 'EMPTY', progress: null, keyResults: [] },
        {
          key: 'O1',
          progress: 0.875,
          keyResults: [
            { key: 'A', progress: 0.5 },
            { key: 'B', progress: 1 },
          ],
        },
      ]);
    });

    it('goal: link-weighted mean of the ACTIVE objectives aligned to it in the cycle', async () => {
      const actor = await seedOrganization(db, 'progress');
      const q1 = await cycle(actor, 'Q1');
      const q2 = await cycle(actor, 'Q2', '2027-04-01', '2027-06-30');
      await locks.lockCycle(actor, 'Q2');
      const g1 = await goal(actor, 'G1');
      await goal(actor, 'G2');
      const g3 = await goal(actor, 'G3');
      await goals.archive(actor, g3.id);
      const aligned = async (
        key: string,
        cycleId: string,
        weight: number,
        current: number | null,
        status: 'ACTIVE' | 'CANCELLED' = 'ACTIVE',
      ) => {
        const { id } = await objective(actor, { key, cycleId, status });
        if (current !== null)
          await keyResult(actor, { key: `${key}-KR1`, objectiveId: id, current });
        await links.link(actor, { objectiveId: id, goalId: g1.id, weight });
      };
      await aligned('A', q2, 1, 5); // 0.5
      await aligned('B', q2, 3, 10); // 1
      await aligned('C', q2, 10, null); // no key results: skipped
      await aligned('D', q2, 10, 0, 'CANCELLED'); // not pursued: skipped
      await aligned('E', q1, 1, 2); // another cycle: 0.2

      // the vision's goals as Vision.goals lists them (ACTIVE ones), in the ACTIVE cycle and in Q1
      const request = requestOf(actor);
      const page = await goalLoaders
        .pageByVision(request)
        .load(childPageKey(g1.visionId, { first: DEFAULT_PAGE }));
      const rows = await Promise.all(
        page.nodes.map(async (g) => ({
          key: g.key,
          progress: await goalLoaders.progress(request).load({ goalId: g.id, cycleKey: null }),
          q1: await goalLoaders.progress(request).load({ goalId: g.id, cycleKey: 'Q1' }),
        })),
      );
      expect(rows).toEqual([
        { key: 'G1', progress: 0.875, q1: 0.2 },
        { key: 'G2', progress: null, q1: null },
      ]);
      await expect(
        goalLoaders.progress(requestOf(actor)).load({ goalId: g1.id, cycleKey: 'NOPE' }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });
});
