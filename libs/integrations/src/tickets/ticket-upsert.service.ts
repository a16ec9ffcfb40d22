import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EventBus, Tenant, type Actor } from '@app/common';
import { Organization } from '@app/database';
import { writeSprintHistories } from '@app/delivery';
import {
  ProblemList,
  isSubTask,
  resolveSettings,
  statusCategoryOf,
  workTypeOf,
  type StatusCategory,
  type WorkType,
} from '@app/domain';
import {
  ticketFieldProblem,
  type ImportProgress,
  type IncomingTicket,
  type TicketImportResult,
} from './incoming-ticket.js';
import { warnUnknownEpics } from './file-tickets.js';
import { resolveParents } from './ticket-parents.js';
import { keyTargets, sourceTargets, type TicketTarget } from './ticket-owners.js';
import { publishTicketsChanged } from './tickets-changed.js';

const CHUNK = 2000;

/** A ticket as it will be stored, compared field by field with what is stored now. */
interface TicketRow {
  external_key: string;
  /** its owner (docs/design.md 4.4 "Several sources"): with the key, the ticket's unique key */
  source_id: string | null;
  external_id: string | null;
  title: string;
  type: string;
  labels: string[];
  work_type: WorkType;
  status_category: StatusCategory;
  raw_status: string;
  points: number | null;
  current_sprint_id: string | null;
  sprint_ids: string[];
  epic_initiative_id: string | null;
  parent_key: string | null;
  subtask: boolean;
}

/**
 * Writes tickets from any source, idempotently: a ticket whose stored fields, sprint history,
 * epic-derived link and parent already match is left untouched (and counted unchanged). The link
 * derived from the epic (source EPIC) is replaced when the epic changes; links added by hand are
 * kept. Everything happens in one transaction, set-based: each step is one statement per chunk of
 * rows (jsonb_to_recordset), never one per ticket. A ticket with a field outside the bounds of
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
    const sprintIds = await nameMap(em, `SELECT name AS k, id AS v FROM sprints`);
    const epicIds = await nameMap(
      em,
      `SELECT external_key AS k, id AS v FROM initiatives WHERE external_key IS NOT NULL`,
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
    for (const [key, row] of rows) {
      const target = targets.get(key);
      if (target) row.source_id = target.sourceId;
      else rows.delete(key);
    }
    const stored = await loadStored(em, targets);
    const changed: TicketRow[] = [];
    let created = 0;
    let updated = 0;
    // Written in key order: two imports touching the same tickets lock them in the same order,
    // so they wait for each other instead of deadlocking.
    const ordered = [...rows.values()].sort((a, b) =>
      a.external_key < b.external_key ? -1 : a.external_key > b.external_key ? 1 : 0,
    );
    for (const row of ordered) {
      const before = stored.get(row.external_key);
      if (!before) created++;
      else if (!sameTicket(before, row)) updated++;
      else continue;
      changed.push(row);
    }
    const written: { id: string; key: string }[] = [];
    for (let i = 0; i < changed.length; i += CHUNK) {
      written.push(
        ...(await writeChunk(em, actor.organizationId, source, changed.slice(i, i + CHUNK))),
      );
      onProgress?.(Math.min(i + CHUNK, changed.length), changed.length);
    }
    for (let i = 0; i < written.length; i += CHUNK) {
      await resolveParents(em, written.slice(i, i + CHUNK), warnings);
    }
    return {
      created,
      updated,
      unchanged: rows.size - created - updated,
      warnings: warnings.list(),
      warningCount: warnings.size,
    };
  }
}

async function nameMap(em: EntityManager, sql: string): Promise<Map<string, string>> {
  const rows: { k: string; v: string }[] = await em.query(sql);
  return new Map(rows.map((r) => [r.k, r.v]));
}

/** The stored tickets the write targets, by key (a write names each key once). */
async function loadStored(
  em: EntityManager,
  targets: Map<string, TicketTarget>,
): Promise<Map<string, TicketRow & { archived: boolean }>> {
  const ids = [...targets.values()].flatMap((t) => t.id ?? []);
  if (ids.length === 0) return new Map();
  const rows: (TicketRow & { points: string | null; archived: boolean })[] = await em.query(
    `SELECT t.external_key, t.source_id, t.external_id, t.title, t.type, t.labels, t.work_type, t.status_category, t.raw_status,
            t.points, t.current_sprint_id, t.archived_at IS NOT NULL AS archived, t.subtask, t.parent_key,
            COALESCE((SELECT array_agg(ts.sprint_id ORDER BY ts.position) FROM ticket_sprints ts
                       WHERE ts.ticket_id = t.id), '{}') AS sprint_ids,
            (SELECT tl.initiative_id FROM ticket_links tl
              WHERE tl.ticket_id = t.id AND tl.source = 'EPIC' LIMIT 1) AS epic_initiative_id
       FROM tickets t
      WHERE t.id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(
    rows.map((r) => [
      r.external_key,
      { ...r, points: r.points === null ? null : Number(r.points) },
    ]),
  );
}

function sameTicket(a: TicketRow & { archived: boolean }, b: TicketRow): boolean {
  return (
    !a.archived &&
    a.external_id === b.external_id &&
    a.title === b.title &&
    a.type === b.type &&
    a.labels.join('\u0000') === b.labels.join('\u0000') &&
    a.work_type === b.work_type &&
    a.status_category === b.status_category &&
    a.raw_status === b.raw_status &&
    a.points === b.points &&
    a.sprint_ids.join(',') === b.sprint_ids.join(',') &&
    a.epic_initiative_id === b.epic_initiative_id &&
    a.parent_key === b.parent_key &&
    a.subtask === b.subtask
  );
}

/**
 * Upserts one chunk of tickets on their unique key (organization, source, key; NULLS NOT DISTINCT,
 * so a source-less ticket is found too), then rewrites their sprint history and epic links.
 */
async function writeChunk(
  em: EntityManager,
  organizationId: string,
  source: string,
  rows: TicketRow[],
): Promise<{ id: string; key: string }[]> {
  const json = JSON.stringify(rows);
  const written: { id: string; external_key: string }[] = await em.query(
    `INSERT INTO tickets (organization_id, source_id, external_key, external_id, title, type, labels, work_type,
                          status_category, raw_status, points, current_sprint_id, subtask, parent_key, source,
                          last_synced_at, archived_at)
     SELECT $1, r.source_id, r.external_key, r.external_id, r.title, r.type, r.labels, r.work_type, r.status_category,
            r.raw_status, r.points, r.current_sprint_id, r.subtask, r.parent_key, $3, now(), NULL
       FROM jsonb_to_recordset($2::jsonb) AS r(source_id uuid, external_key text, external_id text, title text, type text,
            labels text[], work_type text, status_category text, raw_status text, points numeric, current_sprint_id uuid,
            subtask boolean, parent_key text)
     ON CONFLICT (organization_id, source_id, external_key) DO UPDATE SET
       external_id = EXCLUDED.external_id, title = EXCLUDED.title, type = EXCLUDED.type, labels = EXCLUDED.labels,
       work_type = EXCLUDED.work_type, status_category = EXCLUDED.status_category, raw_status = EXCLUDED.raw_status,
       points = EXCLUDED.points, current_sprint_id = EXCLUDED.current_sprint_id, subtask = EXCLUDED.subtask,
       parent_key = EXCLUDED.parent_key, source = EXCLUDED.source,
       last_synced_at = EXCLUDED.last_synced_at, archived_at = NULL, updated_at = now()
     RETURNING id, external_key`,
    [organizationId, json, source],
  );
  // Sprint history: replaced as a whole (in the source's order) by its one writer. The upsert
  // above already set current_sprint_id to the same last sprint, which spares every ticket a
  // second row version (the writer leaves rows that are already right alone).
  const idByKey = new Map(written.map((t) => [t.external_key, t.id]));
  await writeSprintHistories(
    em,
    organizationId,
    rows.map((r) => ({ ticketId: idByKey.get(r.external_key)!, sprintIds: r.sprint_ids })),
  );
  // The epic-derived link is the import's own: replace it; links added by hand stay.
  await em.query(`DELETE FROM ticket_links WHERE source = 'EPIC' AND ticket_id = ANY($1::uuid[])`, [
    written.map((t) => t.id),
  ]);
  await em.query(
    `INSERT INTO ticket_links (organization_id, ticket_id, initiative_id, weight, source)
     SELECT $2, r.ticket_id, r.epic_initiative_id, 1, 'EPIC'
       FROM jsonb_to_recordset($1::jsonb) AS r(ticket_id uuid, epic_initiative_id uuid)
      WHERE r.epic_initiative_id IS NOT NULL
     ON CONFLICT (organization_id, ticket_id, initiative_id) DO NOTHING`,
    [
      JSON.stringify(
        rows.map((r) => ({
          ticket_id: idByKey.get(r.external_key),
          epic_initiative_id: r.epic_initiative_id,
        })),
      ),
      organizationId,
    ],
  );
  return written.map((t) => ({ id: t.id, key: t.external_key }));
}
