import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '@app/database';
import { BENCH_SPRINT } from './jira-payloads.js';
import type { LiveApi } from './live-api.js';
import { livePlanYaml } from './live-model.js';

export interface BenchSource {
  id: string;
  /** the webhook route, /webhooks/jira_cloud/<id> */
  path: string;
  secret: string;
}

/**
 * The plan and a Jira Cloud source, through GraphQL as an ADMIN would set them up. No base URL or
 * credentials: nothing reconciles against a Jira, so every change arrives by webhook.
 */
export async function connectSource(api: LiveApi): Promise<BenchSource> {
  const plan = await api.gql<{ importPlan: { problems: unknown[] } }>(
    `mutation($y: String!) { importPlan(yaml: $y) { problems { path message } } }`,
    { y: livePlanYaml() },
  );
  if (plan.importPlan.problems.length) throw new Error(JSON.stringify(plan.importPlan.problems));
  const created = await api.gql<{
    createTicketSource: { source: { id: string; webhookPath: string }; webhookSecret: string };
  }>(
    `mutation($input: CreateTicketSourceInput!) {
       createTicketSource(input: $input) { source { id webhookPath } webhookSecret } }`,
    {
      input: {
        kind: 'JIRA_CLOUD',
        name: 'Bench Jira',
        settings: { boardTeams: { [String(BENCH_SPRINT.boardId)]: 'PLAT' } },
      },
    },
  );
  const { source, webhookSecret } = created.createTicketSource;
  return { id: source.id, path: source.webhookPath, secret: webhookSecret };
}

/** `ticketSources { pendingEvents }` of the one source. */
export async function pending(api: LiveApi): Promise<number> {
  const data = await api.gql<{ ticketSources: { pendingEvents: number }[] }>(
    `{ ticketSources { pendingEvents } }`,
  );
  return data.ticketSources[0].pendingEvents;
}

/** Waits until `done` holds, checking every `everyMs`; a minute without it is a failure. */
export async function until(done: () => Promise<boolean>, everyMs = 20): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the live source');
    await sleep(everyMs);
  }
}

/** Runs `work(0..count-1)` with at most `concurrency` at a time, in index order. */
export async function inParallel(
  count: number,
  concurrency: number,
  work: (i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
}

/**
 * The server's own view of events whose delivery id matches `like`: stored (received_at, inside
 * the webhook's transaction) to applied (applied_at, inside the applying one), in ms. Read in the
 * organization's scope, as the app reads it.
 */
export async function serverApplyTimes(
  db: Database,
  organizationId: string,
  like: string,
): Promise<number[]> {
  const rows: { ms: number }[] = await db.transaction({ organizationId }, (em) =>
    em.query(
      `SELECT extract(epoch FROM applied_at - received_at) * 1000 AS ms FROM source_events
        WHERE delivery_id LIKE $1 AND applied_at IS NOT NULL`,
      [like],
    ),
  );
  return rows.map((r) => Number(r.ms));
}
