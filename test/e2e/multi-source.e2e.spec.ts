import { FakeGithub, sendGithubWebhook } from '../support/fake-github/index.js';
import { FakeJira, sendWebhook } from '../support/fake-jira/index.js';
import { FakeLinear, sendLinearWebhook } from '../support/fake-linear/index.js';
import { TestApp, type Session } from '../support/test-app.js';
import { waitFor } from './jira-live-support.js';

/**
 * One organization, three trackers: platform works in Jira, product in Linear, ops in GitHub
 * Issues. Their tickets land in one alignment report whose figures equal the table worked out by
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
 * total 22: G1 8/22, G2 8/22, G3 4/22, NO_INITIATIVE 2/22; 5 tickets.
 */
const EXPECTED = {
  totalEffort: 22,
  ticketCount: 5,
  goals: { G1: 8 / 22, G2: 8 / 22, G3: 4 / 22 },
  unaligned: [{ reason: 'NO_INITIATIVE', effort: 2, ticketCount: 1 }],
};

describe('one organization, several trackers', () => {
  let app: TestApp;
  let owner: Session;
  let jira: FakeJira;
  let linear: FakeLinear;
  let github: FakeGithub;

  beforeAll(async () => {
    app = await TestApp.start();
    [jira, linear, github] = await Promise.all([
      FakeJira.start(),
      FakeLinear.start(),
      FakeGithub.start({ repo: 'acme/ops' }),
    ]);
    owner = await app.signUp('Many');
    await app.ok(
      `mutation($y: String!) { importPlan(yaml: $y) { problems { message } } }`,
      { y: PLAN },
      owner.token,
    );
  });

  afterAll(async () => {
    await Promise.all([jira.close(), linear.close(), github.close()]);
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

    const report = await waitFor(
      () =>
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
        ),
      (r) => r.alignment.ticketCount === 5,
    );
    expect(report.alignment.totalEffort).toBe(EXPECTED.totalEffort);
    expect(report.alignment.ticketCount).toBe(EXPECTED.ticketCount);
    for (const [key, share] of Object.entries(EXPECTED.goals)) {
      expect(report.alignment.goals.find((g) => g.goal.key === key)!.share).toBeCloseTo(share, 12);
    }
    expect(report.alignment.unaligned).toEqual(EXPECTED.unaligned);

    // each source's freshness, side by side
    const sources = await app.ok<{
      ticketSources: { name: string; kind: string; pendingEvents: number; stale: boolean }[];
    }>(`{ ticketSources { name kind pendingEvents stale } }`, {}, owner.token);
    expect(sources.ticketSources).toEqual([
      { name: 'GitHub', kind: 'GITHUB', pendingEvents: 0, stale: false },
      { name: 'Jira', kind: 'JIRA_CLOUD', pendingEvents: 0, stale: false },
      { name: 'Linear', kind: 'LINEAR', pendingEvents: 0, stale: false },
    ]);
  });
});
