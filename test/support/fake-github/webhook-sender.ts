import { createHmac, randomUUID } from 'node:crypto';

export interface SendGithubOptions {
  /** the secret the webhook was created with */
  secret: string;
  /** X-GitHub-Delivery: a GUID, the same on a redelivery */
  deliveryId?: string;
  /** X-GitHub-Event: "issues" unless given */
  event?: string;
  /** 'bad' signs with another secret; 'missing' sends no X-Hub-Signature-256 */
  signature?: 'valid' | 'bad' | 'missing';
  headers?: Record<string, string>;
}

export interface WebhookResponse {
  status: number;
  body: string;
  ms: number;
}

/** "sha256=" and the hex HMAC-SHA256 of the raw body, keyed with the secret: X-Hub-Signature-256. */
export function signGithub(secret: string, raw: Buffer): string {
  return `sha256=${createHmac('sha256', Buffer.from(secret, 'utf8')).update(raw).digest('hex')}`;
}

/** POSTs a webhook as GitHub delivers one (content type application/json). */
export async function sendGithubWebhook(
  url: string,
  body: object | string | Buffer,
  options: SendGithubOptions,
): Promise<WebhookResponse> {
  const raw = Buffer.isBuffer(body)
    ? body
    : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'GitHub-Hookshot/044aadd',
    'x-github-delivery': options.deliveryId ?? randomUUID(),
    'x-github-event': options.event ?? 'issues',
    'x-github-hook-id': '30',
    'x-github-hook-installation-target-type': 'repository',
  };
  const signature = options.signature ?? 'valid';
  if (signature === 'valid') headers['x-hub-signature-256'] = signGithub(options.secret, raw);
  if (signature === 'bad')
    headers['x-hub-signature-256'] = signGithub(`${options.secret}-not`, raw);
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    headers[name.toLowerCase()] = value;
  }
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers, body: new Uint8Array(raw) });
  const text = await response.text();
  return { status: response.status, body: text, ms: performance.now() - started };
}

/**
 * POSTs a signed `projects_v2_item` webhook as GitHub delivers one: project item webhooks come
 * from an organization webhook (or a GitHub App), so the hook's target is the organization.
 */
export function sendProjectItemWebhook(
  url: string,
  body: object | string | Buffer,
  options: SendGithubOptions,
): Promise<WebhookResponse> {
  return sendGithubWebhook(url, body, {
    ...options,
    event: 'projects_v2_item',
    headers: { 'x-github-hook-installation-target-type': 'organization', ...options.headers },
  });
}
