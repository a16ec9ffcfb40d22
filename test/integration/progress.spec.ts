import { KeyResultScoreService, ProgressLoaders } from '@app/alignment';
import {
  InProcessEventBus,
  LoaderRegistry,
  Tenant,
  type Actor,
  type RequestContext,
} from '@app/common';
import type { Database, KeyResult } from '@app/database';
import { keyResultProgress } from '@app/domain';
import { PlanImportService, TicketUpsertService, type IncomingTicket } from '@app/integrations';
import { LoadedBaselines } from '@app/planning';
import { KeyResultLoaders, KeyResultService } from '@app/strategy';
import { OrganizationService, TicketLinkService, TicketService } from '../support/lib-services.js';
import { seedOrganization } from '../support/seed-organization.js';
import { openTestDatabase } from '../support/test-database.js';
import { PROGRESS_PLAN } from '../support/plans.js';

/**
 * docs/design.md 2.2 through the alignment lib's progress loaders and KeyResultScoreService on
 * real PostgreSQL, without HTTP: initiative delivery, outcome vs output and key result scores,
 * against figures computed by hand below. What only HTTP shows (the schema's refusals, roles,
 * another organization, the statements per request) stays in test/e2e/progress.e2e.spec.ts.
 * Every case has an organization of its own.
 */

/** A ticket as upsertTickets receives it (a Story unless said otherwise). */
const t = (
  externalKey: string,
  points: number | null,
  rawStatus: string,
  sprintNames: string[],
  extra: Partial<IncomingTicket> = {},
): IncomingTicket => ({
  externalKey,
  externalId: null,
  title: externalKey,
  type: 'Story',
  labels: [],
  rawStatus,
  sourceCategory: null,
  points,
  sprintNames,
  epicKey: null,
  parentKey: null,
  origin: externalKey,
  ...extra,
});

// Delivery by hand (unestimatedPoints 1):
//   I1: done T1 5 + T2 3 = 8, in progress T3 2, total 8 + 2 + T4 (unestimated) 1 = 11 -> 8/11
//       (T5 cancelled, T6 a sub-task, T7 archived: none counts)
//   I2: T2 3 (linked by hand too: counts fully in both), T8 4 (no sprint), T9 4, all done -> 11/11
//   I3: T10 6 done -> 1 (cancelled: its own figure shows, but it supports nothing)
//   I4: no tickets -> 0 / 0, delivery null
const TICKETS = [
  t('T1', 5, 'Done', ['Sprint 1'], { epicKey: 'E1' }),
  t('T2', 3, 'Done', ['Sprint 2'], { epicKey: 'E1' }),
  t('T3', 2, 'In Progress', ['Sprint 2'], { epicKey: 'E1' }),
  t('T4', null, 'To Do', ['Sprint 2'], { epicKey: 'E1' }),
  t('T5', 8, "Won't Do", ['Sprint 2'], { epicKey: 'E1' }),
  t('T6', 4, 'Done', ['Sprint 2'], { type: 'Sub-task', parentKey: 'T1' }),
  t('T7', 10, 'Done', ['Sprint 2'], { epicKey: 'E1' }),
  t('T8', 4, 'Done', [], { epicKey: 'E2' }),
  t('T9', 4, 'Done', ['Sprint 2'], { epicKey: 'E2' }),
  t('T10', 6, 'Done', ['Sprint 2'], { epicKey: 'E3' }),
  t('T11', 1, 'Done', ['Sprint 2']),
];

describe('progress: delivery, outcome vs output and scores', () => {
  let db: Database;
  let close: () => Promise<void>;
  let tenant: Tenant;
  let plans: PlanImportService;
  let upserts: TicketUpsertService;
  let tickets: TicketService;
  let ticketLinks: TicketLinkService;
  let keyResults: KeyResultService;
  let organizations: OrganizationService;
  let scores: KeyResultScoreService;
  let keyResultLoaders: KeyResultLoaders;
  let progress: ProgressLoaders;

  beforeAll(async () => {
    ({ db, close } = await openTestDatabase());
    tenant = new Tenant(db);
    const bus = new InProcessEventBus();
    plans = new PlanImportService(tenant, new LoadedBaselines());
    upserts = new TicketUpsertService(tenant, bus);
    tickets = new TicketService(tenant);
    ticketLinks = new TicketLinkService(tenant);
    keyResults = new KeyResultService(tenant, bus);
    organizations = new OrganizationService(tenant);
    scores = new KeyResultScoreService(tenant);
    keyResultLoaders = new KeyResultLoaders(tenant);
    progress = new ProgressLoaders(tenant, keyResultLoaders);
  });
  afterAll(() => close());

  /** What one GraphQL request gives its resolvers: the actor and loaders of its own. */
  const requestOf = (actor: Actor): RequestContext => ({
    req: {} as RequestContext['req'],
    actor,
    loaders: new LoaderRegistry(),
  });
  /** Ids by key of a table's rows (`keyColumn`: tickets are keyed by external_key). */
  const idsOf = async (actor: Actor, table: string, keyColumn = 'key') => {
    const rows: { key: string; id: string }[] = await db.transaction(actor, (em) =>
      em.query(`SELECT ${keyColumn} AS key, id FROM ${table}`),
    );
    return new Map(rows.map((r) => [r.key, r.id]));
  };

  /**
   * An organization with the plan and tickets above, T2 linked by hand to I2 and T6 to I1, T7
   * archived; its actor and ids by key.
   */
  async function buildOrganization(operation: string) {
    const actor = await seedOrganization(db, operation);
    expect((await plans.importPlan(actor, PROGRESS_PLAN, false)).problems).toEqual([]);
    expect(await upserts.upsert(actor, 'API', TICKETS)).toMatchObject({
      created: TICKETS.length,
      warnings: [],
    });
    const ticketIds = await idsOf(actor, 'tickets', 'external_key');
    const initiativeIds = await idsOf(actor, 'initiatives');
    const link = (ticket: string, initiative: string) =>
      ticketLinks.link(actor, {
        ticketId: ticketIds.get(ticket)!,
        initiativeId: initiativeIds.get(initiative)!,
        weight: 1,
      });
    await link('T2', 'I2');
    await link('T6', 'I1');
    await tickets.archive(actor, ticketIds.get('T7')!);
    return {
      actor,
      initiativeIds,
      keyResultIds: await idsOf(actor, 'key_results'),
      objectiveIds: await idsOf(actor, 'objectives'),
      cycleIds: await idsOf(actor, 'cycles'),
    };
  }

  const keyResult = (actor: Actor, key: string) => keyResults.get(actor, { key });
  const outcomeOf = async (actor: Actor, key: string) =>
    progress.outcomeVsOutput(requestOf(actor), await keyResult(actor, key));
  const scoresOf = async (actor: Actor) =>
    Object.fromEntries(
      (
        await db.transaction(actor, (em) =>
          em.query(
            `SELECT key, score::float8 AS score, score_note AS "scoreNote" FROM key_results ORDER BY key`,
          ),
        )
      ).map(({ key, ...rest }: { key: string; score: number | null; scoreNote: string }) => [
        key,
        rest,
      ]),
    );

  describe('Initiative.delivery', () => {
    it('sums the done, in-progress and total points of its live tickets of any sprint', async () => {
      const { actor, initiativeIds } = await buildOrganization('delivery');
      const request = requestOf(actor);
      const delivery = (key: string) => progress.delivery(request).load(initiativeIds.get(key)!);
      expect(await delivery('I1')).toEqual({
        donePoints: 8,
        inProgressPoints: 2,
        totalPoints: 11,
        delivery: 8 / 11,
      });
      expect(await delivery('I2')).toEqual({
        donePoints: 11,
        inProgressPoints: 0,
        totalPoints: 11,
        delivery: 1,
      });
      expect(await delivery('I3')).toEqual({
        donePoints: 6,
        inProgressPoints: 0,
        totalPoints: 6,
        delivery: 1,
      });
      expect(await delivery('I4')).toEqual({
        donePoints: 0,
        inProgressPoints: 0,
        totalPoints: 0,
        delivery: null,
      });
    });

    it("counts unestimated tickets at the organization's unestimatedPoints", async () => {
      const { actor, initiativeIds } = await buildOrganization('estimates');
      await organizations.updateSettings(actor, { unestimatedPoints: 2 });
      const i1 = await progress.delivery(requestOf(actor)).load(initiativeIds.get('I1')!);
      expect({ totalPoints: i1.totalPoints, delivery: i1.delivery }).toEqual({
        totalPoints: 12,
        delivery: 8 / 12,
      });
    });
  });

  describe('KeyResult.outcomeVsOutput', () => {
    it('weighs the live supporting initiatives by their links and flags busy-not-moving', async () => {
      const { actor } = await buildOrganization('outcomes');
      // KR1: progress 2/10; I1 (weight 3, 8/11) and I2 (weight 1, 1); cancelled I3 left out
      const kr1 = await outcomeOf(actor, 'KR1');
      expect(kr1.progress).toBeCloseTo(0.2, 12);
      expect(kr1.delivery).toBeCloseTo((3 * (8 / 11) + 1) / 4, 12);
      expect(kr1.flagged).toBe(true);
      // KR2: decreasing 100 -> 50 at 70 is 0.6; I2 delivers 1, I4 has nothing to deliver (skipped)
      expect(await outcomeOf(actor, 'KR2')).toEqual({ progress: 0.6, delivery: 1, flagged: false });
      // KR3: no initiative at all
      expect(await outcomeOf(actor, 'KR3')).toEqual({
        progress: 0,
        delivery: null,
        flagged: false,
      });
      expect(await outcomeOf(actor, 'KR4')).toEqual({
        progress: 1,
        delivery: null,
        flagged: false,
      });
    });

    it("follows the organization's thresholds, at or beyond counting", async () => {
      const { actor } = await buildOrganization('thresholds');
      const kr1 = async () => {
        const { delivery, flagged } = await outcomeOf(actor, 'KR1');
        return { delivery, flagged };
      };
      // unestimated at 2: I1 8/12, so KR1's delivery is (3 * 2/3 + 1) / 4 = 0.75
      await organizations.updateSettings(actor, {
        unestimatedPoints: 2,
        thresholds: { drift: 0.1, outputHigh: 0.8, outcomeLow: 0.3, staleAfterHours: 24 },
      });
      expect(await kr1()).toEqual({ delivery: 0.75, flagged: false });
      await organizations.updateSettings(actor, {
        thresholds: { drift: 0.1, outputHigh: 0.75, outcomeLow: 0.2, staleAfterHours: 24 },
      });
      expect(await kr1()).toEqual({ delivery: 0.75, flagged: true });
      await organizations.updateSettings(actor, {
        thresholds: { drift: 0.1, outputHigh: 0.75, outcomeLow: 0.1, staleAfterHours: 24 },
      });
      expect(await kr1()).toEqual({ delivery: 0.75, flagged: false });
    });
  });

  describe('scoring', () => {
    it('scores at the current progress by default, or as given with a note; objectives average', async () => {
      const { actor, keyResultIds, objectiveIds } = await buildOrganization('scores');
      const objectiveScore = (key: string) =>
        progress.objectiveScore(requestOf(actor)).load(objectiveIds.get(key)!);
      expect(await Promise.all(['O1', 'O2', 'O3'].map((key) => objectiveScore(key)))).toEqual([
        null,
        null,
        null,
      ]);

      const first: KeyResult = await scores.score(actor, { keyResultId: keyResultIds.get('KR1')! });
      expect(first).toMatchObject({ key: 'KR1', score: 0.2, scoreNote: '' });
      expect(keyResultProgress(first)).toBe(0.2);
      expect(await objectiveScore('O1')).toBeCloseTo(0.2, 12);

      const second = await scores.score(actor, {
        keyResultId: keyResultIds.get('KR2')!,
        score: 0.5,
        note: '  half way there  ',
      });
      expect(second).toMatchObject({ key: 'KR2', score: 0.5, scoreNote: 'half way there' });
      // O1: (3 * 0.2 + 1 * 0.5) / (3 + 1); KR3 and KR5 are not scored and are skipped
      expect(await objectiveScore('O1')).toBeCloseTo(1.1 / 4, 12);

      // 0 is a score, not "use the default"; a new score without a note clears the old note
      const zero = await scores.score(actor, { keyResultId: keyResultIds.get('KR2')!, score: 0 });
      expect(zero).toMatchObject({ score: 0, scoreNote: '' });
      expect(await objectiveScore('O1')).toBeCloseTo(0.6 / 4, 12);

      expect(await objectiveScore('O2')).toBeNull(); // no key results
      expect(await objectiveScore('O3')).toBeNull(); // none scored
    });

    it('refuses an unknown or archived key result, changing nothing', async () => {
      const { actor, keyResultIds } = await buildOrganization('refusals');
      await keyResults.archive(actor, keyResultIds.get('KR3')!);
      const before = await scoresOf(actor);
      await expect(
        scores.score(actor, { keyResultId: '00000000-0000-4000-8000-000000000000' }),
      ).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: expect.stringMatching(/key result .* not found/),
      });
      await expect(
        scores.score(actor, { keyResultId: keyResultIds.get('KR3')! }),
      ).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.keyResultId', message: 'key result "KR3" is archived' }],
      });
      expect(await scoresOf(actor)).toEqual(before);
    });
  });

  describe('scoreAll (what closeCycle calls)', () => {
    it("scores every unscored key result of the cycle's objectives at its progress, keeping given scores", async () => {
      const first = await buildOrganization('untouched');
      const { actor, keyResultIds, objectiveIds, cycleIds } = await buildOrganization('closing');
      await scores.score(actor, {
        keyResultId: keyResultIds.get('KR1')!,
        score: 0.9,
        note: 'by hand',
      });
      await keyResults.archive(actor, keyResultIds.get('KR3')!);
      const scoreAll = (cycleId: string) =>
        tenant.run(actor, (em) => scores.scoreAll(em, actor, cycleId));
      expect(await scoreAll(cycleIds.get('Q1')!)).toBe(2); // KR2 and KR5; KR1 was scored by hand, KR3 is archived
      expect(await scoresOf(actor)).toEqual({
        KR1: { score: 0.9, scoreNote: 'by hand' },
        KR2: { score: 0.6, scoreNote: '' },
        KR3: { score: null, scoreNote: '' },
        KR4: { score: null, scoreNote: '' }, // another cycle
        KR5: { score: 0.5, scoreNote: '' },
      });
      // O1: (3 * 0.9 + 0.6 + 0.5) / 5
      expect(
        await progress.objectiveScore(requestOf(actor)).load(objectiveIds.get('O1')!),
      ).toBeCloseTo(3.8 / 5, 12);

      // again: nothing left to score; another organization's cycle is not found
      expect(await scoreAll(cycleIds.get('Q1')!)).toBe(0);
      await expect(scoreAll(first.cycleIds.get('Q1')!)).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      expect((await scoresOf(first.actor)).KR2.score).toBeNull();
    });
  });
});
