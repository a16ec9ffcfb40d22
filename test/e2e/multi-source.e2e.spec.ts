import { FakeGithub, sendGithubWebhook } from '../support/fake-github/index.js';
import { FakeJira, sendWebhook } from '../support/fake-jira/index.js';
import { FakeLinear, sendLinearWebhook } from '../support/fake-linear/index.js';
import { FakeTrello, sendTrelloWebhook } from '../support/fake-trello/index.js';
import { TestApp, type Session } from '../support/test-app.js';
import { waitFor } from './jira-live-support.js';

/**
 * One organization, four trackers: platform works in Jira, product in Linear, ops in GitHub
 * Issues and on a Trello board. Their tickets land in one alignment report whose figures equal the table worked out by
 * hand below.
 */
const PLAN = `version: 1
goals:
  - { key: G1, title: Enterprise, horizon: CORE }
  - { key: G2, title: Growth, horizon: ADJACENT }
  - { key: G3, title: Reliability, horizon: CORE }
teams:
  - { key: PLAT, name: Platform, capacity: 30 }
  - { key: PROD, name: Product, capacity: 30 }
cycles: [{ key: Q4, name: Q4, start: 2026-10-01, end: 2026-12-31, state: ACTIVE }]
objectives:
  - { key: O1, cycle: Q4, title: O1, alignsTo: [{ goal: G1 }], keyResults: [{ key: KR1, title: k1, kind: NUMERIC, start: 0, target: 10 }] }
  - { key: O2, cycle: Q4, title: O2, alignsTo: [{ goal: G2 }], keyResults: [{ key: KR2, title: k2, kind: NUMERIC, start: 0, target: 10 }] }
  - { key: O3, cycle: Q4, title: O3, alignsTo: [{ goal: G3 }], keyResults: [{ key: KR3, title: k3, kind: NUMERIC, start: 0, target: 10 }] }
initiatives:
  - { key: I1, externalKey: PAY-100, title: Payments, team: PLAT, status: IN_PROGRESS, supports: [{ keyResult: KR1 }] }
  - { key: I2, externalKey: Onboarding, title: Onboarding, team: PROD, status: IN_PROGRESS, supports: [{ keyResult: KR2 }] }
  - { key: I3, externalKey: OPS-1, title: Uptime, team: PLAT, status: IN_PROGRESS, supports: [{ keyResult: KR3 }] }
`;

/**
 * | tracker | ticket        | points | initiative (how)          | goal       |
 * |---------|---------------|--------|---------------------------|------------|
 * | Jira    | PAY-1         | 5      | I1 (epic PAY-100)         | G1         |
 * | Jira    | PAY-2         | 3      | I1 (epic PAY-100)         | G1         |
 * | Linear  | ENG-1         | 8      | I2 (project Onboarding)   | G2         |
 * | GitHub  | acme/ops#1    | 4      | I3 (milestone OPS-1)      | G3         |
 * | GitHub  | acme/ops#2    | 2      | none                      | unaligned  |
 * | Trello  | <board>-1     | 3      | I3 (label epic:OPS-1)     | G3         |
 * | Trello  | <board>-2     | 6      | I1 (label epic:PAY-100)   | G1         |
 * | Trello  | <board>-3     | 2      | none                      | unaligned  |
 * | Trello  | <board>-4     | (7)    | archived: out of scope    | -          |
 * Trello points: card 1 "(3) " title prefix, card 2 its Story Points field, card 3 "(2) ".
 * G1 = 5 + 3 + 6 = 14; G2 = 8; G3 = 4 + 3 = 7; NO_INITIATIVE = 2 + 2 = 4 (2 tickets);
 * total 14 + 8 + 7 + 4 = 33: G1 14/33, G2 8/33, G3 7/33, NO_INITIATIVE 4/33; 8 tickets.
 */
const EXPECTED = {
  totalEffort: 33,
  ticketCount: 8,
  goals: { G1: 14 / 33, G2: 8 / 33, G3: 7 / 33 },
  unaligned: [{ reason: 'NO_INITIATIVE', effort: 4, ticketCount: 2 }],
};

describe('one organization, several trackers', () => {
  let app: TestApp;
  let owner: Session;
  let jira: FakeJira;
  let linear: FakeLinear;
  let github: FakeGithub;
  let trello: FakeTrello;

  beforeAll(async () => {
    app = await TestApp.start();
    [jira, linear, github, trello] = await Promise.all([
      FakeJira.start(),
      FakeLinear.start(),
      FakeGithub.start({ repo: 'acme/ops' }),
      FakeTrello.start(),
    ]);
    owner = await app.signUp('Many');
    await app.ok(
      `mutation($y: String!) { importPlan(yaml: $y) { problems { message } } }`,
      { y: PLAN },
      owner.token,
    );
  });

  afterAll(async () => {
    await Promise.all([jira.close(), linear.close(), github.close(), trello.close()]);
    await app.close();
  });

  const create = async (input: Record<string, unknown>) => {
    const data = await app.ok<{
      createTicketSource: { source: { id: string; webhookPath: string }; webhookSecret: string };
    }>(
      `mutation($input: CreateTicketSourceInput!) { createTicketSource(input: $input) { source { id webhookPath } webhookSecret } }`,
      { input },
      owner.token,
    );
    const { source, webhookSecret } = data.createTicketSource;
    return { url: `${app.url}${source.webhookPath}`, secret: webhookSecret };
  };

  it('shows every tracker’s work in one report, equal to the hand-computed table', async () => {
    const jiraSource = await create({
      kind: 'JIRA_CLOUD',
      name: 'Jira',
      settings: { boardTeams: { '3': 'PLAT' } },
    });
    const linearSource = await create({
      kind: 'LINEAR',
      name: 'Linear',
      settings: { teamTeams: { ENG: 'PROD' } },
    });
    const githubSource = await create({
      kind: 'GITHUB',
      name: 'GitHub',
      settings: { repositories: ['acme/ops'], sprintLabelPrefix: 'sprint:' },
    });

    // Jira: the active sprint of board 3 (created for PLAT), two stories of epic PAY-100
    jira.putBoard(3);
    jira.putSprint({
      id: 12,
      name: 'PLAT Sprint 1',
      state: 'active',
      originBoardId: 3,
      startDate: '2026-12-01T09:00:00.000Z',
      endDate: '2026-12-14T17:00:00.000Z',
    });
    jira.putIssue({ key: 'PAY-100', type: 'Epic', summary: 'Payments' });
    jira.putIssue({
      key: 'PAY-1',
      summary: 'Card form',
      parentKey: 'PAY-100',
      storyPoints: 5,
      sprintIds: [12],
    });
    jira.putIssue({
      key: 'PAY-2',
      summary: 'Refunds',
      parentKey: 'PAY-100',
      storyPoints: 3,
      sprintIds: [12],
    });
    for (const key of ['PAY-1', 'PAY-2']) {
      expect(
        (await sendWebhook(jiraSource.url, jira.webhookFor('jira:issue_created', key), jiraSource))
          .status,
      ).toBe(202);
    }

    // Linear: the current cycle of team ENG (a sprint of PROD), an issue of project Onboarding
    const day = 86_400_000;
    linear.putCycle({
      id: 'cycle-1',
      number: 1,
      name: null,
      startsAt: new Date(Date.now() - 3 * day).toISOString(),
      endsAt: new Date(Date.now() + 10 * day).toISOString(),
    });
    linear.putIssue({
      identifier: 'ENG-1',
      project: 'Onboarding',
      estimate: 8,
      cycleId: 'cycle-1',
    });
    expect(
      (
        await sendLinearWebhook(
          linearSource.url,
          linear.webhookFor('create', 'ENG-1'),
          linearSource,
        )
      ).status,
    ).toBe(202);

    // GitHub: two ops issues in Jira's sprint (by label), one with milestone OPS-1
    github.putIssue({
      number: 1,
      title: 'Failover drill',
      milestone: 'OPS-1',
      labels: ['points:4', 'sprint:PLAT Sprint 1'],
    });
    github.putIssue({ number: 2, title: 'Cleanup', labels: ['points:2', 'sprint:PLAT Sprint 1'] });
    for (const n of [1, 2]) {
      expect(
        (await sendGithubWebhook(githubSource.url, github.webhookFor('opened', n), githubSource))
          .status,
      ).toBe(202);
    }

    // Trello: the ops board (mapped to PLAT), cards in Jira's sprint through their sprint label
    const board = trello.addBoard('Ops');
    const doing = trello.addList(board, 'Doing');
    const storyPoints = trello.addCustomField(board, 'Story Points');
    const trelloSource = await create({
      kind: 'TRELLO',
      name: 'Trello',
      baseUrl: trello.url,
      credentials: trello.credentials,
      webhookSecret: 'the-trello-app-secret',
      settings: {
        boards: [board.id],
        boardTeams: { [board.id]: 'PLAT' },
        sprintLabelPrefix: 'sprint:',
        listCategories: { Doing: 'IN_PROGRESS' },
      },
    });
    const sprint = 'sprint:PLAT Sprint 1';
    const old = trello.createCard({
      list: doing,
      name: '(7) Old',
      labels: ['epic:PAY-100', sprint],
    });
    const trelloBodies = [
      trello.createCard({ list: doing, name: '(3) Status page', labels: ['epic:OPS-1', sprint] })
        .body,
      trello.createCard({
        list: doing,
        name: 'Runbook',
        labels: ['epic:PAY-100', sprint],
        fields: [[storyPoints, '6']],
      }).body,
      trello.createCard({ list: doing, name: '(2) Flaky test', labels: [sprint] }).body,
      old.body,
      trello.updateCard(old.card, { closed: true }),
    ];
    for (const body of trelloBodies) {
      // no PUBLIC_URL here: Trello signs the URL the request reached
      expect((await sendTrelloWebhook(trelloSource.url, body, trelloSource)).status).toBe(202);
    }

    const reportNow = () =>
      app.ok<{
        alignment: {
          totalEffort: number;
          ticketCount: number;
          goals: { goal: { key: string }; share: number }[];
          unaligned: { reason: string; effort: number; ticketCount: number }[];
        };
      }>(
        `{ alignment { totalEffort ticketCount goals { goal { key } share } unaligned { reason effort ticketCount } } }`,
        {},
        owner.token,
      );
    const report = await waitFor(
      reportNow,
      (r) =>
        r.alignment.ticketCount === EXPECTED.ticketCount &&
        r.alignment.totalEffort === EXPECTED.totalEffort,
    );
    expect(report.alignment.totalEffort).toBe(EXPECTED.totalEffort);
    expect(report.alignment.ticketCount).toBe(EXPECTED.ticketCount);
    for (const [key, share] of Object.entries(EXPECTED.goals)) {
      expect(report.alignment.goals.find((g) => g.goal.key === key)!.share).toBeCloseTo(share, 12);
    }
    expect(report.alignment.unaligned).toEqual(EXPECTED.unaligned);

    // each source's freshness, side by side (once the last events, the archived card's, settled)
    const sources = await waitFor(
      () =>
        app.ok<{
          ticketSources: { name: string; kind: string; pendingEvents: number; stale: boolean }[];
        }>(`{ ticketSources { name kind pendingEvents stale } }`, {}, owner.token),
      (s) => s.ticketSources.every((t) => t.pendingEvents === 0),
    );
    // and the report is still the table's
    expect(await reportNow()).toEqual(report);
    expect(sources.ticketSources).toEqual([
      { name: 'GitHub', kind: 'GITHUB', pendingEvents: 0, stale: false },
      { name: 'Jira', kind: 'JIRA_CLOUD', pendingEvents: 0, stale: false },
      { name: 'Linear', kind: 'LINEAR', pendingEvents: 0, stale: false },
      { name: 'Trello', kind: 'TRELLO', pendingEvents: 0, stale: false },
    ]);
  });
});
