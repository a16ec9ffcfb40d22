import { DomainError, ProblemList } from '@app/domain';
import { ticketFieldProblem, type IncomingTicket } from '../tickets/incoming-ticket.js';
import { MAX_CSV_ROWS, type CsvRecord } from '../jira/jira-csv.js';
import { assertRoomForRow, csvHeader, pointsOf, shownKey } from '../tickets/file-tickets.js';

export interface AsanaRows {
  tickets: IncomingTicket[];
  /** bounded: the first warnings, then a count of the rest */
  warnings: ProblemList;
}

/** The CSV columns a ticket's fields come from, for warnings in the file's own words. */
const COLUMNS = {
  externalKey: 'the key (Task ID)',
  externalId: 'Task ID',
  title: 'Name',
  rawStatus: 'Section/Column',
  points: 'the points (Points, Story Points or Estimate)',
  labels: 'Tags',
  epicKey: 'the epic tag (epic:<KEY>)',
  parentKey: 'Parent task',
} as const;

const EPIC_TAG = /^epic:\s*(.*)$/i;

interface Columns {
  id: number;
  name: number;
  section: number;
  completedAt: number;
  tags: number;
  parent: number;
  points: number;
}

/** A kept row whose Parent task (a name) is resolved once every task of the file is known. */
interface PendingTicket {
  ticket: IncomingTicket;
  parentName: string;
}

/**
 * Asana's project CSV export as it comes (docs/design.md 4.3), read row by row as the file arrives
 * (`add`): each task is a ticket keyed `<prefix>-<Task ID>` (the prefix given, else ASANA), its
 * Section/Column the raw status (a task with Completed At set is DONE whatever its section: its
 * raw status is "Completed"), points from a custom field column Points, Story Points or Estimate,
 * Tags as labels, a tag `epic:<KEY>` linking it to the initiative with that externalKey. Asana names
 * a sub-task's parent by its name: `finish` resolves it among the file's tasks when one task has that
 * name, else warns. A row that cannot be used, or with a field outside the bounds of
 * docs/design.md 4.5, is reported with its line and key and left out.
 */
export class AsanaRowReader {
  private col: Columns | null = null;
  private readonly pending: PendingTicket[] = [];
  /** task name -> the keys of this file's tasks with that name */
  private readonly byName = new Map<string, string[]>();
  readonly warnings = new ProblemList(undefined, 'warnings');

  constructor(
    private readonly keyPrefix: string | null = null,
    private readonly maxRows = MAX_CSV_ROWS,
  ) {}

  add(record: CsvRecord): void {
    if (!this.col) {
      this.col = readHeader(record);
      return;
    }
    const col = this.col;
    const cell = (i: number) => (i >= 0 ? (record.fields[i] ?? '').trim() : '');
    const id = cell(col.id);
    const key = id ? `${this.keyPrefix ?? 'ASANA'}-${id}` : '';
    const origin = key ? `line ${record.line} (${shownKey(key)})` : `line ${record.line}`;
    const problem = (message: string) => this.warnings.push({ path: origin, message });
    if (!key) {
      problem('no Task ID: row skipped');
      return;
    }
    const title = cell(col.name);
    if (title) {
      const keys = this.byName.get(title);
      if (!keys) this.byName.set(title, [key]);
      else if (keys.length < 2) keys.push(key);
    }
    const pointsText = cell(col.points);
    const points = pointsOf(pointsText);
    if (points === undefined) {
      problem(`points "${shownKey(pointsText)}" is not a number >= 0: row skipped`);
      return;
    }
    if (!title) {
      problem('no Name: row skipped');
      return;
    }
    const tags: string[] = [];
    const epics: string[] = [];
    for (const tag of cell(col.tags).split(',')) {
      const name = tag.trim();
      const epic = EPIC_TAG.exec(name);
      if (epic) epics.push(epic[1].trim());
      else if (name !== '' && !tags.includes(name)) tags.push(name);
    }
    if (epics.length > 1) {
      problem(`${epics.length} epic tags: linked through the first, "epic:${shownKey(epics[0])}"`);
    }
    const completed = cell(col.completedAt) !== '';
    const parentName = cell(col.parent);
    const ticket: IncomingTicket = {
      externalKey: key,
      externalId: id,
      title,
      type: parentName ? 'Sub-task' : 'Task',
      labels: tags,
      rawStatus: completed ? 'Completed' : cell(col.section),
      // Completed wins; an unmapped section is reported (imported as TODO); no section is TODO.
      sourceCategory: completed ? 'DONE' : cell(col.section) === '' ? 'TODO' : null,
      points,
      sprintNames: [],
      epicKey: parentName ? null : epics[0] || null,
      parentKey: null,
      origin,
    };
    const invalid = ticketFieldProblem(ticket, COLUMNS);
    if (invalid) {
      problem(`${invalid}: row skipped`);
      return;
    }
    assertRoomForRow(this.pending.length, this.maxRows);
    this.pending.push({ ticket, parentName });
  }

  /** The kept rows, each Parent task resolved by name among the file's tasks. */
  finish(): AsanaRows {
    if (!this.col) {
      throw DomainError.badInput(
        'data',
        'is empty: expected an Asana CSV export with a header row',
      );
    }
    const tickets = this.pending.map(({ ticket, parentName }) => {
      if (!parentName) return ticket;
      const keys = this.byName.get(parentName) ?? [];
      if (keys.length === 1 && keys[0] !== ticket.externalKey) {
        return { ...ticket, parentKey: keys[0] };
      }
      this.warnings.push({
        path: ticket.origin,
        message:
          keys.length > 1
            ? `Parent task "${shownKey(parentName)}" names more than one task of this file: imported without a parent`
            : `Parent task "${shownKey(parentName)}" is no task of this file: imported without a parent`,
      });
      return { ...ticket, type: 'Task' };
    });
    return { tickets, warnings: this.warnings };
  }
}

function readHeader(header: CsvRecord): Columns {
  const { one, requireColumns } = csvHeader(header.fields, 'Asana CSV');
  const col: Columns = {
    id: one('Task ID'),
    name: one('Name'),
    section: one('Section/Column', 'Section'),
    completedAt: one('Completed At'),
    tags: one('Tags'),
    parent: one('Parent task', 'Parent Task'),
    points: one('Points', 'Story Points', 'Estimate'),
  };
  requireColumns([
    [col.id, 'Task ID'],
    [col.name, 'Name'],
  ]);
  return col;
}
