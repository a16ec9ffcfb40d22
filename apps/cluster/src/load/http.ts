import http from 'node:http';

export interface Answer {
  /** 0: no answer (connection refused or reset, timeout) */
  status: number;
  body: string;
  /** what went wrong without an answer */
  failure: string | null;
}

/** One request over `agent`; never throws: a failure is an answer with status 0. */
export function send(
  agent: http.Agent,
  url: URL,
  headers: Record<string, string>,
  body: Buffer,
  timeoutMs: number,
): Promise<Answer> {
  return new Promise((resolve) => {
    const request = http.request(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-length': String(body.length) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            failure: null,
          }),
        );
        response.on('error', (error) => resolve({ status: 0, body: '', failure: error.message }));
      },
    );
    request.setTimeout(timeoutMs, () => request.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    request.on('error', (error) => resolve({ status: 0, body: '', failure: error.message }));
    request.end(body);
  });
}

/** POST /graphql as the dashboard does; `data` parsed when the answer is a success. */
export async function graphql<T>(
  base: string,
  token: string | null,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  let parsed: { data?: T; errors?: { message: string }[] };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    throw new Error(`HTTP ${response.status}: ${text.slice(0, 200)}`);
  }
  if (parsed.errors?.length || !parsed.data) {
    throw new Error(
      `GraphQL: ${parsed.errors?.map((e) => e.message).join('; ') ?? text.slice(0, 200)}`,
    );
  }
  return parsed.data;
}
