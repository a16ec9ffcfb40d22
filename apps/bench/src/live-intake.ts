import { issueEvent, signDelivery, type SignedDelivery } from './jira-payloads.js';
import type { LiveApi } from './live-api.js';
import { effortsOf, type AlignmentEfforts, type LiveModel } from './live-model.js';
import { inParallel, pending, until, type BenchSource } from './live-support.js';
import { spread, type Spread } from './stats.js';

export interface IntakeFigures {
  events: number;
  issues: number;
  /** first send -> last answer */
  sendSeconds: number;
  /** send -> answer of each webhook */
  ack: Spread;
  /** first send -> `pendingEvents` 0 */
  appliedSeconds: number;
  /** answers other than 202, by status */
  refused: Record<string, number>;
  /** the final alignment equals what the events say */
  consistent: boolean;
}

/**
 * A burst as a tracker sends one (a bulk edit, a sprint moved): `events` signed deliveries with
 * distinct ids over events / 2 new issues (each created, then updated with other points), sent
 * `concurrency` at a time. Bodies are built and signed before the clock starts.
 */
export async function intakeBurst(
  api: LiveApi,
  model: LiveModel,
  source: BenchSource,
  clock: () => number,
  events: number,
  concurrency: number,
): Promise<IntakeFigures> {
  const issues = Math.max(1, Math.ceil(events / 2));
  const deliveries: SignedDelivery[] = [];
  for (let i = 0; i < events; i++) {
    const k = i % issues;
    const issue = i < issues ? model.add(`BURST-${k + 1}`, k) : model.bump(`BURST-${k + 1}`);
    const kind = i < issues ? 'jira:issue_created' : 'jira:issue_updated';
    deliveries.push(signDelivery(source.secret, issueEvent(kind, issue, clock()), `burst-${i}`));
  }
  const acks: number[] = [];
  const refused: Record<string, number> = {};
  const started = performance.now();
  await inParallel(events, concurrency, async (i) => {
    const sent = performance.now();
    const status = await api.deliver(source.path, deliveries[i]);
    acks.push(performance.now() - sent);
    if (status !== 202) refused[status] = (refused[status] ?? 0) + 1;
  });
  const sendSeconds = (performance.now() - started) / 1000;
  await until(async () => (await pending(api)) === 0, 10);
  const appliedSeconds = (performance.now() - started) / 1000;
  const report = await api.gql<{ alignment: AlignmentEfforts }>(
    `{ alignment { totalEffort goals { goal { key } effort } } }`,
  );
  return {
    events,
    issues,
    sendSeconds,
    ack: spread(acks),
    appliedSeconds,
    refused,
    consistent: model.matches(effortsOf(report.alignment)),
  };
}
