import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { SecretBox } from '@app/common';
import { applyScope, Database, JOB_QUEUES } from '@app/database';
import { JobQueue } from './job-queue.js';
import { nestedDeeperThan } from './json-depth.js';
import { kindOfPath, kindPath, trackerFor } from './trackers.js';
import type { WebhookDelivery } from './tracker.js';

/** How the webhook route answers (docs/design.md 4.4 "Receiving"). */
export interface WebhookAnswer {
  status: 200 | 202 | 400 | 401 | 404 | 410;
  message?: string;
  /** headers the answer carries (a handshake's echo) */
  headers?: Record<string, string>;
}

/** What a job of the events queue carries: the event to apply and its tenant. */
export interface EventJob {
  organizationId: string;
  eventId: string;
}

/** Nesting a webhook body may have: trackers send a handful of levels. */
const MAX_JSON_DEPTH = 64;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The AAD that binds a sealed secret to its source and field. */
export const webhookSecretContext = (sourceId: string) => `ticket-source:${sourceId}:webhook`;
export const credentialsContext = (sourceId: string) => `ticket-source:${sourceId}:credentials`;

/**
 * Receives one webhook delivery, in the order the contract sets: a tracker's handshake (taken once,
 * its secret kept sealed and echoed), the signature over the raw bytes
 * (401, nothing stored), a duplicate delivery (200, nothing changes), JSON that does not parse
 * (400), else the event is stored with its job in one transaction and answered 202. No tracker
 * call and no alignment work here: the workers apply it. The source is found by the id in the path
 * before the tenant is known: the one read row-level security allows for that
 * (`webhookSourceId`), after which the transaction continues as the source's organization.
 */
@Injectable()
export class WebhookInbox {
  private readonly logger = new Logger('WebhookInbox');

  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(SecretBox) private readonly secrets: SecretBox,
    @Inject(JobQueue) private readonly jobs: JobQueue,
  ) {}

  /**
   * Answers one delivery; a refused one is logged (with its request id), so an operator can tell a
   * tracker with a wrong secret or a stale URL from one that sends nothing.
   */
  async receive(
    kindSegment: string,
    sourceId: string,
    delivery: WebhookDelivery,
  ): Promise<WebhookAnswer> {
    const answer = await this.answer(kindSegment, sourceId, delivery);
    if (answer.status >= 400) {
      // the path's segments as sent, cut short: they are the caller's text
      const path = `${kindSegment.slice(0, 40)}/${sourceId.slice(0, 40)}`;
      this.logger.log(`webhook ${path} refused (${answer.status}): ${answer.message}`);
    }
    return answer;
  }

  private async answer(
    kindSegment: string,
    sourceId: string,
    delivery: WebhookDelivery,
  ): Promise<WebhookAnswer> {
    const kind = kindOfPath(kindSegment);
    const tracker = kind && trackerFor(kind);
    if (!tracker || !UUID.test(sourceId)) return { status: 404, message: 'no such webhook' };
    const answer = await this.db.transaction(
      { organizationId: null, webhookSourceId: sourceId },
      async (em): Promise<WebhookAnswer> => {
        const sources: {
          organization_id: string;
          kind: string;
          webhook_secret: string;
          webhook_handshake_at: Date | null;
          enabled: boolean;
          archived_at: Date | null;
        }[] = await em.query(
          `SELECT organization_id, kind, webhook_secret, webhook_handshake_at, enabled, archived_at
             FROM ticket_sources WHERE id = $1`,
          [sourceId],
        );
        const source = sources[0];
        if (!source || kindPath(source.kind as never) !== kindSegment.toLowerCase()) {
          return { status: 404, message: 'no such webhook' };
        }
        if (source.archived_at || !source.enabled) {
          return { status: 410, message: 'this source was deleted or disabled' };
        }
        const handshake = tracker.handshake?.(delivery) ?? null;
        if (handshake && source.webhook_handshake_at) {
          return {
            status: 401,
            message: 'this webhook already took a handshake: rotate the secret to take another',
          };
        }
        const secret = this.secrets.open(source.webhook_secret, webhookSecretContext(sourceId));
        if (handshake && !handshakeTokenMatches(delivery.url, secret)) {
          // the webhook URL alone (which members can read) must not let anyone set the secret
          return {
            status: 401,
            message:
              'a handshake must come to the webhook URL with the handshake token shown when the source was created or its secret rotated',
          };
        }
        if (!handshake && !tracker.verify(delivery, secret)) {
          return { status: 401, message: 'missing or invalid signature' };
        }
        await applyScope(em, {
          organizationId: source.organization_id,
          webhookSourceId: null,
          operation: `webhook:${kindSegment.toLowerCase()}`,
        });
        if (handshake) {
          // the tracker's own secret signs what follows: kept sealed in place of the generated one,
          // by the first of two concurrent handshakes only (the other finds it taken)
          const [taken]: [unknown[], number] = await em.query(
            `UPDATE ticket_sources SET webhook_secret = $2, webhook_handshake_at = clock_timestamp()
              WHERE organization_id = $3 AND id = $1 AND webhook_handshake_at IS NULL RETURNING id`,
            [
              sourceId,
              this.secrets.seal(handshake.secret, webhookSecretContext(sourceId)),
              source.organization_id,
            ],
          );
          if (taken.length === 0) {
            return { status: 401, message: 'this webhook already took a handshake' };
          }
          return { status: 200, headers: handshake.echo };
        }
        const deliveryId =
          tracker.deliveryId(delivery) ??
          `sha256:${createHash('sha256').update(delivery.raw).digest('hex')}`;
        const seen: unknown[] = await em.query(
          `SELECT 1 FROM source_events
            WHERE organization_id = $3 AND source_id = $1 AND delivery_id = $2`,
          [sourceId, deliveryId, source.organization_id],
        );
        if (seen.length) return { status: 200, message: 'already received' };
        if (nestedDeeperThan(delivery.raw, MAX_JSON_DEPTH)) {
          return { status: 400, message: `the body nests deeper than ${MAX_JSON_DEPTH} levels` };
        }
        let body: unknown;
        try {
          body = JSON.parse(delivery.raw.toString('utf8'));
        } catch {
          return { status: 400, message: 'the body is not JSON' };
        }
        const { eventType, subject } = tracker.describe(body);
        const stored: { id: string }[] = await em.query(
          `INSERT INTO source_events (organization_id, source_id, delivery_id, event_type, subject, body)
           VALUES ($1, $2, $3, $4, $5, $6::jsonb)
           ON CONFLICT (organization_id, source_id, delivery_id) DO NOTHING RETURNING id`,
          [
            source.organization_id,
            sourceId,
            deliveryId,
            eventType,
            subject,
            delivery.raw.toString('utf8'),
          ],
        );
        // a concurrent redelivery got there first
        if (stored.length === 0) return { status: 200, message: 'already received' };
        const job: EventJob = { organizationId: source.organization_id, eventId: stored[0].id };
        await this.jobs.send(JOB_QUEUES.events, job, { em });
        return { status: 202 };
      },
    );
    if (answer.status === 202) this.jobs.wake(JOB_QUEUES.events);
    return answer;
  }
}

/** The query parameter that carries the handshake token on a handshake-taking tracker's URL. */
export const HANDSHAKE_PARAMETER = 'handshake';

/**
 * Whether the URL the tracker called carries the source's generated secret as its handshake token
 * (`?handshake=<webhookSecret>`, shown once with the secret): compared in constant time.
 */
function handshakeTokenMatches(url: string, secret: string): boolean {
  let token: string | null;
  try {
    token = new URL(url, 'http://localhost').searchParams.get(HANDSHAKE_PARAMETER);
  } catch {
    return false;
  }
  if (!token) return false;
  const given = createHash('sha256').update(token).digest();
  const expected = createHash('sha256').update(secret).digest();
  return timingSafeEqual(given, expected);
}
