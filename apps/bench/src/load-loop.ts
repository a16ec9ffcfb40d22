import { Worker } from 'node:worker_threads';
import { percentile } from './stats.js';

/** What a closed loop of clients measured against one request. */
export interface LoopFigures {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
}

/**
 * `clients` clients each sending `request` again as soon as its answer is read, for `ms`
 * milliseconds: requests per second and the latency spread. A non-2xx answer fails the run (a
 * figure of errors would flatter the route).
 */
export async function closedLoop(
  request: () => Promise<Response>,
  clients: number,
  ms: number,
): Promise<LoopFigures> {
  const latencies: number[] = [];
  const started = performance.now();
  const until = started + ms;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const sent = performance.now();
        const res = await request();
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`answered ${res.status}`);
        latencies.push(performance.now() - sent);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    requests: latencies.length,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

/** Sums the rounds of one target (interleaved with another's, so both meet the same machine). */
export function combined(rounds: LoopFigures[], seconds: number): LoopFigures {
  const requests = rounds.reduce((n, r) => n + r.requests, 0);
  const median = (xs: number[]) => percentile(xs, 50);
  return {
    requests,
    perSecond: requests / seconds,
    p50: median(rounds.map((r) => r.p50)),
    p99: Math.max(...rounds.map((r) => r.p99)),
  };
}

/** `closedLoop` of one request (url and init) run in a worker thread (load-loop.worker.ts). */
export function closedLoopInThread(
  url: string,
  init: RequestInit,
  clients: number,
  ms: number,
): Promise<LoopFigures> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-loop.worker.js', import.meta.url), {
      workerData: { url, init, clients, ms },
    });
    worker.once('message', (figures: LoopFigures) => {
      resolve(figures);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}
