import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookDelivery, WebhookHandshake } from '../sources/tracker.js';

/**
 * Asana's handshake: the first request to a new webhook carries `X-Hook-Secret` (and an empty
 * body); the answer must be 200 and echo the header, and that secret then signs every event.
 * Asana's secrets are 32 hex characters today; anything printable up to 200 is taken.
 */
export function asanaHandshake(delivery: WebhookDelivery): WebhookHandshake | null {
  const secret = delivery.headers['x-hook-secret']?.trim();
  if (!secret || secret.length > 200 || !/^[\x21-\x7e]+$/.test(secret)) return null;
  return { secret, echo: { 'X-Hook-Secret': secret } };
}

/**
 * `X-Hook-Signature`: the hex HMAC-SHA256 of the raw body, keyed with the handshake's secret,
 * compared in constant time.
 */
export function verifyAsanaSignature(delivery: WebhookDelivery, secret: string): boolean {
  const header = delivery.headers['x-hook-signature']?.trim() ?? '';
  if (!/^[0-9a-f]{64}$/i.test(header)) return false;
  const expected = createHmac('sha256', Buffer.from(secret, 'utf8')).update(delivery.raw).digest();
  return timingSafeEqual(expected, Buffer.from(header, 'hex'));
}

/** Asana sends no delivery id: the pipeline uses the body's SHA-256 (a retry is the same body). */
export const asanaDeliveryId = (): string | null => null;
