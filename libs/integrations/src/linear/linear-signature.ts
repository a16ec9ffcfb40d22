import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookDelivery } from '../sources/tracker.js';

/** A delivery whose `webhookTimestamp` is further than this from now is refused as a replay. */
export const LINEAR_REPLAY_WINDOW_MS = 60_000;

/**
 * Linear signs every webhook delivery in `Linear-Signature`: the hex HMAC-SHA256 of the raw body,
 * keyed with the webhook's signing secret (UTF-8 bytes), compared here in constant time. Linear
 * also writes the send time (ms since the epoch) into the body as `webhookTimestamp`, covered by
 * the signature: a delivery more than 60 s from now is refused like a bad signature (a replay).
 */
export function verifyLinearSignature(
  delivery: WebhookDelivery,
  secret: string,
  now = Date.now(),
): boolean {
  const header = delivery.headers['linear-signature']?.trim() ?? '';
  if (!/^[0-9a-f]{64}$/i.test(header)) return false;
  const expected = createHmac('sha256', Buffer.from(secret, 'utf8')).update(delivery.raw).digest();
  if (!timingSafeEqual(expected, Buffer.from(header, 'hex'))) return false;
  return timestampFresh(delivery.raw, now);
}

function timestampFresh(raw: Buffer, now: number): boolean {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    // a signed body that is not JSON: the inbox answers 400 for it
    return true;
  }
  const at =
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>).webhookTimestamp
      : undefined;
  return typeof at === 'number' && Math.abs(now - at) <= LINEAR_REPLAY_WINDOW_MS;
}

/** `Linear-Delivery`: the delivery's id (a UUID), the same on every retry of one delivery. */
export function linearDeliveryId(delivery: WebhookDelivery): string | null {
  const id = delivery.headers['linear-delivery']?.trim();
  return id && id.length <= 200 ? id : null;
}
