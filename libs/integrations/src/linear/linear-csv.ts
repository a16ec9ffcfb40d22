import { DomainError, ProblemList } from '@app/domain';
import { ticketFieldProblem, type IncomingTicket } from '../tickets/incoming-ticket.js';
import { MAX_CSV_ROWS, type CsvRecord } from '../jira/jira-csv.js';
import { assertRoomForRow, csvHeader, pointsOf, shownKey } from '../tickets/file-tickets.js';

export interface LinearRows {
  tickets: IncomingTicket[];
  /** bounded: the first warnings, then a count of the rest */
  warnings: ProblemList;
}

/** The CSV columns a ticket's fields come from, for warnings in the file's own words. */
const COLUMNS = {
  externalKey: 'ID',
  externalId: 'ID',
  title: 'Title',
  rawStatus: 'Status',
  points: 'Estimate',
  labels: 'Labels',
  sprintNames: 'Cycle Name',
  epicKey: 'Project',
  parentKey: 'Parent issue',
} as const;

/** A key as tickets take it (ENG-123); a project name with spaces can be no initiative's key. */
const KEY = /^\S{1,64}$/;

interface Columns {
  id: number;
  title: number;
  status: number;
  estimate: number;
  labels: number;
  project: number;
  cycleName: number;
  cycleNumber: number;
  started: number;
  completed: number;
  canceled: number;
  archived: number;
  parent: number;
}

/**
 * Linear's CSV export ("Export CSV" of a workspace or team) as it comes (docs/design.md 4.3), read
 * row by row as the file arrives (`add`), mapped as the live Linear source maps an issue: the ID
 * (ENG-123) is the key, Title the title, Status the raw status (when the organization's status
 * mapping does not know the name, the dates Linear stamps as an issue changes state type tell its
 * category: Canceled set is CANCELLED, Completed set DONE, Started set IN_PROGRESS, else TODO, as
 * the live source takes the state's type), Estimate the points (empty: unestimated),
 * Labels (comma-separated) the labels, the Project name the initiative's externalKey, Parent issue
 * the parent of a sub-issue (by its ID), Cycle Name the sprint, matched by name with the stored
 * sprints (a cycle without a name: "<team key> Cycle <number>", as the live source names it).
 * Archived issues are left out, counted in one warning. A row that cannot be used, or with a field
 * outside the bounds of docs/design.md 4.5, is reported with its line and key and left out.
 */
export class LinearRowReader {
  private col: Columns | null = null;
  private readonly tickets: IncomingTicket[] = [];
  private archived = 0;
  readonly warnings = new ProblemList(undefined, 'warnings');

  constructor(private readonly maxRows = MAX_CSV_ROWS) {}

  add(record: CsvRecord): void {
    if (!this.col) {
      this.col = readHeader(record);
      return;
    }
    const col = this.col;
    const cell = (i: number) => (i >= 0 ? (record.fields[i] ?? '').trim() : '');
    const key = cell(col.id);
    const origin = key ? `line ${record.line} (${shownKey(key)})` : `line ${record.line}`;
    const problem = (message: string) => this.warnings.push({ path: origin, message });
    if (cell(col.archived) !== '') {
      this.archived++;
      return;
    }
    if (!key) {
      problem('no ID: row skipped');
      return;
    }
    const title = cell(col.title);
    if (!title) {
      problem('no Title: row skipped');
      return;
    }
    const estimate = cell(col.estimate);
    const points = pointsOf(estimate);
    if (points === undefined) {
      problem(`Estimate "${shownKey(estimate)}" is not a number >= 0: row skipped`);
      return;
    }
    const labels: string[] = [];
    for (const label of cell(col.labels).split(',')) {
      const name = label.trim();
      if (name !== '' && !labels.includes(name)) labels.push(name);
    }
    const parentKey = cell(col.parent) || null;
    const project = cell(col.project);
    const cycleNumber = cell(col.cycleNumber);
    const team = key.includes('-') ? key.slice(0, key.lastIndexOf('-')) : 'Linear';
    const cycle = cell(col.cycleName) || (cycleNumber ? `${team} Cycle ${cycleNumber}` : '');
    const ticket: IncomingTicket = {
      externalKey: key,
      externalId: key,
      title,
      type: parentKey ? 'Sub-issue' : 'Issue',
      labels,
      rawStatus: cell(col.status),
      sourceCategory:
        cell(col.canceled) !== ''
          ? 'CANCELLED'
          : cell(col.completed) !== ''
            ? 'DONE'
            : cell(col.started) !== ''
              ? 'IN_PROGRESS'
              : 'TODO',
      points,
      sprintNames: cycle ? [cycle] : [],
      // As the live source: a sub-issue follows its parent; a project name with spaces is no key.
      epicKey: !parentKey && KEY.test(project) ? project : null,
      parentKey,
      origin,
    };
    const invalid = ticketFieldProblem(ticket, COLUMNS);
    if (invalid) {
      problem(`${invalid}: row skipped`);
      return;
    }
    assertRoomForRow(this.tickets.length, this.maxRows);
    this.tickets.push(ticket);
  }

  finish(): LinearRows {
    if (!this.col) {
      throw DomainError.badInput(
        'data',
        'is empty: expected a Linear CSV export with a header row',
      );
    }
    if (this.archived > 0) {
      this.warnings.push({
        path: 'Archived',
        message: `${this.archived} archived issue${this.archived === 1 ? '' : 's'} left out`,
      });
    }
    return { tickets: this.tickets, warnings: this.warnings };
  }
}

function readHeader(header: CsvRecord): Columns {
  const { one, requireColumns } = csvHeader(header.fields, 'Linear CSV');
  const col: Columns = {
    id: one('ID', 'Identifier'),
    title: one('Title'),
    status: one('Status'),
    estimate: one('Estimate'),
    labels: one('Labels'),
    project: one('Project', 'Project Name'),
    cycleName: one('Cycle Name'),
    cycleNumber: one('Cycle Number'),
    started: one('Started'),
    completed: one('Completed'),
    canceled: one('Canceled', 'Cancelled'),
    archived: one('Archived'),
    parent: one('Parent issue', 'Parent Issue', 'Parent'),
  };
  requireColumns([
    [col.id, 'ID'],
    [col.title, 'Title'],
    [col.status, 'Status'],
  ]);
  return col;
}
