import { setTimeout as sleep } from 'node:timers/promises';
import { Database } from '@app/database';
import { AuthService } from '@app/identity';
import { startBenchApp } from './bench-app.js';
import { issueEvent, monotonicClock, signDelivery, type BenchIssue } from './jira-payloads.js';
import { LiveApi, type Subscriber } from './live-api.js';
import { intakeBurst, type IntakeFigures } from './live-intake.js';
import { effortsOf, liveModel, type AlignmentEfforts, type Efforts } from './live-model.js';
import {
  connectSource,
  inParallel,
  pending,
  serverApplyTimes,
  until,
  type BenchSource,
} from './live-support.js';
import { spread, type Spread } from './stats.js';

/** Poll interval of the alignment query: a new query this long after each answer. */
export const POLL_MS = 5;
/** Parallel senders of the intake burst, as a tracker's delivery workers would be. */
export const INTAKE_CONCURRENCY = 20;
/** Issues in the active sprint before the measurements; the freshness events cycle over them. */
const SEEDED_ISSUES = 200;
/** No single event may take longer than this to show: beyond it the pipeline is broken. */
const STUCK_MS = 30_000;

const REPORT = `{ alignment { totalEffort goals { goal { key } effort } } }`;
const SUBSCRIPTION = `subscription { alignmentChanged { totalEffort goals { goal { key } effort } } }`;

export interface FreshnessFigures {
  events: number;
  /** the client's 202 -> the alignment query shows the new points */
  visible: Spread;
  /** the client's 202 -> an alignmentChanged report with the new points arrives */
  pushed: Spread;
  /** the server's own times: stored (received_at) -> applied (applied_at) */
  applied: Spread;
  /** the webhook request itself: sent -> the client has read the 202 */
  answered: Spread;
  /** median time of one poll query: with POLL_MS, the resolution of `visible` */
  pollQueryMs: number;
}

export interface LiveFigures {
  freshness: FreshnessFigures;
  /** `pushes`: alignmentChanged reports the connected subscriber received during the burst */
  intake: IntakeFigures & { pushes: number };
}

/** Reports pushed to the subscriber, with their arrival times, and a hook for each new one. */
interface Pushes {
  received: { efforts: Efforts; at: number }[];
  onPush: (() => void) | null;
}

/**
 * Live sources (Jira Cloud webhooks) on a real API server over HTTP: how soon after each 202 the
 * alignment query and the alignmentChanged subscription show the change, and how fast a burst is
 * taken in and applied. Setup and measurements go through GraphQL, graphql-ws and the webhook
 * route, as an admin, Jira and a dashboard would (only the sign-up is a direct service call).
 */
export async function benchLiveSources(
  url: string,
  sizes: { freshnessEvents: number; intakeEvents: number },
  log: (m: string) => void,
): Promise<LiveFigures> {
  const app = await startBenchApp(url, {
    // polling every few ms spends far more than one member's default query budget per minute;
    // the bench measures the pipeline, not the rate limiter
    QUERY_COST_PER_MINUTE: '1000000000',
  });
  let subscriber: Subscriber | null = null;
  try {
    const { token, actor } = await app.get(AuthService).signUp({
      email: 'live@bench.local',
      password: 'bench-password-1',
      name: 'Bench',
      organizationName: 'Live',
    });
    const api = new LiveApi(await app.getUrl(), token);
    const source = await connectSource(api);
    const model = liveModel();
    const clock = monotonicClock();
    const pushes: Pushes = { received: [], onPush: null };
    subscriber = await api.subscribe<{ alignmentChanged: AlignmentEfforts }>(
      SUBSCRIPTION,
      (data, at) => {
        pushes.received.push({ efforts: effortsOf(data.alignmentChanged), at });
        pushes.onPush?.();
      },
    );

    log(`  seeding ${SEEDED_ISSUES} issues through signed webhooks`);
    const seeded = Array.from({ length: SEEDED_ISSUES }, (_, j) => model.add(`BENCH-${j + 1}`, j));
    await inParallel(seeded.length, 10, async (j) => {
      await expect202(api, source, seeded[j], 'jira:issue_created', `seed-${j}`, clock);
    });
    const keys = seeded.map((issue) => issue.key);
    await until(async () => (await pending(api)) === 0);
    // The report must agree with the bench's own sums before any figure means anything; the
    // matching push also shows that the subscription is registered.
    const initial = effortsOf((await api.gql<{ alignment: AlignmentEfforts }>(REPORT)).alignment);
    if (!model.matches(initial)) {
      throw new Error(
        `alignment ${JSON.stringify(initial)}, expected ${JSON.stringify(model.efforts())}`,
      );
    }
    await until(async () => pushes.received.some((p) => model.matches(p.efforts)));

    log(`  freshness: ${sizes.freshnessEvents} events, one at a time`);
    const visible: number[] = [];
    const pushed: number[] = [];
    const polls: number[] = [];
    const answered: number[] = [];
    for (let i = 0; i < sizes.freshnessEvents; i++) {
      const issue = model.bump(keys[i % keys.length]);
      const push = nextMatchingPush(pushes, model.matches);
      const sending = performance.now();
      const acked = await expect202(api, source, issue, 'jira:issue_updated', `fresh-${i}`, clock);
      answered.push(acked - sending);
      visible.push(await pollUntilVisible(api, model.matches, acked, polls));
      const at = await Promise.race([push, sleep(STUCK_MS).then(() => null)]);
      if (at === null) throw new Error(`event ${i} not pushed after ${STUCK_MS} ms`);
      // a push that arrived before the client had read its 202 counts as 0 ms
      pushed.push(Math.max(0, at - acked));
      if ((i + 1) % 200 === 0) log(`    ${i + 1} events`);
    }
    const applied = await serverApplyTimes(app.get(Database), actor.organizationId, 'fresh-%');

    log(`  intake: ${sizes.intakeEvents} events, ${INTAKE_CONCURRENCY} at a time`);
    const before = pushes.received.length;
    const intake = await intakeBurst(
      api,
      model,
      source,
      clock,
      sizes.intakeEvents,
      INTAKE_CONCURRENCY,
    );
    if (subscriber.errors.length) {
      throw new Error(`subscriber errors: ${JSON.stringify(subscriber.errors)}`);
    }
    return {
      freshness: {
        events: sizes.freshnessEvents,
        visible: spread(visible),
        pushed: spread(pushed),
        applied: spread(applied),
        answered: spread(answered),
        pollQueryMs: spread(polls).p50,
      },
      intake: { ...intake, pushes: pushes.received.length - before },
    };
  } finally {
    await subscriber?.close();
    await app.close();
  }
}

/** Sends one issue event; resolves at the moment the client has read the 202. */
async function expect202(
  api: LiveApi,
  source: BenchSource,
  issue: BenchIssue,
  kind: 'jira:issue_created' | 'jira:issue_updated',
  deliveryId: string,
  clock: () => number,
): Promise<number> {
  const delivery = signDelivery(source.secret, issueEvent(kind, issue, clock()), deliveryId);
  const status = await api.deliver(source.path, delivery);
  const at = performance.now();
  if (status !== 202) throw new Error(`${deliveryId}: the webhook answered ${status}`);
  return at;
}

/**
 * The arrival time of the first push, from now on, whose report matches the bench's state. Armed
 * before the event is sent, so an early push is not missed; older reports do not match.
 */
function nextMatchingPush(pushes: Pushes, matches: (e: Efforts) => boolean): Promise<number> {
  const from = pushes.received.length;
  return new Promise((resolve) => {
    pushes.onPush = () => {
      const hit = pushes.received.slice(from).find((p) => matches(p.efforts));
      if (!hit) return;
      pushes.onPush = null;
      resolve(hit.at);
    };
  });
}

/** Queries alignment until it matches, POLL_MS after each answer: ms from `acked` to the answer. */
async function pollUntilVisible(
  api: LiveApi,
  matches: (e: Efforts) => boolean,
  acked: number,
  polls: number[],
): Promise<number> {
  for (;;) {
    const sent = performance.now();
    const report = await api.gql<{ alignment: AlignmentEfforts }>(REPORT);
    const answered = performance.now();
    polls.push(answered - sent);
    if (matches(effortsOf(report.alignment))) return answered - acked;
    if (answered - acked > STUCK_MS) throw new Error(`an event not visible after ${STUCK_MS} ms`);
    await sleep(POLL_MS);
  }
}
