import { LoaderRegistry, Tenant, type Actor, type RequestContext } from '@app/common';
import type { Database, Ticket } from '@app/database';
import { SprintLoaders, TicketLoaders } from '@app/delivery';
import { TeamLoaders } from '@app/strategy';
import { deliverySnapshot } from '../support/delivery-snapshot.js';
import {
  InitiativeService,
  OrganizationService,
  SprintService,
  TeamService,
  TicketLinkService,
  TicketService,
} from '../support/lib-services.js';
import { seedOrganization } from '../support/seed-organization.js';
import { openTestDatabase } from '../support/test-database.js';

const NO_ID = '00000000-0000-4000-8000-000000000000';
const PAGE = { first: 50, includeArchived: false };

type TicketDraft = Parameters<TicketService['create']>[1];

/**
 * Tickets entered by hand through TicketService on real PostgreSQL, without HTTP: the sprint
 * history and the current sprint it sets, the work type and status category derived through the
 * organization's mappings, sub-tasks and their loops, the list's filters, archiving, and the
 * refusals the service throws. What only HTTP shows (the schema's validation, roles, another
 * organization's ids, pages and the shapes of the answers) stays in
 * test/e2e/delivery-tickets.e2e.spec.ts. Every case has an organization of its own.
 */
describe('tickets: the ticket service', () => {
  let db: Database;
  let close: () => Promise<void>;
  let teams: TeamService;
  let sprints: SprintService;
  let initiatives: InitiativeService;
  let tickets: TicketService;
  let ticketLinks: TicketLinkService;
  let organizations: OrganizationService;
  let sprintLoaders: SprintLoaders;
  let teamLoaders: TeamLoaders;
  let ticketLoaders: TicketLoaders;

  beforeAll(async () => {
    ({ db, close } = await openTestDatabase());
    const tenant = new Tenant(db);
    teams = new TeamService(tenant);
    sprints = new SprintService(tenant);
    initiatives = new InitiativeService(tenant);
    tickets = new TicketService(tenant);
    ticketLinks = new TicketLinkService(tenant);
    organizations = new OrganizationService(tenant);
    sprintLoaders = new SprintLoaders(tenant);
    teamLoaders = new TeamLoaders(tenant);
    ticketLoaders = new TicketLoaders(tenant);
  });
  afterAll(() => close());

  /** What one GraphQL request gives its resolvers: the actor and loaders of its own. */
  const requestOf = (actor: Actor): RequestContext => ({
    req: {} as RequestContext['req'],
    actor,
    loaders: new LoaderRegistry(),
  });

  /** As createTicket receives it: the schema's defaults (type Task, no labels) filled in. */
  const ticket = (actor: Actor, draft: Partial<TicketDraft> & { externalKey: string }) =>
    tickets.create(actor, {
      title: `Ticket ${draft.externalKey}`,
      type: 'Task',
      labels: [],
      statusCategory: 'TODO',
      ...draft,
    });
  const keysOf = (rows: { externalKey: string }[]) => rows.map((t) => t.externalKey);
  const list = (actor: Actor, args: Partial<Parameters<TicketService['list']>[1]> = {}) =>
    tickets.list(actor, { ...PAGE, ...args }).then((page) => keysOf(page.nodes));

  /** Where a ticket sits, as Ticket.sprints, currentSprint and team resolve it. */
  async function placed(actor: Actor, stored: Ticket) {
    const request = requestOf(actor);
    const history = await sprintLoaders.historyOfTicket(request, stored.id);
    const current = stored.currentSprintId
      ? await sprintLoaders.byId(request).load(stored.currentSprintId)
      : null;
    const team = current ? await teamLoaders.byId(request).load(current.teamId) : null;
    return {
      sprints: history.map((s) => s.key),
      currentSprint: current?.key ?? null,
      team: team?.key ?? null,
    };
  }

  /** The tickets whose current sprint it is, as Sprint.tickets pages them. */
  async function ticketsOfSprint(actor: Actor, key: string) {
    const sprint = await sprints.get(actor, { key });
    const page = await ticketLoaders.pageOfSprint(requestOf(actor), sprint.id, { first: 50 });
    return keysOf(page.nodes);
  }

  /** An organization with team PAY (sprints P1..P3) and team WEB (sprint W1). */
  async function withSprints() {
    const actor = await seedOrganization(db, 'tickets');
    const sprint = (key: string, teamId: string, startDate: string, endDate: string) =>
      sprints.create(actor, { key, teamId, name: `Sprint ${key}`, startDate, endDate });
    const pay = (await teams.create(actor, { key: 'PAY', name: 'Team PAY', capacity: 20 })).id;
    const web = (await teams.create(actor, { key: 'WEB', name: 'Team WEB', capacity: 20 })).id;
    for (const [i, key] of ['P1', 'P2', 'P3'].entries())
      await sprint(key, pay, `2027-0${i + 1}-01`, `2027-0${i + 1}-14`);
    await sprint('W1', web, '2027-01-04', '2027-01-17');
    return actor;
  }

  describe('sprint history', () => {
    it('a new ticket takes its history in order: the last sprint is its current one, and its team the team', async () => {
      const actor = await withSprints();
      const created = await ticket(actor, {
        externalKey: 'PAY-1',
        externalId: '10001',
        title: ' Refund flow ',
        type: 'Story',
        labels: ['checkout'],
        rawStatus: 'In Review',
        statusCategory: undefined,
        points: 0,
        sprintKeys: ['P1', 'P2'],
      });
      expect(created).toMatchObject({
        externalKey: 'PAY-1',
        externalId: '10001',
        title: 'Refund flow',
        workType: 'NEW_VALUE',
        statusCategory: 'IN_PROGRESS',
        rawStatus: 'In Review',
        points: 0,
        parentTicketId: null,
      });
      expect(await placed(actor, created)).toEqual({
        sprints: ['P1', 'P2'],
        currentSprint: 'P2',
        team: 'PAY',
      });
    });

    it('a new history replaces the old one: order, current sprint and team follow the list', async () => {
      const actor = await withSprints();
      const { id } = await ticket(actor, {
        externalKey: 'PAY-1',
        title: 'Refund flow',
        rawStatus: 'In Review',
        statusCategory: undefined,
        points: 0,
        sprintKeys: ['P1', 'P2'],
      });
      const moved = await tickets.update(actor, {
        id,
        sprintKeys: ['P2', 'P3', 'W1'],
        points: null,
        rawStatus: 'Done',
      });
      expect(moved).toMatchObject({
        points: null,
        statusCategory: 'DONE',
        rawStatus: 'Done',
        title: 'Refund flow',
      });
      expect(await placed(actor, moved)).toEqual({
        sprints: ['P2', 'P3', 'W1'],
        currentSprint: 'W1',
        team: 'WEB',
      });
      expect(await ticketsOfSprint(actor, 'P2')).toEqual([]);
      expect(await ticketsOfSprint(actor, 'W1')).toEqual(['PAY-1']);
    });

    it('an empty history clears the current sprint, and with it the team', async () => {
      const actor = await withSprints();
      const { id } = await ticket(actor, { externalKey: 'PAY-1', sprintKeys: ['P2', 'W1'] });
      const cleared = await tickets.update(actor, { id, sprintKeys: [] });
      expect(await placed(actor, cleared)).toEqual({
        sprints: [],
        currentSprint: null,
        team: null,
      });
    });

    it('fields left out stay as they are; the history stays too', async () => {
      const actor = await withSprints();
      const { id } = await ticket(actor, {
        externalKey: 'PAY-1',
        rawStatus: 'Done',
        statusCategory: undefined,
      });
      await tickets.update(actor, { id, sprintKeys: ['P1'] });
      const renamed = await tickets.update(actor, { id, title: 'Refunds', externalKey: 'PAY-9' });
      expect(renamed).toMatchObject({
        externalKey: 'PAY-9',
        title: 'Refunds',
        statusCategory: 'DONE',
      });
      expect((await placed(actor, renamed)).sprints).toEqual(['P1']);
    });

    it('archiving takes a ticket out of the lists and of its sprint’s tickets, unless archived ones are asked for', async () => {
      const actor = await withSprints();
      const { id } = await ticket(actor, { externalKey: 'PAY-9', sprintKeys: ['P1'] });
      expect((await tickets.archive(actor, id)).archivedAt).not.toBeNull();
      expect(await list(actor)).toEqual([]);
      expect(await list(actor, { includeArchived: true })).toEqual(['PAY-9']);
      expect(await ticketsOfSprint(actor, 'P1')).toEqual([]);
    });
  });

  describe('work type', () => {
    it('derives the work type from labels and type through the default mapping', async () => {
      const actor = await seedOrganization(db, 'tickets');
      const cases: [Partial<TicketDraft>, string][] = [
        [{ labels: ['tech-debt'] }, 'TECH_DEBT'],
        [{ labels: ['Tech-Debt'], type: 'Story' }, 'TECH_DEBT'],
        [{ labels: ['ui', 'REFACTOR'], type: 'Bug' }, 'TECH_DEBT'],
        [{ type: 'Bug' }, 'BUG'],
        [{ type: 'bug' }, 'BUG'],
        [{ type: 'Story' }, 'NEW_VALUE'],
        [{ type: 'STORY', labels: ['customer'] }, 'NEW_VALUE'],
        [{ type: 'Task' }, 'MAINTENANCE'],
        [{}, 'MAINTENANCE'],
        [{ type: 'Spike' }, 'MAINTENANCE'],
      ];
      for (const [i, [input, workType]] of cases.entries()) {
        const created = await ticket(actor, { externalKey: `T-${i}`, title: 'x', ...input });
        expect({ input, workType: created.workType }).toEqual({ input, workType });
      }
    });

    it('follows changes of labels and type', async () => {
      const actor = await seedOrganization(db, 'tickets');
      const { id } = await ticket(actor, { externalKey: 'T-7', type: 'Task' });
      expect((await tickets.update(actor, { id, labels: ['techdebt'] })).workType).toBe(
        'TECH_DEBT',
      );
      expect((await tickets.update(actor, { id, labels: [], type: 'Bug' })).workType).toBe('BUG');
    });

    it("follows the organization's own mapping: labels, then issue types, then its fallback", async () => {
      const actor = await seedOrganization(db, 'tickets');
      await organizations.updateSettings(actor, {
        workTypeMapping: {
          labels: [{ name: 'Chore', workType: 'MAINTENANCE' }],
          issueTypes: [{ name: 'Spike', workType: 'NEW_VALUE' }],
          fallback: 'BUG',
        },
      });
      const custom = async (externalKey: string, input: Partial<TicketDraft>) =>
        (await ticket(actor, { externalKey, title: 'x', ...input })).workType;
      expect(await custom('C-1', { type: 'spike' })).toBe('NEW_VALUE');
      expect(await custom('C-2', { type: 'Spike', labels: ['CHORE'] })).toBe('MAINTENANCE');
      expect(await custom('C-3', { type: 'Task', labels: ['tech-debt'] })).toBe('BUG');
    });
  });

  describe('status category', () => {
    it("derives the category from the raw status through the organization's mapping; an explicit category wins", async () => {
      const actor = await seedOrganization(db, 'tickets');
      const status = (externalKey: string, input: Partial<TicketDraft>) =>
        ticket(actor, { externalKey, title: 'x', statusCategory: undefined, ...input });
      expect(await status('S-1', { rawStatus: 'To Do' })).toMatchObject({
        statusCategory: 'TODO',
        rawStatus: 'To Do',
      });
      expect((await status('S-2', { rawStatus: ' in progress ' })).statusCategory).toBe(
        'IN_PROGRESS',
      );
      expect((await status('S-3', { rawStatus: 'CLOSED' })).statusCategory).toBe('DONE');
      expect((await status('S-4', { rawStatus: "Won't Do" })).statusCategory).toBe('CANCELLED');
      // an explicit category wins, also over an unknown raw status
      expect(
        await status('S-5', { rawStatus: 'Blocked', statusCategory: 'IN_PROGRESS' }),
      ).toMatchObject({ statusCategory: 'IN_PROGRESS', rawStatus: 'Blocked' });
      expect(await status('S-6', { statusCategory: 'DONE' })).toMatchObject({
        statusCategory: 'DONE',
        rawStatus: '',
      });
    });

    it('refuses a raw status the mapping does not know, or neither, naming the field, writing nothing', async () => {
      const actor = await seedOrganization(db, 'tickets');
      const { id } = await ticket(actor, {
        externalKey: 'S-1',
        rawStatus: 'To Do',
        statusCategory: undefined,
      });
      const before = await deliverySnapshot(db, actor);
      const fieldOf = (write: Promise<unknown>) =>
        write.then(
          () => {
            throw new Error('expected a refusal');
          },
          (error: { code: string; message: string; fields: { field: string }[] }) => {
            expect(error.code).toBe('BAD_USER_INPUT');
            return { fields: error.fields.map((f) => f.field), message: error.message };
          },
        );

      const unmapped = await fieldOf(
        ticket(actor, { externalKey: 'S-7', rawStatus: 'Blocked', statusCategory: undefined }),
      );
      expect(unmapped.fields).toEqual(['input.rawStatus']);
      expect(unmapped.message).toMatch(/"Blocked"/);
      expect(
        (await fieldOf(ticket(actor, { externalKey: 'S-7', statusCategory: undefined }))).fields,
      ).toEqual(['input.statusCategory']);
      expect((await fieldOf(tickets.update(actor, { id, rawStatus: 'Blocked' }))).fields).toEqual([
        'input.rawStatus',
      ]);
      expect(await deliverySnapshot(db, actor)).toEqual(before);
    });

    it('an update maps a new raw status; a new category alone keeps the raw status', async () => {
      const actor = await seedOrganization(db, 'tickets');
      const { id } = await ticket(actor, {
        externalKey: 'S-1',
        rawStatus: 'To Do',
        statusCategory: undefined,
      });
      expect((await tickets.update(actor, { id, rawStatus: 'Resolved' })).statusCategory).toBe(
        'DONE',
      );
      expect(await tickets.update(actor, { id, statusCategory: 'CANCELLED' })).toMatchObject({
        statusCategory: 'CANCELLED',
        rawStatus: 'Resolved',
      });
    });
  });

  describe('sub-tasks', () => {
    /** PAY-1 <- PAY-2 <- PAY-4, PAY-1 <- PAY-3 */
    async function tree() {
      const actor = await seedOrganization(db, 'tickets');
      const parent = await ticket(actor, { externalKey: 'PAY-1', type: 'Story' });
      const sub = await ticket(actor, {
        externalKey: 'PAY-2',
        title: 'Sub',
        type: 'Sub-task',
        parentKey: 'PAY-1',
      });
      await ticket(actor, { externalKey: 'PAY-3', parentKey: 'PAY-1' });
      const subSub = await ticket(actor, { externalKey: 'PAY-4', parentKey: 'PAY-2' });
      return { actor, parent, sub, subSub };
    }

    it('keeps sub-tasks under their parent, by key', async () => {
      const { actor, parent, sub } = await tree();
      expect(sub.parentTicketId).toBe(parent.id);
      const request = requestOf(actor);
      const keyOf = async (id: string | null) =>
        id ? (await ticketLoaders.byId(request).load(id))!.externalKey : null;
      const node = async (t: Ticket) => ({
        key: t.externalKey,
        parent: await keyOf(t.parentTicketId),
        subtasks: keysOf(await ticketLoaders.subtasksOf(request, t.id)),
      });
      const subtasks = await ticketLoaders.subtasksOf(request, parent.id);
      expect({
        parent: await keyOf(parent.parentTicketId),
        subtasks: await Promise.all(subtasks.map(node)),
      }).toEqual({
        parent: null,
        subtasks: [
          { key: 'PAY-2', parent: 'PAY-1', subtasks: ['PAY-4'] },
          { key: 'PAY-3', parent: 'PAY-1', subtasks: [] },
        ],
      });
    });

    it('refuses an unknown parent, the ticket itself and a loop, writing nothing', async () => {
      const { actor, parent } = await tree();
      const before = await deliverySnapshot(db, actor);
      const missing = ticket(actor, { externalKey: 'PAY-5', title: 'x', parentKey: 'PAY-404' });
      await expect(missing).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: expect.stringMatching(/"PAY-404"/),
      });
      await expect(
        ticket(actor, { externalKey: 'PAY-5', title: 'x', parentKey: 'PAY-5' }),
      ).rejects.toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.parentKey' }] });
      await expect(
        tickets.update(actor, { id: parent.id, parentKey: 'PAY-1' }),
      ).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
      await expect(
        tickets.update(actor, { id: parent.id, parentKey: 'PAY-4' }),
      ).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
        message: expect.stringContaining('PAY-1 -> PAY-4 -> PAY-2 -> PAY-1'),
      });
      expect(await deliverySnapshot(db, actor)).toEqual(before);
    });

    it('null makes a top-level ticket, which may then become the parent of its old ancestor', async () => {
      const { actor, parent, subSub } = await tree();
      expect((await tickets.update(actor, { id: subSub.id, parentKey: null })).parentTicketId).toBe(
        null,
      );
      const moved = await tickets.update(actor, { id: parent.id, parentKey: 'PAY-4' });
      expect(moved.parentTicketId).toBe(subSub.id);
    });
  });

  describe('lists', () => {
    /** Five tickets in PAY's and WEB's sprints and none, PAY-2 linked to initiative I1. */
    async function listed() {
      const actor = await withSprints();
      const epic = await initiatives.create(actor, {
        key: 'I1',
        title: 'Initiative I1',
        status: 'PROPOSED',
        priority: 'SHOULD',
      });
      await ticket(actor, { externalKey: 'PAY-3', sprintKeys: ['P1'], statusCategory: 'DONE' });
      await ticket(actor, { externalKey: 'PAY-1', sprintKeys: ['P1', 'P2'] });
      const linked = await ticket(actor, { externalKey: 'PAY-2', sprintKeys: ['P2'] });
      await ticket(actor, { externalKey: 'WEB-1', sprintKeys: ['W1'] });
      await ticket(actor, { externalKey: 'OPS-1' });
      await ticketLinks.link(actor, { ticketId: linked.id, initiativeId: epic.id, weight: 1 });
      return actor;
    }

    it('lists by key, filtered by current sprint, its team, status, initiative and links', async () => {
      const actor = await listed();
      expect(await list(actor)).toEqual(['OPS-1', 'PAY-1', 'PAY-2', 'PAY-3', 'WEB-1']);
      expect(await list(actor, { sprintKey: 'P2' })).toEqual(['PAY-1', 'PAY-2']);
      expect(await list(actor, { teamKey: 'PAY' })).toEqual(['PAY-1', 'PAY-2', 'PAY-3']);
      expect(await list(actor, { statusCategory: 'DONE' })).toEqual(['PAY-3']);
      expect(await list(actor, { initiativeKey: 'I1' })).toEqual(['PAY-2']);
      expect(await list(actor, { unlinked: true })).toEqual(['OPS-1', 'PAY-1', 'PAY-3', 'WEB-1']);
      expect(await list(actor, { unlinked: false })).toEqual(['PAY-2']);
      expect(await list(actor, { teamKey: 'PAY', statusCategory: 'TODO', unlinked: true })).toEqual(
        ['PAY-1'],
      );
    });

    it('refuses a filter by an unknown sprint, team or initiative', async () => {
      const actor = await listed();
      for (const filter of [{ sprintKey: 'P9' }, { teamKey: 'NOPE' }, { initiativeKey: 'I9' }])
        await expect(list(actor, filter)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('a sprint’s tickets are those whose current sprint it is', async () => {
      const actor = await listed();
      expect(await ticketsOfSprint(actor, 'P1')).toEqual(['PAY-3']);
      expect(await ticketsOfSprint(actor, 'P2')).toEqual(['PAY-1', 'PAY-2']);
      expect(await ticketsOfSprint(actor, 'P3')).toEqual([]);
    });
  });

  it('refuses an unknown sprint by its key, a taken key and unknown tickets, writing nothing', async () => {
    const actor = await withSprints();
    const t1 = await ticket(actor, { externalKey: 'PAY-1', sprintKeys: ['P1'] });
    const before = await deliverySnapshot(db, actor);
    const ok = { externalKey: 'PAY-2', title: 'Two' };

    await expect(ticket(actor, { ...ok, sprintKeys: ['P1', 'NOPE', 'P2'] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/sprint with key "NOPE" not found/),
    });
    await expect(ticket(actor, { ...ok, externalKey: 'PAY-1' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/key "PAY-1"/),
    });
    await expect(
      tickets.update(actor, { id: t1.id, sprintKeys: ['P2', 'NOPE'] }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(tickets.update(actor, { id: NO_ID, title: 'x' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(tickets.archive(actor, NO_ID)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await deliverySnapshot(db, actor)).toEqual(before);
  });
});
