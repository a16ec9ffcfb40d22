import http from 'node:http';
import { send } from './http.js';
import {
  ClientOperations,
  MIX,
  type Acknowledged,
  type DashboardDocuments,
  type OperationName,
} from './operations.js';
import type { LoadTargets } from './setup.js';

/** One request as the client saw it. */
export interface Sample {
  name: OperationName;
  /** when it was sent, in ms since the load began */
  at: number;
  /** send to the last byte of the answer */
  ms: number;
  ok: boolean;
  /** the HTTP status, GraphQL code or network error of a failure */
  error: string | null;
}

export interface LoadRun {
  samples: Sample[];
  acknowledged: Acknowledged[];
  /** the load's length in seconds, as measured */
  elapsed: number;
}

/** The API's own deadline is 30 s: a request that takes longer has failed. */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * `clients` closed-loop clients (each sends its next request when the last one is answered, with
 * no pause) for `seconds`, over keep-alive connections to the balancer. Every request is recorded
 * with its send time, so the figures can be cut by disturbance window afterwards, and every
 * acknowledged write is kept to be looked for in the database.
 */
export async function runLoad(
  url: string,
  clients: number,
  seconds: number,
  run: string,
  targets: LoadTargets,
  documents: DashboardDocuments,
  /** performance.now() at the load's start: the disturbances' times count from it too */
  origin: number,
  /** the cycle of operations each client goes through, each client starting at another place */
  mix: OperationName[] = MIX,
): Promise<LoadRun> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const samples: Sample[] = [];
  const acknowledged: Acknowledged[] = [];
  const started = origin;
  const deadline = started + seconds * 1000;
  const client = async (index: number) => {
    const operations = new ClientOperations(index, run, targets, documents);
    for (let i = index; performance.now() < deadline; i++) {
      const request = operations.next(mix[i % mix.length]);
      const sent = performance.now();
      const answer = await send(
        agent,
        new URL(request.path, url),
        request.headers,
        request.body,
        REQUEST_TIMEOUT_MS,
      );
      const judged = request.judge(answer);
      samples.push({
        name: request.name,
        at: sent - started,
        ms: performance.now() - sent,
        ok: judged.ok,
        error: judged.error,
      });
      acknowledged.push(...judged.acknowledged);
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
  agent.destroy();
  return { samples, acknowledged, elapsed: (performance.now() - started) / 1000 };
}
