import http from 'node:http';
import { judge, type Finding } from './judge.js';
import type { HostileRequest } from './request.js';
import { send, type Answer } from './send.js';

export interface RunOptions {
  baseUrl: string;
  /** the owner token for requests sent as `owner` */
  token: string;
  /** requests in flight at once */
  concurrency?: number;
  /** called after every `batch` requests; its failure is a finding too (the app must still answer) */
  alive?: () => Promise<string | null>;
  batch?: number;
  /** each answer, for figures (latency, statuses) */
  onAnswer?: (request: HostileRequest, answer: Answer) => void;
}

export interface RunResult {
  sent: number;
  findings: Finding[];
  statuses: Record<string, number>;
  /** "still answers a normal request" failures, with the batch they followed */
  deadAfter: string[];
  /** the five slowest requests (figures for the report, never asserted) */
  slowest: { what: string; ms: number }[];
}

/** Sends every request (a few at a time), judges every answer, checks the app is alive after each batch. */
export async function runCorpus(
  requests: HostileRequest[],
  options: RunOptions,
): Promise<RunResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency ?? 6 });
  const fresh = new http.Agent({ keepAlive: false });
  const result: RunResult = { sent: 0, findings: [], statuses: {}, deadAfter: [], slowest: [] };
  const batch = options.batch ?? 250;
  try {
    for (let start = 0; start < requests.length; start += batch) {
      const slice = requests.slice(start, start + batch);
      let next = 0;
      const worker = async () => {
        while (next < slice.length) {
          const request = slice[next++];
          let answer = await send(options.baseUrl, request, options.token, agent);
          if (answer.status === 0 && /ECONNRESET|EPIPE|socket hang up/.test(answer.error ?? '')) {
            // A kept-alive socket the server closed as we reused it: send again on a fresh one
            // (a server that died fails again).
            answer = await send(options.baseUrl, request, options.token, fresh);
          }
          result.sent += 1;
          result.statuses[answer.status] = (result.statuses[answer.status] ?? 0) + 1;
          result.findings.push(...judge(request, answer));
          options.onAnswer?.(request, answer);
          result.slowest.push({
            what: `${request.surface} ${request.argument} [${request.kind}] as ${request.auth}`,
            ms: answer.ms,
          });
          result.slowest.sort((a, b) => b.ms - a.ms);
          result.slowest.length = Math.min(result.slowest.length, 5);
        }
      };
      await Promise.all(Array.from({ length: options.concurrency ?? 6 }, worker));
      const failure = options.alive ? await options.alive() : null;
      if (failure) {
        const last = slice[slice.length - 1];
        result.deadAfter.push(`after ${last.surface} ${last.argument} [${last.kind}]: ${failure}`);
      }
    }
  } finally {
    agent.destroy();
    fresh.destroy();
  }
  return result;
}

/**
 * A liveness probe: a normal GraphQL request with the token must answer with data. A
 * RATE_LIMITED answer (the corpus may have used up the token's budget) is waited out, up to
 * three times, as its Retry-After says (at most 10 s each).
 */
export function graphqlAlive(baseUrl: string, token: string): () => Promise<string | null> {
  return async () => {
    let last = '';
    for (let attempt = 0; attempt < 4; attempt++) {
      try {
        const res = await fetch(`${baseUrl}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: '{ organization { id } }' }),
        });
        const text = await res.text();
        last = `HTTP ${res.status}: ${text.slice(0, 160)}`;
        if (res.status === 429 || text.includes('"RATE_LIMITED"')) {
          const wait = Math.min(Number(res.headers.get('retry-after')) || 1, 10);
          await new Promise((resolve) => setTimeout(resolve, wait * 1000));
          continue;
        }
        const body = JSON.parse(text) as { data?: { organization?: { id?: string } } };
        return body.data?.organization?.id ? null : last;
      } catch (error) {
        return `no answer: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    return `still rate limited: ${last}`;
  };
}
