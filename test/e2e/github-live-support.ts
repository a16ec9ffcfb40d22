import { FakeGithub, sendGithubWebhook } from '../support/fake-github/index.js';
import type { Session, TestApp } from '../support/test-app.js';
import { createSource, type LiveSource } from './jira-live-support.js';

/**
 * Two goals served by initiatives whose externalKeys are GitHub milestone titles (PAY-100 -> G1,
 * PAY-200 -> G2), and the active sprint "Sprint 12" of team PLAT that a `sprint:Sprint 12` label
 * puts an issue in: the alignment report counts tickets of active sprints, and a GitHub issue has
 * no sprint of its own.
 */
export const GITHUB_PLAN = `version: 1
goals:
  - { key: G1, title: Enterprise, horizon: CORE }
  - { key: G2, title: Growth, horizon: ADJACENT }
teams: [{ key: PLAT, name: Platform, capacity: 30 }]
cycles: [{ key: Q4, name: Q4, start: 2026-10-01, end: 2026-12-31, state: ACTIVE }]
sprints:
  - { key: S12, team: PLAT, name: Sprint 12, start: 2026-12-01, end: 2026-12-14, state: ACTIVE }
objectives:
  - { key: O1, cycle: Q4, title: O1, alignsTo: [{ goal: G1 }], keyResults: [{ key: KR1, title: k1, kind: NUMERIC, start: 0, target: 10 }] }
  - { key: O2, cycle: Q4, title: O2, alignsTo: [{ goal: G2 }], keyResults: [{ key: KR2, title: k2, kind: NUMERIC, start: 0, target: 10 }] }
initiatives:
  - { key: I1, externalKey: PAY-100, title: Payments, team: PLAT, status: IN_PROGRESS, supports: [{ keyResult: KR1 }] }
  - { key: I2, externalKey: PAY-200, title: Signup, team: PLAT, status: IN_PROGRESS, supports: [{ keyResult: KR2 }] }
`;

export const GITHUB_SETTINGS = {
  repositories: ['acme/payments'],
  sprintLabelPrefix: 'sprint:',
  inProgressLabels: ['in progress'],
};

/** An organization with the plan and a GitHub source pointing at the fake. */
export async function connectGithub(
  app: TestApp,
  owner: Session,
  github: FakeGithub,
): Promise<LiveSource> {
  const imported = await app.ok<{ importPlan: { problems: unknown[] } }>(
    `mutation($y: String!) { importPlan(yaml: $y) { problems { path message } } }`,
    { y: GITHUB_PLAN },
    owner.token,
  );
  if (imported.importPlan.problems.length) {
    throw new Error(JSON.stringify(imported.importPlan.problems));
  }
  const { source, webhookSecret } = await createSource(app, owner.token, {
    kind: 'GITHUB',
    name: 'GitHub',
    baseUrl: github.url,
    credentials: github.token,
    settings: GITHUB_SETTINGS,
  });
  return { id: source.id, secret: webhookSecret, url: `${app.url}${source.webhookPath}` };
}

/** Sends a signed GitHub webhook (X-GitHub-Event: issues unless told). */
export function deliverGithub(
  source: LiveSource,
  body: object | Buffer,
  options: { deliveryId?: string; signature?: 'valid' | 'bad' | 'missing'; event?: string } = {},
) {
  return sendGithubWebhook(source.url, body, { secret: source.secret, ...options });
}

/** A ticket's stored state in one organization. */
export async function storedTicket(app: TestApp, organizationId: string, key: string) {
  const rows: { status_category: string; archived_at: Date | null; points: number | null }[] =
    await app.db.dataSource.query(
      `SELECT status_category, archived_at, points FROM tickets WHERE organization_id = $1 AND external_key = $2`,
      [organizationId, key],
    );
  return rows[0] ?? null;
}
