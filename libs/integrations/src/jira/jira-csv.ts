import { parse } from 'csv-parse/sync';
import { DomainError, isSubTaskType, type Problem, type StatusCategory } from '@app/domain';
import type { IncomingTicket } from '../tickets/incoming-ticket.js';

/** One CSV record with the file line it starts on. */
export interface CsvRecord {
  fields: string[];
  line: number;
}

export interface JiraRows {
  tickets: IncomingTicket[];
  /** Epic rows are not tickets: their keys (and ids) name initiatives */
  epics: { key: string; issueId: string | null; origin: string }[];
  warnings: Problem[];
}

/** Parsing options shared by the in-memory and the streaming parser (csv-parse). */
export const CSV_OPTIONS = {
  info: true,
  relax_column_count: true,
  skip_empty_lines: true,
  bom: true,
} as const;

/** A whole Jira CSV export held in memory (GraphQL importTickets). */
export function parseCsv(text: string): CsvRecord[] {
  try {
    const rows = parse(text, CSV_OPTIONS) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    return rows.map(toCsvRecord);
  } catch (error) {
    throw DomainError.badInput('data', `is not readable CSV: ${(error as Error).message}`);
  }
}

export function toCsvRecord({
  record,
  info,
}: {
  record: string[];
  info: { lines: number };
}): CsvRecord {
  const innerBreaks = record.reduce((n, field) => n + (field.match(/\n/g)?.length ?? 0), 0);
  return { fields: record, line: info.lines - innerBreaks };
}

const SOURCE_CATEGORIES: Record<string, StatusCategory> = {
  'to do': 'TODO',
  'in progress': 'IN_PROGRESS',
  done: 'DONE',
};

/**
 * Jira's CSV export as it comes (DESIGN.md 4.3): repeated Sprint and Labels columns, story points
 * in either custom field, the epic in Epic Link, Parent key, or Parent (a numeric Issue id resolved
 * through this file and `knownIds` from earlier imports), Epic rows as initiatives, sub-task rows
 * pointing at their parent ticket. A row that cannot be used is reported with its line and key and
 * left out; the others are returned.
 */
export function readJiraRecords(records: CsvRecord[], knownIds: Map<string, string>): JiraRows {
  const [header, ...rows] = records;
  if (!header)
    throw DomainError.badInput('data', 'is empty: expected a Jira CSV export with a header row');
  const names = header.fields.map((h) => h.trim());
  const all = (name: string) =>
    names.flatMap((n, i) => (n.toLowerCase() === name.toLowerCase() ? [i] : []));
  const one = (...candidates: string[]) =>
    candidates.map((c) => all(c)[0]).find((i) => i !== undefined) ?? -1;
  const col = {
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
  if (col.key < 0)
    throw DomainError.badInput(
      'data',
      'is not a Jira CSV export: the header has no "Issue key" column',
    );
  if (col.summary < 0)
    throw DomainError.badInput(
      'data',
      'is not a Jira CSV export: the header has no "Summary" column',
    );

  const cell = (r: CsvRecord, i: number) => (i >= 0 ? (r.fields[i] ?? '').trim() : '');
  const ids = new Map(knownIds);
  for (const r of rows)
    if (cell(r, col.id) && cell(r, col.key)) ids.set(cell(r, col.id), cell(r, col.key));
  const parentOf = (r: CsvRecord) => {
    const byKey = cell(r, col.parentKey);
    if (byKey) return byKey;
    const parent = cell(r, col.parent);
    if (!parent) return null;
    return /^\d+$/.test(parent) ? (ids.get(parent) ?? null) : parent;
  };

  const result: JiraRows = { tickets: [], epics: [], warnings: [] };
  for (const r of rows) {
    const key = cell(r, col.key);
    const origin = key ? `line ${r.line} (${key})` : `line ${r.line}`;
    const problem = (message: string) => result.warnings.push({ path: origin, message });
    if (!key) {
      problem('no Issue key: row skipped');
      continue;
    }
    const type = cell(r, col.type) || 'Task';
    if (type.toLowerCase() === 'epic') {
      result.epics.push({ key, issueId: cell(r, col.id) || null, origin });
      continue;
    }
    const pointsText = col.points.map((i) => cell(r, i)).find((v) => v !== '') ?? '';
    const points = pointsText === '' ? null : Number(pointsText.replace(',', '.'));
    if (points !== null && (!Number.isFinite(points) || points < 0)) {
      problem(`story points "${pointsText}" is not a number >= 0: row skipped`);
      continue;
    }
    const title = cell(r, col.summary);
    if (!title) {
      problem('no Summary: row skipped');
      continue;
    }
    const parent = parentOf(r);
    const subTask = isSubTaskType(type);
    const parentColumn = cell(r, col.parent);
    if (
      parentColumn &&
      /^\d+$/.test(parentColumn) &&
      !cell(r, col.parentKey) &&
      !ids.has(parentColumn)
    ) {
      problem(
        `Parent ${parentColumn} is no Issue id of this file or of an earlier import: imported without it`,
      );
    }
    result.tickets.push({
      externalKey: key,
      externalId: cell(r, col.id) || null,
      title,
      type,
      labels: col.labels.map((i) => cell(r, i)).filter((l) => l !== ''),
      rawStatus: cell(r, col.status),
      sourceCategory: SOURCE_CATEGORIES[cell(r, col.statusCategory).toLowerCase()] ?? null,
      points,
      sprintNames: col.sprints.map((i) => cell(r, i)).filter((s) => s !== ''),
      epicKey: subTask ? null : cell(r, col.epicLink) || parent,
      parentKey: subTask ? parent : null,
      origin,
    });
  }
  return result;
}
