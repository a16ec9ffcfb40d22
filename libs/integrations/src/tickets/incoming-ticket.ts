import type { Problem, StatusCategory } from '@app/domain';

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
  warnings: Problem[];
}

/** Called as an import writes: rows done so far out of the rows to write. */
export type ImportProgress = (done: number, total: number) => void;
