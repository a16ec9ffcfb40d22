import { AsanaWebhookSender, type FakeAsana } from '../support/fake-asana/index.js';
import type { Session, TestApp } from '../support/test-app.js';
import { createSource } from './jira-live-support.js';

/** The Asana project the source covers; its name is the stored sprint's (sprintFrom: project). */
export const PROJECT = '1201000000000001';
export const PROJECT_NAME = 'Sprint 12';

/**
 * Two goals served by initiatives whose externalKeys an Asana tag `epic:<KEY>` names (PAY-100 ->
 * G1, PAY-200 -> G2), and the active sprint "Sprint 12" of team PLAT, named like the Asana
 * project: the alignment report counts tickets of active sprints.
 */
export const ASANA_PLAN = `version: 1
goals:
  - { key: G1, title: Enterprise, horizon: CORE }
  - { key: G2, title: Growth, horizon: ADJACENT }
teams: [{ key: PLAT, name: Platform, capacity: 30 }]
cycles: [{ key: Q4, name: Q4, start: 2026-10-01, end: 2026-12-31, state: ACTIVE }]
sprints:
  - { key: S12, team: PLAT, name: ${PROJECT_NAME}, start: 2026-12-01, end: 2026-12-14, state: ACTIVE }
objectives:
  - { key: O1, cycle: Q4, title: O1, alignsTo: [{ goal: G1 }], keyResults: [{ key: KR1, title: k1, kind: NUMERIC, start: 0, target: 10 }] }
  - { key: O2, cycle: Q4, title: O2, alignsTo: [{ goal: G2 }], keyResults: [{ key: KR2, title: k2, kind: NUMERIC, start: 0, target: 10 }] }
initiatives:
  - { key: I1, externalKey: PAY-100, title: Payments, team: PLAT, status: IN_PROGRESS, supports: [{ keyResult: KR1 }] }
  - { key: I2, externalKey: PAY-200, title: Signup, team: PLAT, status: IN_PROGRESS, supports: [{ keyResult: KR2 }] }
`;

export const ASANA_SETTINGS = { projects: [PROJECT], sprintFrom: 'project' };

export interface AsanaSource {
  id: string;
  webhookUrl: string;
  /** Asana's side of the webhook: handshake first, then signed deliveries */
  hook: AsanaWebhookSender;
}

/** An organization with the plan and an Asana source pointing at the fake (no handshake yet). */
export async function connectAsana(
  app: TestApp,
  owner: Session,
  asana: FakeAsana,
): Promise<AsanaSource> {
  const imported = await app.ok<{ importPlan: { problems: unknown[] } }>(
    `mutation($y: String!) { importPlan(yaml: $y) { problems { path message } } }`,
    { y: ASANA_PLAN },
    owner.token,
  );
  if (imported.importPlan.problems.length) {
    throw new Error(JSON.stringify(imported.importPlan.problems));
  }
  const { source, webhookSecret } = await createSource(app, owner.token, {
    kind: 'ASANA',
    name: 'Asana',
    baseUrl: asana.url,
    credentials: asana.token,
    settings: ASANA_SETTINGS,
  });
  const webhookUrl = `${app.url}${source.webhookPath}`;
  return {
    id: source.id,
    webhookUrl,
    hook: new AsanaWebhookSender(handshakeTarget(webhookUrl, webhookSecret)),
  };
}

/** The target registered in Asana: the webhook URL with the handshake token shown once. */
export function handshakeTarget(webhookUrl: string, webhookSecret: string): string {
  return `${webhookUrl}?handshake=${encodeURIComponent(webhookSecret)}`;
}

/** A ticket's stored state in one organization. */
export async function storedAsanaTicket(app: TestApp, organizationId: string, gid: string) {
  const rows: {
    status_category: string;
    archived_at: Date | null;
    points: number | null;
    parent_key: string | null;
    subtask: boolean;
  }[] = await app.db.dataSource.query(
    `SELECT status_category, archived_at, points, parent_key, subtask FROM tickets
      WHERE organization_id = $1 AND external_key = $2`,
    [organizationId, `ASANA-${gid}`],
  );
  return rows[0] ?? null;
}

/** The stored events of a source, by state. */
export async function eventStates(app: TestApp, sourceId: string, subject?: string) {
  const rows: { state: string; n: number }[] = await app.db.dataSource.query(
    `SELECT state, count(*)::int AS n FROM source_events
      WHERE source_id = $1 AND ($2::text IS NULL OR subject = $2) GROUP BY state`,
    [sourceId, subject ?? null],
  );
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}
