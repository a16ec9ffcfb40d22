import { createHmac, randomBytes } from 'node:crypto';
import type { AsanaEvent } from './asana-shapes.js';

export interface WebhookResponse {
  status: number;
  body: string;
  headers: Headers;
}

/** X-Hook-Signature: the hex HMAC-SHA256 of the raw body, keyed with the handshake's secret. */
export function signAsana(secret: string, raw: Buffer): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(raw).digest('hex');
}

/**
 * Asana's side of one webhook (docs "Webhooks"): on creation it POSTs an empty body with
 * `X-Hook-Secret` and expects 200 echoing it; that secret then signs each delivery of compact
 * events in `X-Hook-Signature`.
 */
export class AsanaWebhookSender {
  /** the secret of the handshake that was accepted, or null before one */
  secret: string | null = null;

  /** the URL Asana was given: the webhook URL with its handshake token */
  constructor(public target: string) {}

  /** The handshake, with a fresh secret unless given; the secret is kept when echoed with 200. */
  async handshake(secret = randomBytes(16).toString('hex')): Promise<WebhookResponse> {
    const response = await fetch(this.target, {
      method: 'POST',
      headers: { 'x-hook-secret': secret, 'content-type': 'application/json' },
      body: '',
    });
    const answer = {
      status: response.status,
      body: await response.text(),
      headers: response.headers,
    };
    if (answer.status === 200 && response.headers.get('x-hook-secret') === secret) {
      this.secret = secret;
    }
    return answer;
  }

  /** POSTs a delivery: events (or raw bytes), signed unless told otherwise. */
  async send(
    events: AsanaEvent[] | Buffer,
    options: { signature?: 'valid' | 'bad' | 'missing'; secret?: string } = {},
  ): Promise<WebhookResponse> {
    const raw = Buffer.isBuffer(events) ? events : Buffer.from(JSON.stringify({ events }), 'utf8');
    const secret = options.secret ?? this.secret;
    if (!secret) throw new Error('no handshake yet: no secret to sign with');
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const signature = options.signature ?? 'valid';
    if (signature === 'valid') headers['x-hook-signature'] = signAsana(secret, raw);
    if (signature === 'bad') headers['x-hook-signature'] = signAsana(`${secret}-not`, raw);
    const response = await fetch(this.target, {
      method: 'POST',
      headers,
      body: new Uint8Array(raw),
    });
    return { status: response.status, body: await response.text(), headers: response.headers };
  }
}
