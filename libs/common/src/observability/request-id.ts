import { randomUUID } from 'node:crypto';

/** The header a request id arrives in (from a proxy or a client) and is answered in. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * An incoming id is kept only when it is a short token of safe characters: it is written into
 * log lines and headers, so anything else (a newline, a quote, a 10 kB string) is replaced.
 */
const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The request's id: the caller's when it is a safe token, else a new UUID. */
export function acceptRequestId(header: string | string[] | undefined): string {
  return typeof header === 'string' && SAFE_ID.test(header) ? header : randomUUID();
}

/**
 * An error body with the request id an operator searches the logs for: in each GraphQL error's
 * `extensions` for `{ errors: [...] }`, else as `requestId` beside the other fields.
 */
export function withRequestId(body: unknown, id: string): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const errors = (body as { errors?: unknown }).errors;
  if (Array.isArray(errors)) {
    return {
      ...body,
      errors: errors.map((e: unknown) =>
        e !== null && typeof e === 'object'
          ? {
              ...e,
              extensions: { ...(e as { extensions?: object }).extensions, requestId: id },
            }
          : e,
      ),
    };
  }
  return { ...body, requestId: id };
}
