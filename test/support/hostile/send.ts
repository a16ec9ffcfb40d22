import http from 'node:http';
import type { HostileRequest } from './request.js';

export interface Answer {
  /** HTTP status; 0 when no answer came (connection refused, reset, timed out) */
  status: number;
  body: string;
  /** why there was no answer */
  error?: string;
  ms: number;
}

/** Only this much of an answer is kept (judging needs the start and the error texts). */
const KEEP = 256 * 1024;

/**
 * Sends one request with node:http rather than fetch: a server that answers 413 before reading
 * the whole body must still be heard (fetch reports a write error instead of the answer).
 */
export function send(
  baseUrl: string,
  request: HostileRequest,
  token: string | undefined,
  agent: http.Agent,
  timeoutMs = 120_000,
): Promise<Answer> {
  const url = new URL(request.path, baseUrl);
  const body = request.body?.();
  const headers: Record<string, string | number> = { ...(request.headers ?? {}) };
  if (request.auth === 'owner' && token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
  const started = performance.now();
  return new Promise((resolve) => {
    let done = false;
    const finish = (answer: Omit<Answer, 'ms'>) => {
      if (done) return;
      done = true;
      resolve({ ...answer, ms: performance.now() - started });
    };
    let responded = false;
    const req = http.request(
      url,
      { method: request.method, headers, agent, timeout: timeoutMs },
      (res) => {
        responded = true;
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < KEEP) chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () =>
          finish({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        const partial = (error: string) =>
          finish({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            error,
          });
        res.on('error', (e) => partial(e.message));
        res.on('close', () => partial('the connection closed before the answer ended'));
      },
    );
    req.on('timeout', () => {
      req.destroy(new Error(`no answer within ${timeoutMs} ms`));
    });
    // A write error around an early answer (413, then close) is not a failure: the answer counts,
    // so give it a moment to arrive before reporting "no answer".
    req.on('error', (e) => {
      setTimeout(() => {
        if (!responded) finish({ status: 0, body: '', error: e.message });
      }, 200);
    });
    if (body !== undefined) req.end(body);
    else req.end();
  });
}
