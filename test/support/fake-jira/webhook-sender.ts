import { createHmac, randomUUID } from 'node:crypto';

export interface SendWebhookOptions {
  /** the secret the webhook was registered with */
  secret: string;
  /** X-Atlassian-Webhook-Identifier: the same across Jira's retries of one delivery */
  deliveryId?: string;
  /** X-Atlassian-Webhook-Retry: how many times Jira has retried this delivery */
  retry?: number;
  /** 'bad' signs with another secret; 'missing' sends no X-Hub-Signature */
  signature?: 'valid' | 'bad' | 'missing';
  /** added last, so a test can override or add any header */
  headers?: Record<string, string>;
}

export interface WebhookResponse {
  status: number;
  body: string;
  ms: number;
}

/**
 * The X-Hub-Signature value Jira Cloud sends for a webhook registered with a secret:
 * "sha256=" and the hex HMAC-SHA256 of the raw body bytes, keyed with the secret's UTF-8 bytes.
 */
export function signJira(secret: string, raw: Buffer): string {
  return `sha256=${createHmac('sha256', Buffer.from(secret, 'utf8')).update(raw).digest('hex')}`;
}

/**
 * POSTs a webhook as Jira Cloud delivers one. A string or Buffer body goes out byte for byte
 * (and is signed as such), so a test can send malformed JSON or JSON spaced unlike JSON.stringify.
 */
export async function sendWebhook(
  url: string,
  body: object | string | Buffer,
  options: SendWebhookOptions,
): Promise<WebhookResponse> {
  const raw = Buffer.isBuffer(body)
    ? body
    : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'Atlassian Webhook HTTP Client',
    'x-atlassian-webhook-identifier': options.deliveryId ?? randomUUID(),
    'x-atlassian-webhook-flow': 'Primary',
  };
  if (options.retry !== undefined) headers['x-atlassian-webhook-retry'] = String(options.retry);
  const signature = options.signature ?? 'valid';
  if (signature === 'valid') headers['x-hub-signature'] = signJira(options.secret, raw);
  if (signature === 'bad') headers['x-hub-signature'] = signJira(`${options.secret}-not`, raw);
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    headers[name.toLowerCase()] = value;
  }
  const started = performance.now();
  // a Uint8Array over its own ArrayBuffer: a BodyInit under both Node's and the DOM's fetch types
  // (the browser tests' tsconfig has the DOM lib, where a Buffer is not one)
  const response = await fetch(url, { method: 'POST', headers, body: new Uint8Array(raw) });
  const text = await response.text();
  return { status: response.status, body: text, ms: performance.now() - started };
}
