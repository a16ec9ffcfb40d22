/** pg-boss's schema (the job queue of the live sources) and the queues the app uses. */
export const JOB_SCHEMA = 'pgboss';
export const JOB_QUEUES = {
  /** one job per stored webhook event: apply it */
  events: 'source-events',
  /** one job per scheduled reconciliation of one source (each run schedules the next) */
  sync: 'source-sync',
} as const;
