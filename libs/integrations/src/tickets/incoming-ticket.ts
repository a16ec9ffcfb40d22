import {
  MAX_LABEL,
  MAX_LABELS,
  MAX_NAME,
  MAX_SPRINTS,
  MAX_TITLE,
  numberProblem,
  POINTS,
  quoteValue,
  stringProblem,
  type Problem,
  type StatusCategory,
} from '@app/domain';

/**
 * One ticket as a source describes it, before the organization's mappings are applied. Every
 * ticket source (Jira CSV, upsertTickets, later webhooks) produces these; TicketUpsertService
 * writes them.
 */
export interface IncomingTicket {
  externalKey: string;
  /** the source's own id (Jira Issue id), to resolve numeric Parent references later */
  externalId: string | null;
  title: string;
  /** issue type: Story, Bug, Task, Sub-task, ... */
  type: string;
  labels: string[];
  rawStatus: string;
  /** the source's own category, used when the organization's mapping does not know rawStatus */
  sourceCategory: StatusCategory | null;
  points: number | null;
  /** sprint names, oldest first; the last is the current sprint */
  sprintNames: string[];
  /** the epic's key: links the ticket to the initiative with that externalKey */
  epicKey: string | null;
  /** set for sub-tasks: the parent ticket's key */
  parentKey: string | null;
  /** where the ticket came from in its file, for warnings */
  origin: string;
}

export interface TicketImportResult {
  created: number;
  updated: number;
  unchanged: number;
  /** the first warnings, then one entry saying how many more there were */
  warnings: Problem[];
  /** every warning, including those not listed */
  warningCount: number;
}

/** A ticket key in its source (PAY-123), as the API takes it: 1-64 characters without spaces. */
const EXTERNAL_KEY = /^\S{1,64}$/;

/**
 * The first field of a ticket outside the bounds of docs/design.md 4.5, with what is wrong (null when
 * every field is inside), named by the source's own field names (`names`): every path that ends
 * in the ticket upsert refuses the same values, and a source reports them in its own words.
 */
export function ticketFieldProblem(
  t: Omit<IncomingTicket, 'origin' | 'sourceCategory'>,
  names: Partial<Record<keyof IncomingTicket, string>> = {},
): string | null {
  const name = (field: keyof IncomingTicket) => names[field] ?? field;
  const key = (field: 'externalKey' | 'epicKey' | 'parentKey', value: string | null) =>
    value === null || (EXTERNAL_KEY.test(value) && !stringProblem(value, 64))
      ? null
      : `${name(field)} must be 1-64 characters without spaces`;
  const text = (field: keyof IncomingTicket, value: string | null, max: number) => {
    const problem = value === null ? null : stringProblem(value, max);
    return problem && `${name(field)} ${problem}`;
  };
  const points = t.points === null ? null : numberProblem(t.points, POINTS);
  return (
    key('externalKey', t.externalKey) ??
    text('title', t.title, MAX_TITLE) ??
    (points && `${name('points')} ${points} (got ${quoteValue(t.points)})`) ??
    text('externalId', t.externalId, MAX_NAME) ??
    text('type', t.type, MAX_LABEL) ??
    text('rawStatus', t.rawStatus, MAX_LABEL) ??
    (t.labels.length > MAX_LABELS
      ? `${name('labels')} must be at most ${MAX_LABELS} labels`
      : null) ??
    t.labels.map((l) => text('labels', l, MAX_LABEL)).find((p) => p) ??
    (t.sprintNames.length > MAX_SPRINTS
      ? `${name('sprintNames')} must be at most ${MAX_SPRINTS} sprints`
      : null) ??
    t.sprintNames.map((s) => text('sprintNames', s, MAX_NAME)).find((p) => p) ??
    key('epicKey', t.epicKey) ??
    key('parentKey', t.parentKey)
  );
}

/** Called as an import writes: rows done so far out of the rows to write. */
export type ImportProgress = (done: number, total: number) => void;
