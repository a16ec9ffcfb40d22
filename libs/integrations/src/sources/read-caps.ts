import { TrackerHttpError } from './tracker-http.js';

/**
 * The most a reconciliation reader follows in one run (pages of a list, levels of sub-tasks).
 * Past a cap the run fails (TrackerHttpError): a full run that stopped there would take every
 * record past it for deleted and archive it. One object so a test can lower a cap; production
 * reads the same fields.
 */
export const readCaps = {
  /** Asana: pages of 100 tasks per list (a project's tasks, one task's sub-tasks) */
  asanaPages: 1000,
  /** Asana: levels of sub-tasks below a project's tasks (Asana nests up to 5) */
  asanaDepth: 5,
  /** Trello: pages of cards per board */
  trelloPages: 200,
  /** GitHub: pages of 100 issues per repository, and of 100 project items */
  githubPages: 1000,
  /** Linear: pages of issues */
  linearPages: 10_000,
};

/** The run's failure when a reader would go on past its cap. */
export function capReached(what: string, cap: number, unit = 'pages'): TrackerHttpError {
  return new TrackerHttpError(
    `${what}: more than ${cap} ${unit} to read, the most one run reads; nothing was archived`,
    null,
  );
}
