import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { loadForEdit, SecretBox, Tenant, type Actor } from '@app/common';
import { JOB_QUEUES, organizationOf, TicketSource } from '@app/database';
import { DomainError, type Problem } from '@app/domain';
import { CREDENTIALS_REFUSED } from './event-retry.js';
import { JobQueue } from './job-queue.js';
import type { CreateTicketSourceInput, UpdateTicketSourceInput } from './ticket-source.inputs.js';
import type { TrackerAdapter } from './tracker.js';
import { requireTracker, trackerFor } from './trackers.js';
import { credentialsContext, webhookSecretContext } from './webhook-inbox.service.js';

/** How often each source is reconciled on its own (docs/design.md 4.4: default 15 minutes). */
export const SYNC_EVERY_MS = 15 * 60_000;

/** A scheduled reconciliation: the job of the sync queue. */
export interface SyncJob {
  organizationId: string;
  sourceId: string;
}

/**
 * Ticket sources (docs/design.md 4.4): ADMIN and above create, change, rotate and delete them.
 * The webhook secret is generated here (32 random bytes), returned once and stored sealed, as are
 * the API credentials; settings are checked by the source's tracker. Creating a source never
 * contacts the tracker. Deleting archives it: its webhooks answer 410 and its tickets stay.
 */
@Injectable()
export class TicketSourceService {
  constructor(
    @Inject(Tenant) private readonly tenant: Tenant,
    @Inject(SecretBox) private readonly secrets: SecretBox,
    @Inject(JobQueue) private readonly jobs: JobQueue,
  ) {}

  list(actor: Actor): Promise<TicketSource[]> {
    return this.tenant.run(actor, (em) =>
      em
        .createQueryBuilder(TicketSource, 's')
        .where('s.archivedAt IS NULL')
        .orderBy('s.name')
        .addOrderBy('s.id')
        .getMany(),
    );
  }

  async create(
    actor: Actor,
    input: CreateTicketSourceInput,
  ): Promise<{ source: TicketSource; webhookSecret: string }> {
    const tracker = requireTracker(input.kind);
    const checked = tracker.checkSettings(input.settings);
    refuseProblems(checked.problems);
    const baseUrl = checkBaseUrl(input.baseUrl ?? null);
    if (input.credentials) checkCredentials(tracker, input.credentials);
    if (tracker.secretGiven && !input.webhookSecret) refuseGeneratedSecret(input.kind);
    const webhookSecret = input.webhookSecret ?? newSecret();
    const source = await this.tenant.run(actor, async (em) => {
      await assertNameFree(em, input.name.trim());
      await assertTeamsExist(em, checked.settings);
      // the id is known before the insert: the secrets are sealed under it
      const id = randomUUID();
      const row = em.create(TicketSource, {
        id,
        organizationId: actor.organizationId,
        kind: input.kind,
        name: input.name.trim(),
        baseUrl,
        settings: checked.settings,
        // sealed under the row's own id: a secret copied into another row does not open
        webhookSecret: this.secrets.seal(webhookSecret, webhookSecretContext(id)),
        credentials: input.credentials
          ? this.secrets.seal(input.credentials, credentialsContext(id))
          : null,
        enabled: true,
      });
      await em.save(row);
      await this.scheduleSync(em, row);
      return row;
    });
    return { source, webhookSecret };
  }

  async update(actor: Actor, input: UpdateTicketSourceInput): Promise<TicketSource> {
    let held: string[] = [];
    const source = await this.tenant.run(actor, async (em) => {
      const row = await this.forEdit(em, input.id, input.expectedVersion);
      const tracker = requireTracker(row.kind);
      if (input.name !== undefined && input.name.trim() !== row.name) {
        await assertNameFree(em, input.name.trim());
        row.name = input.name.trim();
      }
      if (input.baseUrl !== undefined) row.baseUrl = checkBaseUrl(input.baseUrl);
      if (input.credentials !== undefined) {
        if (input.credentials) checkCredentials(tracker, input.credentials);
        row.credentials =
          input.credentials === null
            ? null
            : this.secrets.seal(input.credentials, credentialsContext(row.id));
      }
      if (input.settings !== undefined) {
        const checked = tracker.checkSettings(input.settings);
        refuseProblems(checked.problems);
        await assertTeamsExist(em, checked.settings);
        row.settings = checked.settings;
      }
      const enabling = input.enabled === true && !row.enabled;
      if (input.enabled !== undefined) row.enabled = input.enabled;
      await em.save(row);
      if (enabling) await this.scheduleSync(em, row);
      if (input.credentials !== undefined) {
        const rows: { id: string }[] = await em.query(
          `SELECT id FROM source_events
            WHERE organization_id = $3 AND source_id = $1 AND state = 'PENDING'
              AND last_error LIKE $2::text || '%'`,
          [row.id, CREDENTIALS_REFUSED, actor.organizationId],
        );
        held = rows.map((r) => r.id);
      }
      return row;
    });
    // events held for refused credentials are tried again now with the new ones (after commit)
    await this.jobs.expedite(JOB_QUEUES.events, 'eventId', held);
    return source;
  }

  /**
   * A new webhook secret (generated, or the one a tracker generated itself and shows, as Linear's
   * webhook form does); the old one stops working at once.
   */
  rotateSecret(
    actor: Actor,
    id: string,
    expectedVersion?: number | null,
    given?: string | null,
  ): Promise<{ source: TicketSource; webhookSecret: string }> {
    return this.tenant.run(actor, async (em) => {
      const row = await this.forEdit(em, id, expectedVersion);
      if (requireTracker(row.kind).secretGiven && !given) refuseGeneratedSecret(row.kind);
      const webhookSecret = given ?? newSecret();
      row.webhookSecret = this.secrets.seal(webhookSecret, webhookSecretContext(row.id));
      // a tracker that hands over its own secret (Asana) may do so again, once
      row.webhookHandshakeAt = null;
      return { source: await em.save(row), webhookSecret };
    });
  }

  remove(actor: Actor, id: string, expectedVersion?: number | null): Promise<TicketSource> {
    return this.tenant.run(actor, async (em) => {
      const row = await this.forEdit(em, id, expectedVersion);
      row.archivedAt = new Date();
      return em.save(row);
    });
  }

  /** Dead letters back to the queue (after the cause was fixed): how many. */
  replayDeadLetters(actor: Actor, id: string): Promise<number> {
    return this.tenant.run(actor, async (em) => {
      await this.forEdit(em, id, null);
      // an UPDATE answers [rows, count] through TypeORM
      const [events]: [{ id: string }[], number] = await em.query(
        `UPDATE source_events SET state = 'PENDING', attempts = 0, last_error = NULL
          WHERE organization_id = $2 AND source_id = $1 AND state = 'DEAD' RETURNING id`,
        [id, actor.organizationId],
      );
      for (const event of events) {
        await this.jobs.send(
          JOB_QUEUES.events,
          { organizationId: actor.organizationId, eventId: event.id },
          { em },
        );
      }
      return events.length;
    });
  }

  /** The next scheduled reconciliation of a source that can be reconciled. */
  async scheduleSync(em: EntityManager, row: TicketSource): Promise<void> {
    const reachable = row.baseUrl ?? trackerFor(row.kind)?.defaultBaseUrl;
    if (!reachable || !row.credentials || !row.enabled || row.archivedAt) return;
    const job: SyncJob = { organizationId: row.organizationId, sourceId: row.id };
    await this.jobs.send(JOB_QUEUES.sync, job, {
      em,
      singletonKey: row.id,
      startAfter: new Date(Date.now() + SYNC_EVERY_MS),
    });
  }

  private async forEdit(em: EntityManager, id: string, expected?: number | null) {
    const row = await loadForEdit(
      em,
      TicketSource,
      { id },
      expected,
      (s) => `ticket source "${s.name}"`,
    );
    if (!row || row.archivedAt) throw DomainError.notFound('ticket source', `with id "${id}"`);
    return row;
  }
}

/** 32 random bytes, as the tracker's secret field takes them (43 URL-safe characters). */
const newSecret = () => randomBytes(32).toString('base64url');

function checkCredentials(tracker: TrackerAdapter, credentials: string): void {
  const problem = tracker.checkCredentials?.(credentials);
  if (problem) throw DomainError.badInput('credentials', problem);
}

/** A tracker that signs with its own secret: a generated one would never verify a delivery. */
function refuseGeneratedSecret(kind: string): never {
  throw DomainError.badInput(
    'webhookSecret',
    `is required for ${kind}: the tracker signs its webhooks with a secret of its own (paste it)`,
  );
}

function refuseProblems(problems: Problem[]): void {
  if (problems.length) throw DomainError.badInput(problems[0].path, problems[0].message);
}

/**
 * The tracker's site: https, or http to this machine only (a tracker fake in tests, a tunnel).
 * Credentials are sent there with every reconciliation, so plain http elsewhere is refused.
 */
function checkBaseUrl(value: string | null): string | null {
  if (value === null || value.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw DomainError.badInput('baseUrl', 'must be a URL such as https://acme.atlassian.net');
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw DomainError.badInput('baseUrl', 'must start with https://');
  }
  if (url.username || url.password || url.search || url.hash) {
    throw DomainError.badInput('baseUrl', 'must hold no credentials, query or fragment');
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

async function assertNameFree(em: EntityManager, name: string): Promise<void> {
  const taken: unknown[] = await em.query(
    `SELECT 1 FROM ticket_sources WHERE organization_id = $2 AND name = $1 AND archived_at IS NULL`,
    [name, organizationOf(em)],
  );
  if (taken.length) throw DomainError.badInput('name', `a source named "${name}" exists already`);
}

/** Every team key the settings map boards (Jira) or Linear teams to must exist. */
async function assertTeamsExist(em: EntityManager, settings: Record<string, unknown>) {
  const field = settings.teamTeams ? 'teamTeams' : 'boardTeams';
  const boards = (settings[field] ?? {}) as Record<string, string>;
  const keys = [...new Set(Object.values(boards))];
  if (!keys.length) return;
  const found: { key: string }[] = await em.query(
    `SELECT key FROM teams WHERE organization_id = $2 AND key = ANY($1::text[])`,
    [keys, organizationOf(em)],
  );
  const known = new Set(found.map((t) => t.key));
  const board = Object.keys(boards).find((b) => !known.has(boards[b]));
  if (board !== undefined) {
    throw DomainError.badInput(`settings.${field}.${board}`, `no team with key "${boards[board]}"`);
  }
}
