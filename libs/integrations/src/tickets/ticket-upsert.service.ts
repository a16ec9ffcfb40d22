import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EventBus, Tenant, type Actor } from '@app/common';
import { Organization } from '@app/database';
import { writeStagedSprintHistories } from '@app/delivery';
import {
  MAX_SPRINTS,
  ProblemList,
  isSubTask,
  resolveSettings,
  statusCategoryOf,
  workTypeOf,
} from '@app/domain';
import {
  ticketFieldProblem,
  type ImportProgress,
  type IncomingTicket,
  type TicketImportResult,
} from './incoming-ticket.js';
import { warnUnknownEpics } from './file-tickets.js';
import { resolveParents } from './ticket-parents.js';
import { keyTargets, sourceTargets } from './ticket-owners.js';
import { publishTicketsChanged } from './tickets-changed.js';
import { ticketContentHash } from './ticket-content-hash.js';
import { clearStage, stageTickets, STAGE, type TicketRow } from './ticket-stage.js';

/**
 * Staged rows compared, then written, per statement: each statement handles this many rows of the
 * key order (a few seconds' work at most, far inside the statement timeout, and bounded memory
 * for the triggers' transition tables however big the file).
 */
const CHUNK = 20_000;

/**
 * Writes tickets from any source, idempotently: a ticket whose stored fields, sprint history,
 * epic-derived link and parent already match is left untouched (and counted unchanged). The link
 * derived from the epic (source EPIC) is replaced when the epic changes; links added by hand are
 * kept. Everything happens in one transaction, set-based: the rows are streamed with COPY into a
 * staging table (ticket-stage.ts), then merged by a few statements per chunk of rows (unchanged
 * rows dropped from the stage, the rest upserted, their sprint history and epic links rewritten),
 * never one statement per ticket. A ticket with a field outside the bounds of
 * docs/design.md 4.5 is left out with a warning whatever source sent it (the sources check first, in
 * their own words; this is the backstop), and warnings are bounded (ProblemList).
 *
 * Tickets are unique per source: a live source (`ownerId`) writes its own ticket of each key
 * (adopting the source-less one the first time, ticket-owners.ts); files and upsertTickets write
 * the organization's one ticket of the key whatever its source, refusing a key several sources hold.
 */
@Injectable()
export class TicketUpsertService {
  constructor(
    @Inject(Tenant) private readonly tenant: Tenant,
    @Inject(EventBus) private readonly bus: EventBus,
  ) {}

  async upsert(
    actor: Actor,
    source: string,
    incoming: IncomingTicket[],
    warnings = new ProblemList(undefined, 'warnings'),
  ): Promise<TicketImportResult> {
    const result = await this.tenant.run(actor, (em) =>
      this.upsertIn(em, actor, source, incoming, warnings),
    );
    await this.published(actor, result, incoming);
    return result;
  }

  /**
   * A ticket file read by its format's reader (Trello, Asana, Linear, GitHub): one transaction
   * that warns once per epic key no initiative has, then the upsert; the live views hear of it.
   */
  async importFile(
    actor: Actor,
    source: string,
    tickets: IncomingTicket[],
    warnings: ProblemList,
    onProgress?: ImportProgress,
  ): Promise<TicketImportResult> {
    const result = await this.tenant.run(actor, async (em) => {
      await warnUnknownEpics(em, tickets, warnings);
      return this.upsertIn(em, actor, source, tickets, warnings, onProgress);
    });
    await this.published(actor, result, []);
    return result;
  }

  /** After a write of the caller's that committed: the live views hear of it (if it changed any). */
  async published(
    actor: Actor,
    result: TicketImportResult,
    incoming: { externalKey: string }[],
  ): Promise<void> {
    if (result.created + result.updated === 0) return;
    await publishTicketsChanged(this.bus, actor.organizationId, {
      sourceId: null,
      ticketKeys: incoming.map((t) => t.externalKey),
    });
  }

  /**
   * The same, inside a transaction the caller opened; `onProgress` hears of each written chunk.
   * `ownerId`: the live source writing (its own tickets); null for files and the API.
   * `deletedKeys`: keys the live source writes as deletes (they adopt no source-less ticket).
   */
  async upsertIn(
    em: EntityManager,
    actor: Actor,
    source: string,
    incoming: IncomingTicket[],
    warnings: ProblemList,
    onProgress?: ImportProgress,
    ownerId: string | null = null,
    deletedKeys: ReadonlySet<string> = new Set(),
  ): Promise<TicketImportResult> {
    const org = await em.findOneOrFail(Organization, { where: { id: actor.organizationId } });
    const settings = resolveSettings(org.settings);
    const sprintIds = await nameMap(
      em,
      `SELECT name AS k, id AS v FROM sprints WHERE organization_id = $1`,
      actor.organizationId,
    );
    const epicIds = await nameMap(
      em,
      `SELECT external_key AS k, id AS v FROM initiatives
        WHERE organization_id = $1 AND external_key IS NOT NULL`,
      actor.organizationId,
    );

    /** unknown sprint name -> where it first appeared */
    const unknownSprints = new Map<string, string>();
    const rows = new Map<string, TicketRow>();
    const originByKey = new Map<string, string>();
    for (const t of incoming) {
      const invalid = ticketFieldProblem(t);
      if (invalid) {
        warnings.push({ path: t.origin, message: `${invalid}: left out` });
        continue;
      }
      let category = statusCategoryOf(t.rawStatus, settings.statusMapping) ?? t.sourceCategory;
      if (category === null) {
        warnings.push({
          path: t.origin,
          message: `status "${t.rawStatus}" is not in the status mapping: imported as TODO`,
        });
        category = 'TODO';
      }
      const history: string[] = [];
      for (const name of t.sprintNames) {
        const id = sprintIds.get(name);
        if (id) history.push(id);
        else if (!unknownSprints.has(name)) unknownSprints.set(name, t.origin);
      }
      if (!originByKey.has(t.externalKey)) originByKey.set(t.externalKey, t.origin);
      rows.set(t.externalKey, {
        external_key: t.externalKey,
        source_id: ownerId,
        target_id: null,
        ticket_id: '',
        content_hash: '',
        external_id: t.externalId,
        title: t.title,
        type: t.type,
        labels: t.labels,
        work_type: workTypeOf(t.labels, t.type, settings.workTypeMapping),
        status_category: category,
        raw_status: t.rawStatus,
        points: t.points,
        current_sprint_id: history.at(-1) ?? null,
        sprint_ids: history,
        epic_initiative_id: t.parentKey ? null : (t.epicKey && epicIds.get(t.epicKey)) || null,
        parent_key: t.parentKey,
        subtask: isSubTask({ type: t.type, hasParent: t.parentKey !== null }),
      });
    }
    for (const [name, origin] of unknownSprints) {
      warnings.push({
        path: origin,
        message: `unknown sprint "${name}": tickets imported without it`,
      });
    }

    const targets = ownerId
      ? await sourceTargets(em, actor.organizationId, ownerId, [...rows.keys()], deletedKeys)
      : await keyTargets(em, actor.organizationId, originByKey, warnings);
    // A stored ticket whose last write stored exactly this row (its content hash) is unchanged:
    // known from the key lookup above, it is neither staged nor compared field by field.
    let unchangedByHash = 0;
    for (const [key, row] of rows) {
      const target = targets.get(key);
      if (!target) {
        rows.delete(key);
        continue;
      }
      row.source_id = target.sourceId;
      row.target_id = target.id;
      row.ticket_id = target.id ?? randomUUID();
      row.content_hash = ticketContentHash(row);
      if (target.id !== null && target.contentHash === row.content_hash) {
        rows.delete(key);
        unchangedByHash++;
      }
    }
    if (rows.size === 0) {
      return {
        created: 0,
        updated: 0,
        unchanged: unchangedByHash,
        warnings: warnings.list(),
        warningCount: warnings.size,
      };
    }
    // Written in key order: two imports touching the same tickets lock them in the same order,
    // so they wait for each other instead of deadlocking.
    const ordered = [...rows.values()].sort((a, b) =>
      a.external_key < b.external_key ? -1 : a.external_key > b.external_key ? 1 : 0,
    );
    await stageTickets(em, ordered);
    const result = await this.merge(em, actor, source, ordered, warnings, onProgress);
    await clearStage(em, ordered.length);
    return { ...result, unchanged: result.unchanged + unchangedByHash };
  }

  /** The staged rows (`ordered`, in write order) compared, written, counted. */
  private async merge(
    em: EntityManager,
    actor: Actor,
    source: string,
    ordered: TicketRow[],
    warnings: ProblemList,
    onProgress?: ImportProgress,
  ): Promise<TicketImportResult> {
    // Chunks of the key order, each with the rows left to write once the unchanged are dropped.
    const chunks: { from: number; to: number; changed: number }[] = [];
    for (let from = 0; from < ordered.length; from += CHUNK) {
      const to = Math.min(from + CHUNK, ordered.length);
      chunks.push({
        from,
        to,
        changed: to - from - (await dropUnchanged(em, actor.organizationId, from, to)),
      });
    }
    const created = ordered.filter((r) => r.target_id === null).length;
    const updated = chunks.reduce((n, c) => n + c.changed, 0) - created;
    const writing = chunks.filter((c) => c.changed > 0);
    let done = 0;
    for (const { from, to, changed } of writing) {
      const stored = ordered.slice(from, to).filter((r) => r.target_id !== null).length;
      await writeChunk(em, actor.organizationId, source, from, to, stored);
      done += changed;
      onProgress?.(done, created + updated);
    }
    for (const { from, to } of writing) await resolveParents(em, from, to, warnings);
    return {
      created,
      updated,
      unchanged: ordered.length - created - updated,
      warnings: warnings.list(),
      warningCount: warnings.size,
    };
  }
}

async function nameMap(
  em: EntityManager,
  sql: string,
  organizationId: string,
): Promise<Map<string, string>> {
  const rows: { k: string; v: string }[] = await em.query(sql, [organizationId]);
  return new Map(rows.map((r) => [r.k, r.v]));
}

/**
 * Leaves out of the write the staged rows of [from, to) whose ticket already holds exactly what
 * they say (fields, sprint history in order, the epic-derived link, parent, not archived): they
 * are counted unchanged and never rewritten (no version bump, no audit, no history rows).
 * Returns how many it left out.
 */
async function dropUnchanged(
  em: EntityManager,
  organizationId: string,
  from: number,
  to: number,
): Promise<number> {
  // The planner's statistics of the tenant's tables predate the write, and may predate the
  // organization: then they put its rows at one, every index that starts with organization_id
  // looks as cheap as the primary key, and a nested loop planned from them scanned the
  // organization's every ticket, link or history row once per staged row (a second organization's
  // re-import of 100,000 rows hit the statement timeout). So the stage meets the tickets by a hash
  // join (nested loops off for this one statement: a cost in proportion to the chunk plus the
  // organization's tickets, whatever the estimates), and each ticket's history and epic link are
  // read per ticket through their primary keys (subqueries, which the setting leaves alone): they
  // name its columns and order, with a limit no result reaches, which leaves the primary key the
  // one index that needs no sort. The history's comparison is wrapped in IS TRUE so that it is no
  // hash key: it runs only for the staged tickets, not for every ticket the hash join probes.
  await em.query(`SET LOCAL enable_nestloop = off`);
  const [, dropped]: [unknown, number] = await em.query(
    `DELETE FROM ${STAGE} s USING tickets t
      WHERE s.ord >= $1 AND s.ord < $2 AND s.target_id IS NOT NULL
        AND t.organization_id = $3 AND t.id = s.ticket_id AND t.archived_at IS NULL
        AND t.external_id IS NOT DISTINCT FROM s.external_id
        AND t.title = s.title AND t.type = s.type AND t.labels = s.labels
        AND t.work_type = s.work_type AND t.status_category = s.status_category
        AND t.raw_status = s.raw_status AND t.points IS NOT DISTINCT FROM s.points
        AND t.parent_key IS NOT DISTINCT FROM s.parent_key AND t.subtask = s.subtask
        AND (COALESCE((SELECT array_agg(h.sprint_id ORDER BY h.position)
                         FROM (SELECT ts.sprint_id, ts.position FROM ticket_sprints ts
                                WHERE ts.organization_id = t.organization_id AND ts.ticket_id = t.id
                                ORDER BY ts.organization_id, ts.ticket_id, ts.sprint_id
                                LIMIT ${MAX_SPRINTS + 1}) h), '{}') = s.sprint_ids) IS TRUE
        AND (SELECT tl.initiative_id FROM ticket_links tl
              WHERE tl.organization_id = t.organization_id AND tl.ticket_id = t.id
                AND tl.source = 'EPIC'
              ORDER BY tl.organization_id, tl.ticket_id, tl.initiative_id
              LIMIT 1) IS NOT DISTINCT FROM s.epic_initiative_id`,
    [from, to, organizationId],
  );
  await em.query(`RESET enable_nestloop`);
  return dropped;
}

/**
 * Upserts the staged tickets of [from, to) on their unique key (organization, source, key; NULLS
 * NOT DISTINCT, so a source-less ticket is found too), then rewrites their sprint history and
 * epic links. `stored`: how many of them existed before this write (only those can conflict, and
 * hold history and links to replace; a chunk of new tickets skips the deletes).
 */
const TICKET_COLUMNS = `organization_id, id, source_id, external_key, external_id, title, type, labels, work_type,
  status_category, raw_status, points, current_sprint_id, subtask, parent_key, source, last_synced_at, archived_at,
  initiative_set, content_hash`;

/** The staged tickets of [$3, $4) that `which` selects, as TICKET_COLUMNS ($1 organization, $2 source). */
function ticketValues(which: string): string {
  return `SELECT $1, r.ticket_id, r.source_id, r.external_key, r.external_id, r.title, r.type, r.labels, r.work_type,
            r.status_category, r.raw_status, r.points, r.current_sprint_id, r.subtask, r.parent_key, $2, now(), NULL,
            COALESCE(r.epic_initiative_id::text || '=' || 1::numeric, ''), r.content_hash
       FROM ${STAGE} r
      WHERE r.ord >= $3 AND r.ord < $4 AND ${which}
      ORDER BY r.ord`;
}

async function writeChunk(
  em: EntityManager,
  organizationId: string,
  source: string,
  from: number,
  to: number,
  stored: number,
): Promise<void> {
  // The content hashes written below describe exactly the history and epic links written below:
  // the triggers that forget a hash when someone else changes those leave these statements alone
  // (1797200000000-ticket-content-hash.ts), until the setting is reset at the end.
  await em.query(`SELECT set_config('throughline.ticket_write', 'on', true)`);
  // New tickets (their keys locked, ticket-owners.ts, so no other writer can insert them) are
  // plainly inserted: ON CONFLICT's speculative insertion costs each row a second pass over the
  // heap page and another WAL record (about a quarter more per row), for conflicts that cannot be.
  if (stored < to - from) {
    await em.query(
      `INSERT INTO tickets (${TICKET_COLUMNS}) ${ticketValues('r.target_id IS NULL')}`,
      [organizationId, source, from, to],
    );
  }
  if (stored > 0) {
    await em.query(
      `INSERT INTO tickets (${TICKET_COLUMNS}) ${ticketValues('r.target_id IS NOT NULL')}
       ON CONFLICT (organization_id, source_id, external_key) DO UPDATE SET
         external_id = EXCLUDED.external_id, title = EXCLUDED.title, type = EXCLUDED.type, labels = EXCLUDED.labels,
         work_type = EXCLUDED.work_type, status_category = EXCLUDED.status_category, raw_status = EXCLUDED.raw_status,
         points = EXCLUDED.points, current_sprint_id = EXCLUDED.current_sprint_id, subtask = EXCLUDED.subtask,
         parent_key = EXCLUDED.parent_key, source = EXCLUDED.source,
         last_synced_at = EXCLUDED.last_synced_at, archived_at = NULL, updated_at = now(),
         content_hash = EXCLUDED.content_hash`,
      [organizationId, source, from, to],
    );
  }
  // Sprint history: replaced as a whole (in the source's order) by its one writer. The upsert
  // above already set current_sprint_id to the same last sprint and updated_at, which spares
  // every ticket a second row version and the writer its update of the tickets; a new ticket has
  // no history to delete.
  await writeStagedSprintHistories(em, organizationId, {
    relation: `(SELECT ticket_id, sprint_ids, target_id FROM ${STAGE} WHERE ord >= $2 AND ord < $3) r`,
    params: [from, to],
    stored: stored > 0 ? 'r.target_id IS NOT NULL' : 'false',
    ticketsWritten: true,
  });
  // The epic-derived link is the import's own: replace it; links added by hand stay. A new
  // ticket was inserted with the set of initiatives its one link gives it (initiative_set, in the
  // format of the ticket_links triggers, which keep it): the triggers then find it right and spare
  // every new ticket a second row version. An existing ticket's set is left to the triggers.
  if (stored > 0) {
    await em.query(
      `DELETE FROM ticket_links l USING ${STAGE} s
        WHERE s.ord >= $1 AND s.ord < $2 AND s.target_id IS NOT NULL AND l.source = 'EPIC'
          AND l.organization_id = $3 AND l.ticket_id = s.ticket_id`,
      [from, to, organizationId],
    );
  }
  await em.query(
    `INSERT INTO ticket_links (organization_id, ticket_id, initiative_id, weight, source)
     SELECT $1, s.ticket_id, s.epic_initiative_id, 1, 'EPIC'
       FROM ${STAGE} s
      WHERE s.ord >= $2 AND s.ord < $3 AND s.epic_initiative_id IS NOT NULL
     ON CONFLICT (organization_id, ticket_id, initiative_id) DO NOTHING`,
    [organizationId, from, to],
  );
  await em.query(`SELECT set_config('throughline.ticket_write', 'off', true)`);
}
