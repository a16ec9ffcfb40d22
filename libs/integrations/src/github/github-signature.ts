import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookDelivery } from '../sources/tracker.js';

/**
 * GitHub signs every delivery of a webhook that has a secret in `X-Hub-Signature-256:
 * sha256=<hex>`: the HMAC-SHA256 of the raw body, keyed with the secret's UTF-8 bytes. Compared in
 * constant time. (The older SHA-1 `X-Hub-Signature` is not accepted.)
 */
export function verifyGithubSignature(delivery: WebhookDelivery, secret: string): boolean {
  const header = delivery.headers['x-hub-signature-256'];
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? '');
  if (!match) return false;
  const expected = createHmac('sha256', Buffer.from(secret, 'utf8')).update(delivery.raw).digest();
  return timingSafeEqual(expected, Buffer.from(match[1], 'hex'));
}

/** `X-GitHub-Delivery`: a GUID, the same when a delivery is redelivered. */
export function githubDeliveryId(delivery: WebhookDelivery): string | null {
  const id = delivery.headers['x-github-delivery']?.trim();
  return id && id.length <= 200 ? id : null;
}
