import type { BenchIssue } from './jira-payloads.js';

/** Initiatives whose externalKey is a Jira epic; epic e serves goal G(e % GOALS + 1). */
const EPICS = 8;
const GOALS = 4;

/** Effort per goal and in all, as the alignment report gives it. */
export interface Efforts {
  total: number;
  goals: Record<string, number>;
}

export interface AlignmentEfforts {
  totalEffort: number;
  goals: { goal: { key: string }; effort: number }[];
}

export const effortsOf = (report: AlignmentEfforts): Efforts => ({
  total: report.totalEffort,
  goals: Object.fromEntries(report.goals.map((g) => [g.goal.key, g.effort])),
});

/**
 * The plan: GOALS goals, each with one objective and key result that EPICS / GOALS initiatives
 * support, so a ticket's whole effort counts for exactly one goal; team PLAT owns Jira board 3.
 */
export function livePlanYaml(): string {
  const lines = [
    'version: 1',
    'teams: [{ key: PLAT, name: Platform, capacity: 30 }]',
    'cycles: [{ key: Q4, name: Q4, start: 2026-10-01, end: 2026-12-31, state: ACTIVE }]',
    'goals:',
  ];
  for (let g = 1; g <= GOALS; g++) lines.push(`  - { key: G${g}, title: Goal ${g} }`);
  lines.push('objectives:');
  for (let g = 1; g <= GOALS; g++) {
    lines.push(
      `  - { key: O${g}, cycle: Q4, title: O${g}, alignsTo: [{ goal: G${g} }], keyResults: [{ key: KR${g}, title: k${g}, kind: NUMERIC, start: 0, target: 10 }] }`,
    );
  }
  lines.push('initiatives:');
  for (let e = 0; e < EPICS; e++) {
    lines.push(
      `  - { key: I${e}, externalKey: EPIC-${e}, title: Epic ${e}, team: PLAT, status: IN_PROGRESS, supports: [{ keyResult: KR${(e % GOALS) + 1} }] }`,
    );
  }
  return lines.join('\n');
}

/** What the bench has told the API, so it knows which report reflects an event. */
export interface LiveModel {
  /** a new issue in the active sprint, under epic n % EPICS */
  add(key: string, n: number): BenchIssue;
  /** the issue with different story points (1..8, never its current value) */
  bump(key: string): BenchIssue;
  goalOf(issue: BenchIssue): string;
  efforts(): Efforts;
  matches(efforts: Efforts): boolean;
}

export function liveModel(): LiveModel {
  const issues = new Map<string, BenchIssue>();
  const goalOf = (issue: BenchIssue) => `G${(Number(issue.epicKey.slice(5)) % GOALS) + 1}`;
  const efforts = (): Efforts => {
    const goals: Record<string, number> = {};
    for (let g = 1; g <= GOALS; g++) goals[`G${g}`] = 0;
    let total = 0;
    for (const issue of issues.values()) {
      goals[goalOf(issue)] += issue.points;
      total += issue.points;
    }
    return { total, goals };
  };
  return {
    add: (key, n) => {
      const issue = {
        key,
        id: 10_000 + issues.size,
        epicKey: `EPIC-${n % EPICS}`,
        points: (n % 8) + 1,
      };
      issues.set(key, issue);
      return issue;
    },
    bump: (key) => {
      const old = issues.get(key)!;
      const issue = { ...old, points: (old.points % 8) + 1 };
      issues.set(key, issue);
      return issue;
    },
    goalOf,
    efforts,
    matches: (actual) => {
      const want = efforts();
      const close = (a: number | undefined, b: number) => Math.abs((a ?? 0) - b) < 1e-9;
      return (
        close(actual.total, want.total) &&
        Object.entries(want.goals).every(([g, e]) => close(actual.goals[g], e))
      );
    },
  };
}
