import {
  DomainError,
  formatBound,
  isSubTaskType,
  ProblemList,
  type StatusCategory,
} from '@app/domain';
import { ticketFieldProblem, type IncomingTicket } from '../tickets/incoming-ticket.js';
import { assertRoomForRow, csvHeader } from '../tickets/file-tickets.js';

/** One CSV record with the file line it starts on. */
export interface CsvRecord {
  fields: string[];
  line: number;
}

export interface JiraRows {
  tickets: IncomingTicket[];
  /** Epic rows are not tickets: their keys (and ids) name initiatives */
  epics: { key: string; issueId: string | null; origin: string }[];
  /** bounded: the first warnings, then a count of the rest */
  warnings: ProblemList;
}

/**
 * The longest CSV record (row) read, in bytes: Jira caps its text fields at 32,767 characters, so
 * a real export's row stays far below; a longer one (52 million characters in one field) refuses
 * the file with the line, instead of being held and stored.
 */
export const MAX_CSV_RECORD_BYTES = 1024 * 1024;
/** Rows one import takes: each kept row is held until the one transaction writes it. */
export const MAX_CSV_ROWS = 1_000_000;
/** The CLI, on the operator's machine, takes more. */
export const MAX_CLI_CSV_ROWS = 3_000_000;

/**
 * csv-parse options. Without `info` (which builds an object per record and triples the cost) and
 * without skipping empty lines, so that readCsvStream can count the lines itself.
 */
export const CSV_OPTIONS = {
  relax_column_count: true,
  skip_empty_lines: false,
  bom: true,
  max_record_size: MAX_CSV_RECORD_BYTES,
} as const;

/** A csv-parse failure as the client's error: a record too long is named as such, with its line. */
export function unreadableCsv(error: unknown): DomainError {
  const { code, lines } = error as { code?: string; lines?: number };
  if (code === 'CSV_MAX_RECORD_SIZE') {
    return DomainError.badInput(
      'data',
      `line ${lines ?? '?'}: a row is longer than ${formatBound(MAX_CSV_RECORD_BYTES)} bytes; a Jira export's rows are far shorter, so the file is refused`,
    );
  }
  return DomainError.badInput('data', `is not readable CSV: ${(error as Error).message}`);
}

const SOURCE_CATEGORIES: Record<string, StatusCategory> = {
  'to do': 'TODO',
  'in progress': 'IN_PROGRESS',
  done: 'DONE',
};
const ISSUE_ID = /^\d+$/;

/** The CSV columns a ticket's fields come from, for warnings in the file's own words. */
const COLUMNS = {
  externalKey: 'Issue key',
  externalId: 'Issue id',
  title: 'Summary',
  type: 'Issue Type',
  rawStatus: 'Status',
  points: 'Story points',
  labels: 'Labels',
  sprintNames: 'Sprint',
  epicKey: 'the epic (Epic Link, Parent key or Parent)',
  parentKey: 'the parent (Parent key or Parent)',
} as const;

/** A key from the file as a warning shows it: a key too long to be one is cut. */
const shown = (key: string) => (key.length > 64 ? `${key.slice(0, 64)}...` : key);

interface Columns {
  key: number;
  id: number;
  summary: number;
  type: number;
  status: number;
  statusCategory: number;
  points: number[];
  labels: number[];
  sprints: number[];
  epicLink: number;
  parentKey: number;
  parent: number;
}

/** A kept row whose numeric `Parent` is resolved once every Issue id is known. */
interface PendingTicket {
  ticket: IncomingTicket;
  subTask: boolean;
  /** a numeric Parent (an Issue id) to resolve at the end; null when the row named a key */
  parentId: string | null;
}

/**
 * Jira's CSV export as it comes (docs/design.md 4.3), read row by row as the file arrives (`add`):
 * repeated Sprint and Labels columns, story points in either custom field, the epic in Epic Link,
 * Parent key, or Parent (a numeric Issue id resolved through this file and, in `finish`, the ids of
 * earlier imports), Epic rows as initiatives, sub-task rows pointing at their parent ticket. A row
 * that cannot be used, or with a field outside the bounds of docs/design.md 4.5 (a Summary over 500
 * characters, points over 10,000, a key over 64), is reported with its line, its key and the field,
 * and left out at once (never cut short, never held). Warnings are bounded (the first 100, then
 * how many more), and so are the rows kept (`maxRows`).
 */
export class JiraRowReader {
  private col: Columns | null = null;
  private readonly pending: PendingTicket[] = [];
  private readonly epics: JiraRows['epics'] = [];
  /** Issue id -> Issue key of this file's rows */
  private readonly fileIds = new Map<string, string>();
  readonly warnings = new ProblemList(undefined, 'warnings');

  constructor(private readonly maxRows = MAX_CSV_ROWS) {}

  add(record: CsvRecord): void {
    if (!this.col) {
      this.col = readHeader(record);
      return;
    }
    const col = this.col;
    const r = record;
    const cell = (i: number) => (i >= 0 ? (r.fields[i] ?? '').trim() : '');
    const key = cell(col.key);
    const origin = key ? `line ${r.line} (${shown(key)})` : `line ${r.line}`;
    const problem = (message: string) => this.warnings.push({ path: origin, message });
    if (cell(col.id) && key) this.fileIds.set(cell(col.id), key);
    if (!key) {
      problem('no Issue key: row skipped');
      return;
    }
    const type = cell(col.type) || 'Task';
    if (type.toLowerCase() === 'epic') {
      const epic = { key, issueId: cell(col.id) || null, origin };
      const invalid = ticketFieldProblem(
        { ...EMPTY_TICKET, externalKey: epic.key, externalId: epic.issueId },
        COLUMNS,
      );
      if (invalid) problem(`${invalid}: row skipped`);
      else this.keep(() => this.epics.push(epic));
      return;
    }
    const pointsText = col.points.map(cell).find((v) => v !== '') ?? '';
    const points = pointsText === '' ? null : Number(pointsText.replace(',', '.'));
    if (points !== null && (!Number.isFinite(points) || points < 0)) {
      problem(`story points "${shown(pointsText)}" is not a number >= 0: row skipped`);
      return;
    }
    const title = cell(col.summary);
    if (!title) {
      problem('no Summary: row skipped');
      return;
    }
    const subTask = isSubTaskType(type);
    // The parent by key now; a numeric Parent (an Issue id) once every id is known.
    const parentColumn = cell(col.parent);
    const parentId = !cell(col.parentKey) && ISSUE_ID.test(parentColumn) ? parentColumn : null;
    const parent = cell(col.parentKey) || (parentId ? null : parentColumn) || null;
    const ticket: IncomingTicket = {
      externalKey: key,
      externalId: cell(col.id) || null,
      title,
      type,
      labels: col.labels.map(cell).filter((l) => l !== ''),
      rawStatus: cell(col.status),
      sourceCategory: SOURCE_CATEGORIES[cell(col.statusCategory).toLowerCase()] ?? null,
      points,
      sprintNames: col.sprints.map(cell).filter((s) => s !== ''),
      epicKey: subTask ? null : cell(col.epicLink) || parent,
      parentKey: subTask ? parent : null,
      origin,
    };
    const invalid = ticketFieldProblem(ticket, COLUMNS);
    if (invalid) {
      problem(`${invalid}: row skipped`);
      return;
    }
    this.keep(() => this.pending.push({ ticket, subTask, parentId }));
  }

  /** Keeps one more row, within `maxRows` (rows left out cost only their warning's count). */
  private keep(push: () => void): void {
    assertRoomForRow(this.pending.length + this.epics.length, this.maxRows);
    push();
  }

  /** The numeric Parents no row of this file has as its Issue id: `finish` needs them in `knownIds`. */
  unknownParentIds(): string[] {
    const ids = new Set<string>();
    for (const { parentId } of this.pending) {
      if (parentId !== null && !this.fileIds.has(parentId)) ids.add(parentId);
    }
    return [...ids];
  }

  /** The kept rows, numeric parents resolved through this file and `knownIds` (earlier imports). */
  finish(knownIds: Map<string, string>): JiraRows {
    if (!this.col) {
      throw DomainError.badInput('data', 'is empty: expected a Jira CSV export with a header row');
    }
    const keyOf = (id: string) => this.fileIds.get(id) ?? knownIds.get(id) ?? null;
    const tickets = this.pending.map(({ ticket, subTask, parentId }) => {
      if (parentId === null) return ticket;
      const resolved = keyOf(parentId);
      if (resolved === null) {
        this.warnings.push({
          path: ticket.origin,
          message: `Parent ${parentId} is no Issue id of this file or of an earlier import: imported without it`,
        });
        return ticket;
      }
      // The key came from another row (kept or not): it must be a key a ticket can have.
      if (ticketFieldProblem({ ...EMPTY_TICKET, externalKey: resolved })) return ticket;
      if (subTask) return ticket.parentKey ? ticket : { ...ticket, parentKey: resolved };
      return ticket.epicKey ? ticket : { ...ticket, epicKey: resolved };
    });
    return { tickets, epics: this.epics, warnings: this.warnings };
  }
}

function readHeader(header: CsvRecord): Columns {
  const { one, all, requireColumns } = csvHeader(header.fields, 'Jira CSV');
  const col: Columns = {
    key: one('Issue key'),
    id: one('Issue id'),
    summary: one('Summary'),
    type: one('Issue Type'),
    status: one('Status'),
    statusCategory: one('Status Category'),
    points: [...all('Custom field (Story Points)'), ...all('Custom field (Story point estimate)')],
    labels: all('Labels'),
    sprints: all('Sprint'),
    epicLink: one('Custom field (Epic Link)'),
    parentKey: one('Parent key'),
    parent: one('Parent', 'Parent id'),
  };
  requireColumns([
    [col.key, 'Issue key'],
    [col.summary, 'Summary'],
  ]);
  return col;
}

/** A ticket with nothing in it but what a check is given (for Epic rows). */
const EMPTY_TICKET: Omit<IncomingTicket, 'origin' | 'sourceCategory'> = {
  externalKey: '',
  externalId: null,
  title: '',
  type: 'Epic',
  labels: [],
  rawStatus: '',
  points: null,
  sprintNames: [],
  epicKey: null,
  parentKey: null,
};
