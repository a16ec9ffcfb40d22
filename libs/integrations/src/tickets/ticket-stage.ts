import type { EntityManager } from 'typeorm';
import { COPY_NULL, copyArray, copyField, copyIn } from '@app/database';
import type { StatusCategory, WorkType } from '@app/domain';

/** A ticket as it will be stored, staged to be compared with what is stored now and written. */
export interface TicketRow {
  external_key: string;
  /** its owner (docs/design.md 4.4 "Several sources"): with the key, the ticket's unique key */
  source_id: string | null;
  /** the stored ticket this row writes (ticket-owners.ts); null: a new ticket */
  target_id: string | null;
  /**
   * the ticket's id once written: the stored one's, or the new ticket's, chosen here (the key
   * locks of ticket-owners.ts keep anyone else from inserting the key meanwhile), so the merge
   * statements find the written tickets by primary key without reading ids back
   */
  ticket_id: string;
  /** what this row stores, hashed (ticket-content-hash.ts): written with the ticket */
  content_hash: string;
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

/** The staged columns, in the order copyLine writes them. */
const COLUMNS = [
  'ord',
  'external_key',
  'source_id',
  'target_id',
  'ticket_id',
  'external_id',
  'title',
  'type',
  'labels',
  'work_type',
  'status_category',
  'raw_status',
  'points',
  'current_sprint_id',
  'sprint_ids',
  'epic_initiative_id',
  'parent_key',
  'subtask',
  'content_hash',
];

/** Rows per COPY text batch: the text of one batch is all that is held at a time. */
const COPY_BATCH = 1000;

/**
 * The staging table of a ticket write: a temporary table of the connection (no other session sees
 * it), made once per pooled connection instead of once per write, so a webhook's one-ticket write
 * costs no catalog churn. It holds rows only during a write: emptied before staging and again when
 * the write ends (clearStage; a failed write's rows go with its rollback), so it needs no tenant
 * column. Not ON COMMIT DELETE ROWS: that truncates the table, its TOAST table and every
 * index at each commit, a few ms of file operations that made a one-ticket write cost twice as
 * much. `ord` is the write order (key order), `ticket_id` the ticket once written; both are
 * indexed, so every join of the merge with the tenant's tables is an index lookup whichever side
 * the planner starts from (its statistics of the tenant's tables predate the write). Renamed (the
 * _v suffix) whenever its columns or its life change, so a connection that made the old one never
 * meets the new code with it.
 */
export const STAGE = 'ticket_stage_v3';

const CREATE_STAGE = `
  CREATE TEMP TABLE IF NOT EXISTS ${STAGE} (
    ord integer PRIMARY KEY,
    external_key text NOT NULL UNIQUE,
    source_id uuid,
    target_id uuid,
    external_id text,
    title text NOT NULL,
    type text NOT NULL,
    labels text[] NOT NULL,
    work_type text NOT NULL,
    status_category text NOT NULL,
    raw_status text NOT NULL,
    points numeric,
    current_sprint_id uuid,
    sprint_ids uuid[] NOT NULL,
    epic_initiative_id uuid,
    parent_key text,
    subtask boolean NOT NULL,
    ticket_id uuid NOT NULL UNIQUE,
    content_hash text NOT NULL
  )`;

/**
 * Stages `rows` (in write order) with COPY, inside the caller's transaction: the staging table is
 * made if this connection has none yet, emptied (of a write that could not clear it), then filled,
 * `COPY_BATCH` rows of text at a time.
 */
export async function stageTickets(em: EntityManager, rows: TicketRow[]): Promise<void> {
  // No parameters: one round trip for both statements.
  await em.query(`${CREATE_STAGE}; DELETE FROM ${STAGE}`);
  await copyIn(em, `${STAGE} (${COLUMNS.join(', ')})`, copyText(rows));
  // A temporary table has no statistics until analyzed: the planner then guesses how many rows
  // a chunk (a range of `ord`) holds, and a guess of a hundred for twenty thousand picks joins
  // that cost far more. A few rows (a webhook) plan well anyway and spare the catalog the write.
  if (rows.length >= ANALYZE_FROM) await em.query(`ANALYZE ${STAGE} (ord)`);
}

/** Staged rows from which the stage is analyzed before it is joined. */
const ANALYZE_FROM = 500;

/**
 * Empties the stage when a write ends. A big write truncates it (fresh files: a temporary table is
 * never vacuumed, and a hundred thousand deleted rows would stay in it); a small one deletes its
 * rows (truncating costs file operations), whose space later writes reuse. A write that fails
 * leaves nothing either: its transaction rolls back, the staged rows with it.
 */
export async function clearStage(em: EntityManager, staged: number): Promise<void> {
  await em.query(staged >= ANALYZE_FROM ? `TRUNCATE ${STAGE}` : `DELETE FROM ${STAGE}`);
}

function* copyText(rows: TicketRow[]): Generator<string> {
  let batch = '';
  for (let i = 0; i < rows.length; i++) {
    batch += copyLine(i, rows[i]);
    if ((i + 1) % COPY_BATCH === 0) {
      yield batch;
      batch = '';
    }
  }
  if (batch) yield batch;
}

/**
 * One staged row in COPY's text format, in COLUMNS order. Text from the source is escaped; ids,
 * the mapped categories, numbers and booleans never need it (they hold no tab, newline or
 * backslash), which spares a check per field on the way of 100,000 rows.
 */
function copyLine(ord: number, r: TicketRow): string {
  const id = (value: string | null) => value ?? COPY_NULL;
  return (
    `${ord}\t${copyField(r.external_key)}\t${id(r.source_id)}\t${id(r.target_id)}\t${r.ticket_id}` +
    `\t${copyField(r.external_id)}\t${copyField(r.title)}\t${copyField(r.type)}\t${copyArray(r.labels)}` +
    `\t${r.work_type}\t${r.status_category}\t${copyField(r.raw_status)}\t${r.points ?? COPY_NULL}` +
    `\t${id(r.current_sprint_id)}\t{${r.sprint_ids.join(',')}}\t${id(r.epic_initiative_id)}` +
    `\t${copyField(r.parent_key)}\t${r.subtask ? 't' : 'f'}\t${r.content_hash}\n`
  );
}
