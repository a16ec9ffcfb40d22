import { Tenant, type Actor } from '@app/common';
import type { Database } from '@app/database';
import { deliverySnapshot } from '../support/delivery-snapshot.js';
import {
  CycleService,
  InitiativeService,
  SprintService,
  TeamService,
} from '../support/lib-services.js';
import { seedOrganization } from '../support/seed-organization.js';
import { openTestDatabase } from '../support/test-database.js';

const NIL = '00000000-0000-4000-8000-000000000000';
const PAGE = { first: 50, includeArchived: false };

type InitiativeDraft = Parameters<InitiativeService['create']>[1];

/**
 * Sprints and initiatives through SprintService and InitiativeService on real PostgreSQL,
 * without HTTP: the sprint's states, dates and unique names, the lists' order and filters,
 * archiving, and the refusals the services throw. What only HTTP shows (the schema's
 * validation, roles, another organization's ids, nested pages and their statements) stays in
 * test/e2e/delivery-sprints-initiatives.e2e.spec.ts. Every case has an organization of its own.
 */
describe('sprints and initiatives: the delivery services', () => {
  let db: Database;
  let close: () => Promise<void>;
  let teams: TeamService;
  let cycles: CycleService;
  let sprints: SprintService;
  let initiatives: InitiativeService;

  beforeAll(async () => {
    ({ db, close } = await openTestDatabase());
    const tenant = new Tenant(db);
    teams = new TeamService(tenant);
    cycles = new CycleService(tenant);
    sprints = new SprintService(tenant);
    initiatives = new InitiativeService(tenant);
  });
  afterAll(() => close());

  const keysOf = (page: { nodes: { key: string }[] }) => page.nodes.map((n) => n.key);
  const team = (actor: Actor, key: string) =>
    teams.create(actor, { key, name: `Team ${key}`, capacity: 20 }).then((t) => t.id);
  const sprint = (
    actor: Actor,
    key: string,
    teamId: string,
    name: string,
    startDate: string,
    endDate: string,
  ) => sprints.create(actor, { key, teamId, name, startDate, endDate });
  /** As createInitiative receives it: PROPOSED and SHOULD unless said otherwise. */
  const initiative = (actor: Actor, draft: Partial<InitiativeDraft> & { key: string }) =>
    initiatives.create(actor, {
      title: `Initiative ${draft.key}`,
      status: 'PROPOSED',
      priority: 'SHOULD',
      ...draft,
    });

  describe('sprints', () => {
    it('a new sprint is FUTURE and stays so through updates; starting it makes it ACTIVE', async () => {
      const actor = await seedOrganization(db, 'sprints');
      const pay = await team(actor, 'PAY');
      const s1 = await sprints.create(actor, {
        key: 'PAY-S1',
        teamId: pay,
        name: 'Payments 1',
        startDate: '2027-01-04',
        endDate: '2027-01-17',
        externalId: '101',
      });
      expect(s1).toMatchObject({ state: 'FUTURE', externalId: '101', archivedAt: null });
      const updated = await sprints.update(actor, {
        id: s1.id,
        endDate: '2027-01-18',
        externalId: null,
      });
      expect(updated).toMatchObject({
        state: 'FUTURE',
        startDate: '2027-01-04',
        endDate: '2027-01-18',
        externalId: null,
      });
      expect(await sprints.start(actor, 'PAY-S1')).toMatchObject({
        key: 'PAY-S1',
        state: 'ACTIVE',
      });
    });

    /** PAY-S1 (ACTIVE) and PAY-S2 of team PAY, WEB-S1 of team WEB, starting in between. */
    async function threeSprints() {
      const actor = await seedOrganization(db, 'sprints');
      const pay = await team(actor, 'PAY');
      const web = await team(actor, 'WEB');
      const s1 = await sprint(actor, 'PAY-S1', pay, 'Payments 1', '2027-01-04', '2027-01-18');
      await sprints.start(actor, 'PAY-S1');
      await sprint(actor, 'PAY-S2', pay, 'Payments 2', '2027-01-18', '2027-01-31');
      await sprint(actor, 'WEB-S1', web, 'Web 1', '2027-01-11', '2027-01-24');
      return { actor, s1 };
    }

    it('lists by start date across teams, by team and by state', async () => {
      const { actor } = await threeSprints();
      expect(keysOf(await sprints.list(actor, PAGE))).toEqual(['PAY-S1', 'WEB-S1', 'PAY-S2']);
      expect(keysOf(await sprints.list(actor, { ...PAGE, teamKey: 'PAY' }))).toEqual([
        'PAY-S1',
        'PAY-S2',
      ]);
      expect(keysOf(await sprints.list(actor, { ...PAGE, state: 'ACTIVE' }))).toEqual(['PAY-S1']);
      await expect(sprints.list(actor, { ...PAGE, teamKey: 'NOPE' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });

    it('archiving takes a sprint out of the lists unless archived ones are asked for; it stays reachable by key', async () => {
      const { actor, s1 } = await threeSprints();
      expect((await sprints.archive(actor, s1.id)).archivedAt).not.toBeNull();
      expect(keysOf(await sprints.list(actor, { ...PAGE, teamKey: 'PAY' }))).toEqual(['PAY-S2']);
      expect(
        keysOf(await sprints.list(actor, { ...PAGE, teamKey: 'PAY', includeArchived: true })),
      ).toEqual(['PAY-S1', 'PAY-S2']);
      // tickets keep archived sprints in their history
      expect((await sprints.get(actor, { key: 'PAY-S1' })).id).toBe(s1.id);
    });

    it('refuses an end before the start, an unknown team, a taken key or name, writing nothing', async () => {
      const actor = await seedOrganization(db, 'sprints');
      const pay = await team(actor, 'PAY');
      const s1 = await sprint(actor, 'S1', pay, 'Sprint one', '2027-01-04', '2027-01-17');
      const before = await deliverySnapshot(db, actor);
      const ok = {
        key: 'S2',
        teamId: pay,
        name: 'Sprint two',
        startDate: '2027-01-18',
        endDate: '2027-01-31',
      };

      await expect(
        sprints.create(actor, { ...ok, startDate: '2027-02-01', endDate: '2027-01-31' }),
      ).rejects.toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.endDate' }] });
      await expect(sprints.create(actor, { ...ok, teamId: NIL })).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: expect.stringMatching(/team .* not found/),
      });
      await expect(sprints.create(actor, { ...ok, key: 'S1' })).rejects.toMatchObject({
        code: 'CONFLICT',
        message: expect.stringMatching(/key "S1"/),
      });
      await expect(sprints.create(actor, { ...ok, name: 'Sprint one' })).rejects.toMatchObject({
        code: 'CONFLICT',
        message: expect.stringMatching(/named "Sprint one"/),
      });
      await expect(
        sprints.update(actor, { id: s1.id, endDate: '2027-01-01' }),
      ).rejects.toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.endDate' }] });
      await expect(sprints.update(actor, { id: NIL, name: 'X' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      expect(await deliverySnapshot(db, actor)).toEqual(before);
    });
  });

  describe('initiatives', () => {
    /** I1 (PAY, Q1-27, external key PAY-100), I2 (PAY, IN_PROGRESS), I3 (Q1-27). */
    async function threeInitiatives() {
      const actor = await seedOrganization(db, 'initiatives');
      const pay = await team(actor, 'PAY');
      const q1 = (
        await cycles.create(actor, {
          key: 'Q1-27',
          name: 'Cycle Q1-27',
          startDate: '2027-01-01',
          endDate: '2027-03-31',
        })
      ).id;
      const i1 = await initiative(actor, {
        key: 'I1',
        externalKey: 'PAY-100',
        title: '  One-click checkout ',
        teamId: pay,
        cycleId: q1,
        estimate: 0,
      });
      await initiative(actor, { key: 'I2', status: 'IN_PROGRESS', priority: 'MUST', teamId: pay });
      await initiative(actor, { key: 'I3', cycleId: q1 });
      return { actor, i1, q1 };
    }

    it('lists by key, by team, by cycle and by status', async () => {
      const { actor, i1 } = await threeInitiatives();
      expect(i1.title).toBe('One-click checkout');
      expect(keysOf(await initiatives.list(actor, PAGE))).toEqual(['I1', 'I2', 'I3']);
      expect(keysOf(await initiatives.list(actor, { ...PAGE, teamKey: 'PAY' }))).toEqual([
        'I1',
        'I2',
      ]);
      expect(keysOf(await initiatives.list(actor, { ...PAGE, cycleKey: 'Q1-27' }))).toEqual([
        'I1',
        'I3',
      ]);
      expect(keysOf(await initiatives.list(actor, { ...PAGE, status: 'IN_PROGRESS' }))).toEqual([
        'I2',
      ]);
      await expect(initiatives.list(actor, { ...PAGE, cycleKey: 'Q9' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });

    it('an update clears the team and the external key, which another initiative may then take', async () => {
      const { actor, i1, q1 } = await threeInitiatives();
      const updated = await initiatives.update(actor, {
        id: i1.id,
        teamId: null,
        estimate: 13,
        status: 'PLANNED',
        externalKey: null,
      });
      expect(updated).toMatchObject({
        teamId: null,
        cycleId: q1,
        estimate: 13,
        status: 'PLANNED',
        externalKey: null,
      });
      expect((await initiative(actor, { key: 'I4', externalKey: 'PAY-100' })).externalKey).toBe(
        'PAY-100',
      );
    });

    it('archiving takes an initiative out of the list unless archived ones are asked for', async () => {
      const { actor, i1 } = await threeInitiatives();
      expect((await initiatives.archive(actor, i1.id)).archivedAt).not.toBeNull();
      expect(keysOf(await initiatives.list(actor, PAGE))).toEqual(['I2', 'I3']);
      expect(keysOf(await initiatives.list(actor, { ...PAGE, includeArchived: true }))).toEqual([
        'I1',
        'I2',
        'I3',
      ]);
    });

    it('refuses an unknown cycle, a taken key and a taken external key, writing nothing', async () => {
      const actor = await seedOrganization(db, 'initiatives');
      await initiative(actor, { key: 'I1', externalKey: 'EPIC-1' });
      const before = await deliverySnapshot(db, actor);
      await expect(
        initiative(actor, { key: 'I2', title: 'X', cycleId: NIL }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(initiative(actor, { key: 'I1', title: 'X' })).rejects.toMatchObject({
        code: 'CONFLICT',
        message: expect.stringMatching(/key "I1"/),
      });
      await expect(
        initiative(actor, { key: 'I2', title: 'X', externalKey: 'EPIC-1' }),
      ).rejects.toMatchObject({
        code: 'CONFLICT',
        message: expect.stringMatching(/external key "EPIC-1"/),
      });
      expect(await deliverySnapshot(db, actor)).toEqual(before);
    });
  });
});
