import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus metrics (README, Observability), served at /metrics by the API. One
 * registry per process: the webhook worker, the GraphQL plugin and the HTTP middleware observe
 * into it without passing it around. Label values are bounded: operation names are the schema's
 * root fields or route patterns, codes the API's own error codes.
 */
export const metricsRegistry = new Registry();

/** Seconds from a few milliseconds (a cached read) to the request deadline and beyond. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * One observation per GraphQL operation (`protocol="graphql"` over HTTP, `"graphql-ws"` over a
 * live connection; `type` query|mutation|subscription, `operation` its root field) and per other
 * HTTP request (`protocol="http"`, `type` the method, `operation` the route pattern). Over
 * graphql-ws a subscription is timed until it is set up (its events are not answers).
 */
export const operationDuration = new Histogram({
  name: 'throughline_operation_duration_seconds',
  help: 'Time to answer one operation: a GraphQL operation by root field, an HTTP route by pattern',
  labelNames: ['protocol', 'type', 'operation'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

/** Operations that answered with an error, by its code (GraphQL `extensions.code`, REST `code` or status). */
export const operationErrors = new Counter({
  name: 'throughline_operation_errors_total',
  help: 'Operations answered with an error, by operation and error code',
  labelNames: ['protocol', 'type', 'operation', 'code'] as const,
  registers: [metricsRegistry],
});

/** graphql-ws connections open now (each a dashboard or client listening for live events). */
export const liveConnections = new Gauge({
  name: 'throughline_live_connections',
  help: 'Authenticated graphql-ws connections open now',
  registers: [metricsRegistry],
});

/** Subscriptions running now over graphql-ws, by root field (`operation`). */
export const liveSubscriptions = new Gauge({
  name: 'throughline_live_subscriptions',
  help: 'GraphQL subscriptions running now over graphql-ws, by root field',
  labelNames: ['operation'] as const,
  registers: [metricsRegistry],
});

/** From a stored webhook event to its change applied: the live sources' delay. */
export const webhookLag = new Histogram({
  name: 'throughline_webhook_lag_seconds',
  help: 'Seconds from a webhook event stored to its change applied (or found to change nothing)',
  labelNames: ['tracker'] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
  registers: [metricsRegistry],
});

/** The read replica as its router last measured it: null without one. */
export interface ReplicaState {
  /** host:port/database, never a URL with credentials */
  replica: string;
  /** replay lag in seconds at the last measurement; null while it cannot be measured (down) */
  lagSeconds: number | null;
}

let readReplica: (() => ReplicaState | null) | null = null;

new Gauge({
  name: 'throughline_db_replica_lag_seconds',
  help: 'How far the read replica is behind the primary, in seconds (absent without a replica or while it is down)',
  labelNames: ['replica'] as const,
  registers: [metricsRegistry],
  collect() {
    const state = readReplica?.();
    this.reset();
    if (state && state.lagSeconds !== null) this.set({ replica: state.replica }, state.lagSeconds);
  },
});

new Gauge({
  name: 'throughline_db_replica_up',
  help: 'Whether the read replica answered its last lag measurement (1) or not (0); absent without one',
  labelNames: ['replica'] as const,
  registers: [metricsRegistry],
  collect() {
    const state = readReplica?.();
    this.reset();
    if (state) this.set({ replica: state.replica }, state.lagSeconds === null ? 0 : 1);
  },
});

/** Sets what the replica gauges read at scrape time (measured in the background); returns the undo. */
export function readReplicaAtScrape(read: () => ReplicaState | null): () => void {
  readReplica = read;
  return () => {
    if (readReplica === read) readReplica = null;
  };
}

/** The database pool's connections at one moment. */
export interface PoolUse {
  total: number;
  idle: number;
  waiting: number;
}

let readPool: (() => PoolUse | null) | null = null;
let readQueue: (() => Promise<number>) | null = null;

new Gauge({
  name: 'throughline_db_pool_connections',
  help: 'The database pool: connections open (total), unused (idle), and requests waiting for one',
  labelNames: ['state'] as const,
  registers: [metricsRegistry],
  collect() {
    const use = readPool?.();
    this.reset();
    if (!use) return;
    this.set({ state: 'total' }, use.total);
    this.set({ state: 'idle' }, use.idle);
    this.set({ state: 'waiting' }, use.waiting);
  },
});

new Gauge({
  name: 'throughline_source_events_queued',
  help: 'Stored webhook events waiting to be applied, over all organizations (read at scrape time)',
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    if (!readQueue) return;
    try {
      this.set(await readQueue());
    } catch {
      // the database is unreachable: no value rather than a stale one (the pool and the
      // readiness probe say why)
    }
  },
});

/**
 * Sets what the pool gauge reads at scrape time (the API's database); returns the undo, for the
 * app's shutdown. The latest registration wins (one app per process outside the tests).
 */
export function readPoolAtScrape(read: () => PoolUse | null): () => void {
  readPool = read;
  return () => {
    if (readPool === read) readPool = null;
  };
}

/** Sets what the queue-depth gauge reads at scrape time (one cheap count); returns the undo. */
export function readQueueDepthAtScrape(read: () => Promise<number>): () => void {
  readQueue = read;
  return () => {
    if (readQueue === read) readQueue = null;
  };
}

let processMetrics = false;

/** Node's own metrics (CPU, memory, event loop lag, GC, handles), once per process. */
export function collectProcessMetrics(): void {
  if (processMetrics) return;
  processMetrics = true;
  collectDefaultMetrics({ register: metricsRegistry });
}
