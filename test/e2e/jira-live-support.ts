import { setTimeout as sleep } from 'node:timers/promises';
import { FakeJira, sendWebhook } from '../support/fake-jira/index.js';
import type { TestApp, Session } from '../support/test-app.js';

/**
 * A plan with two goals, each served by one initiative whose externalKey is a Jira epic
 * (PAY-100 -> G1, PAY-200 -> G2), and team PLAT that Jira board 3 maps to.
 */
export const LIVE_PLAN = `version: 1
goals:
  - { key: G1, title: Enterprise, horizon: CORE }
  - { key: G2, title: Growth, horizon: ADJACENT }
teams: [{ key: PLAT, name: Platform, capacity: 30 }]
cycles: [{ key: Q4, name: Q4, start: 2026-10-01, end: 2026-12-31, state: ACTIVE }]
objectives:
  - { key: O1, cycle: Q4, title: O1, alignsTo: [{ goal: G1 }], keyResults: [{ key: KR1, title: k1, kind: NUMERIC, start: 0, target: 10 }] }
  - { key: O2, cycle: Q4, title: O2, alignsTo: [{ goal: G2 }], keyResults: [{ key: KR2, title: k2, kind: NUMERIC, start: 0, target: 10 }] }
initiatives:
  - { key: I1, externalKey: PAY-100, title: Payments, team: PLAT, status: IN_PROGRESS, supports: [{ keyResult: KR1 }] }
  - { key: I2, externalKey: PAY-200, title: Signup, team: PLAT, status: IN_PROGRESS, supports: [{ keyResult: KR2 }] }
`;

export interface LiveSource {
  id: string;
  secret: string;
  url: string;
}

/** An organization with the plan and a Jira Cloud source pointing at the fake. */
export async function connectJira(
  app: TestApp,
  owner: Session,
  jira: FakeJira,
): Promise<LiveSource> {
  await app.ok(
    `mutation($y: String!) { importPlan(yaml: $y) { problems { path message } } }`,
    { y: LIVE_PLAN },
    owner.token,
  );
  const { source, webhookSecret } = await createSource(app, owner.token, {
    kind: 'JIRA_CLOUD',
    name: 'Jira',
    baseUrl: jira.url,
    credentials: `${jira.email}:${jira.apiToken}`,
    settings: { boardTeams: { '3': 'PLAT' } },
  });
  return { id: source.id, secret: webhookSecret, url: `${app.url}${source.webhookPath}` };
}

/** The epics and the active sprint of board 3, in the fake. */
export function seedJira(jira: FakeJira): void {
  jira.putBoard(3);
  jira.putSprint({
    id: 12,
    name: 'PAY Sprint 1',
    state: 'active',
    originBoardId: 3,
    startDate: '2026-12-01T09:00:00.000Z',
    endDate: '2026-12-14T17:00:00.000Z',
  });
  jira.putIssue({ key: 'PAY-100', type: 'Epic', summary: 'Payments' });
  jira.putIssue({ key: 'PAY-200', type: 'Epic', summary: 'Signup' });
}

/** Sends the fake's current state of an issue as a signed webhook. */
export function deliver(
  source: LiveSource,
  body: object,
  options: { deliveryId?: string; signature?: 'valid' | 'bad' | 'missing' } = {},
) {
  return sendWebhook(source.url, body, { secret: source.secret, ...options });
}

export interface GoalShares {
  totalEffort: number;
  ticketCount: number;
  goals: Record<string, { effort: number; share: number }>;
}

export async function goalShares(app: TestApp, token: string): Promise<GoalShares> {
  const data = await app.ok<{
    alignment: {
      totalEffort: number;
      ticketCount: number;
      goals: { goal: { key: string }; effort: number; share: number }[];
    };
  }>(`{ alignment { totalEffort ticketCount goals { goal { key } effort share } } }`, {}, token);
  return {
    totalEffort: data.alignment.totalEffort,
    ticketCount: data.alignment.ticketCount,
    goals: Object.fromEntries(
      data.alignment.goals.map((g) => [g.goal.key, { effort: g.effort, share: g.share }]),
    ),
  };
}

/** Polls `read` until `done` holds (the workers apply events in the background). */
export async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting; last value: ${JSON.stringify(value)}`);
    }
    await sleep(50);
  }
}

export interface SourceView {
  pendingEvents: number;
  deadLetters: number;
  lastEventAt: string | null;
  stale: boolean;
  problems: { path: string; message: string }[];
}

export async function sourceView(app: TestApp, token: string): Promise<SourceView> {
  const data = await app.ok<{ ticketSources: SourceView[] }>(
    `{ ticketSources { pendingEvents deadLetters lastEventAt stale problems { path message } } }`,
    {},
    token,
  );
  return data.ticketSources[0];
}

/** Creates a ticket source as `token`'s user: the source's id and webhook path, and the secret shown once. */
export async function createSource(
  app: TestApp,
  token: string,
  input: Record<string, unknown>,
): Promise<{ source: { id: string; webhookPath: string }; webhookSecret: string }> {
  const created = await app.ok<{
    createTicketSource: { source: { id: string; webhookPath: string }; webhookSecret: string };
  }>(
    `mutation($input: CreateTicketSourceInput!) {
       createTicketSource(input: $input) { source { id webhookPath } webhookSecret } }`,
    { input },
    token,
  );
  return created.createTicketSource;
}
