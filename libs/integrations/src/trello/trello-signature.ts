import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookDelivery } from '../sources/tracker.js';

/**
 * Trello signs every webhook request in `X-Trello-Webhook`: the base64 HMAC-SHA1, keyed with the
 * Trello app's secret, of the raw body followed by the callback URL exactly as it was registered
 * (so the URL this API believes it has, `delivery.url`, must be that one: PUBLIC_URL behind a
 * proxy). Trello's documentation says its signer treats the text as a "binary" string (each
 * character's low 8 bits), which differs from the UTF-8 bytes only for characters past U+007F; both
 * readings are accepted, each compared in constant time (both need the secret).
 */
export function verifyTrelloSignature(delivery: WebhookDelivery, secret: string): boolean {
  const header = delivery.headers['x-trello-webhook']?.trim() ?? '';
  if (!/^[A-Za-z0-9+/]{27}=$/.test(header)) return false;
  const given = Buffer.from(header, 'base64');
  const text = delivery.raw.toString('utf8') + delivery.url;
  const asTrello = trelloDigest(secret, Buffer.from(text, 'latin1'));
  const asUtf8 = trelloDigest(secret, Buffer.concat([delivery.raw, Buffer.from(delivery.url)]));
  // both are computed and compared whatever the first gives: no early exit on the secret's work
  const a = timingSafeEqual(asTrello, given);
  const b = timingSafeEqual(asUtf8, given);
  return a || b;
}

/** HMAC-SHA1 of the signed bytes, keyed with the app secret's UTF-8 bytes. */
export function trelloDigest(secret: string, signed: Buffer): Buffer {
  return createHmac('sha1', Buffer.from(secret, 'utf8')).update(signed).digest();
}

/**
 * Trello sends no delivery id header: the action's id names the change (one action, one id), so
 * a retried request is a duplicate. Read from the raw body without trusting its shape (the inbox
 * checks JSON after this); null falls back to the body's SHA-256.
 */
export function trelloDeliveryId(delivery: WebhookDelivery): string | null {
  let body: unknown;
  try {
    body = JSON.parse(delivery.raw.toString('utf8'));
  } catch {
    return null;
  }
  const action =
    typeof body === 'object' && body !== null ? (body as { action?: unknown }).action : null;
  const id = typeof action === 'object' && action !== null ? (action as { id?: unknown }).id : null;
  return typeof id === 'string' && /^[0-9a-f]{24}$/.test(id) ? `action:${id}` : null;
}
