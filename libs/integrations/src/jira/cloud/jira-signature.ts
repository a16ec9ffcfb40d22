import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookDelivery } from '../../sources/tracker.js';

/**
 * Jira Cloud signs a webhook (registered with a secret) in `X-Hub-Signature: sha256=<hex>`: the
 * HMAC-SHA256 of the raw body, keyed with the secret's UTF-8 bytes. Compared in constant time.
 */
export function verifyJiraSignature(delivery: WebhookDelivery, secret: string): boolean {
  const header = delivery.headers['x-hub-signature'];
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? '');
  if (!match) return false;
  const expected = createHmac('sha256', Buffer.from(secret, 'utf8')).update(delivery.raw).digest();
  return timingSafeEqual(expected, Buffer.from(match[1], 'hex'));
}

/** `X-Atlassian-Webhook-Identifier`: the same on every retry of one delivery. */
export function jiraDeliveryId(delivery: WebhookDelivery): string | null {
  const id = delivery.headers['x-atlassian-webhook-identifier']?.trim();
  return id && id.length <= 200 ? id : null;
}
