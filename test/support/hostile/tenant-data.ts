import { parse as parseCsv } from 'csv-parse/sync';
import { parse, stringify } from 'yaml';

/**
 * A word in every title and name of tenant A and nowhere else: if it appears in an answer to
 * tenant B, A's data leaked. Checked case-insensitively (slugs and e-mails are lower case).
 */
export const A_MARK = 'AONLYMARK';

/** Keys that exist in tenant A only, by entity (A also has every demo key, as B does). */
export const A_ONLY_KEYS = {
  goal: 'AX-G',
  kpi: 'AX-K',
  team: 'AX-T',
  cycle: 'AX-C',
  sprint: 'AX-S',
  objective: 'AX-O',
  keyResult: 'AX-O-KR',
  initiative: 'AX-I',
  epic: 'AXEPIC-1',
  ticket: 'AX-1',
  sourceId: '990001',
} as const;

export const A_ONLY_SPRINT_NAME = `${A_MARK} sprint only in A`;

type Item = Record<string, any>;

/**
 * The demo plan for tenant A: every title, name, statement and description carries A_MARK, and
 * one entity of each kind exists in A only (the A_ONLY_KEYS): a DRAFT cycle with an objective, a
 * key result and a planned initiative, a team with an ACTIVE sprint in that cycle.
 */
export function planForA(demoPlan: string): string {
  const plan = parse(demoPlan) as Item;
  const mark = (item: Item, field: string) => {
    if (typeof item[field] === 'string') item[field] = `${A_MARK} ${item[field]}`;
  };
  mark(plan.vision, 'statement');
  for (const list of ['goals', 'kpis', 'objectives', 'initiatives']) {
    for (const item of plan[list] as Item[]) {
      mark(item, 'title');
      mark(item, 'description');
      for (const kr of (item.keyResults ?? []) as Item[]) mark(kr, 'title');
    }
  }
  for (const list of ['teams', 'cycles', 'sprints']) {
    for (const item of plan[list] as Item[]) mark(item, 'name');
  }
  const k = A_ONLY_KEYS;
  plan.goals.push({ key: k.goal, title: `${A_MARK} goal only in A`, horizon: 'CORE' });
  plan.kpis.push({ key: k.kpi, goal: k.goal, title: `${A_MARK} kpi only in A`, current: 1 });
  plan.teams.push({ key: k.team, name: `${A_MARK} team only in A`, capacity: 5 });
  plan.cycles.push({
    key: k.cycle,
    name: `${A_MARK} cycle only in A`,
    start: '2027-04-01',
    end: '2027-06-30',
  });
  plan.sprints.push({
    key: k.sprint,
    team: k.team,
    name: A_ONLY_SPRINT_NAME,
    start: '2027-04-05',
    end: '2027-04-18',
    state: 'ACTIVE',
  });
  plan.objectives.push({
    key: k.objective,
    cycle: k.cycle,
    team: k.team,
    title: `${A_MARK} objective only in A`,
    alignsTo: [{ goal: k.goal }],
    keyResults: [
      {
        key: k.keyResult,
        title: `${A_MARK} key result only in A`,
        kind: 'NUMERIC',
        start: 0,
        target: 10,
      },
    ],
  });
  const firstInitiative = (plan.initiatives as Item[])[0]?.key as string | undefined;
  plan.initiatives.push({
    key: k.initiative,
    externalKey: k.epic,
    title: `${A_MARK} initiative only in A`,
    team: k.team,
    status: 'IN_PROGRESS',
    estimate: 8,
    cycle: k.cycle,
    supports: [{ keyResult: k.keyResult }],
    // a dependency only in A (on a demo initiative), for removeInitiativeDependency's id
    blockedBy: firstInitiative ? [firstInitiative] : [],
  });
  return stringify(plan);
}

const quote = (field: string) => `"${field.replace(/"/g, '""')}"`;

/**
 * The demo tickets for tenant A: summaries and sprint names marked (the plan's sprints are), plus
 * one ticket only in A, in A's own sprint and epic.
 */
export function csvForA(demoCsv: string): string {
  const rows = parseCsv(demoCsv, { relax_column_count: true }) as string[][];
  const header = rows[0];
  const summary = header.indexOf('Summary');
  const sprints = header.flatMap((h, i) => (h === 'Sprint' ? [i] : []));
  for (const row of rows.slice(1)) {
    row[summary] = `${A_MARK} ${row[summary]}`;
    for (const i of sprints) if (row[i]) row[i] = `${A_MARK} ${row[i]}`;
  }
  const extra = header.map(() => '');
  const set = (column: string, value: string) => {
    const i = header.indexOf(column);
    if (i >= 0) extra[i] = value;
  };
  set('Summary', `${A_MARK} ticket only in A`);
  set('Issue key', A_ONLY_KEYS.ticket);
  set('Issue id', A_ONLY_KEYS.sourceId);
  set('Issue Type', 'Story');
  set('Status', 'In Progress');
  set('Custom field (Story Points)', '3');
  set('Custom field (Epic Link)', A_ONLY_KEYS.epic);
  extra[sprints[0]] = A_ONLY_SPRINT_NAME;
  rows.push(extra);
  return `${rows.map((row) => row.map(quote).join(',')).join('\n')}\n`;
}
