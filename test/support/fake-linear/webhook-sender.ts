import { createHmac, randomUUID } from 'node:crypto';

export interface SendLinearWebhookOptions {
  /** the webhook's signing secret */
  secret: string;
  /** Linear-Delivery: the same on Linear's retries of one delivery */
  deliveryId?: string;
  /** 'bad' signs with another secret; 'missing' sends no Linear-Signature */
  signature?: 'valid' | 'bad' | 'missing';
  headers?: Record<string, string>;
}

export interface WebhookResponse {
  status: number;
  body: string;
}

/** Linear-Signature: the hex HMAC-SHA256 of the raw body, keyed with the secret's UTF-8 bytes. */
export function signLinear(secret: string, raw: Buffer): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(raw).digest('hex');
}

/** POSTs a webhook as Linear delivers one; a Buffer body goes out (and is signed) byte for byte. */
export async function sendLinearWebhook(
  url: string,
  body: object | Buffer,
  options: SendLinearWebhookOptions,
): Promise<WebhookResponse> {
  const raw = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body), 'utf8');
  const type = !Buffer.isBuffer(body) && 'type' in body ? String(body.type) : 'Issue';
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'Linear-Webhook',
    'linear-delivery': options.deliveryId ?? randomUUID(),
    'linear-event': type,
  };
  const signature = options.signature ?? 'valid';
  if (signature === 'valid') headers['linear-signature'] = signLinear(options.secret, raw);
  if (signature === 'bad') headers['linear-signature'] = signLinear(`${options.secret}-not`, raw);
  Object.assign(headers, options.headers);
  const response = await fetch(url, { method: 'POST', headers, body: new Uint8Array(raw) });
  return { status: response.status, body: await response.text() };
}
