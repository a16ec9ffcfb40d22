// Writes demo/plan.yaml and demo/jira.csv: the demo organization the server seeds on first start.
// Deterministic (seeded random numbers), so the committed files only change when this script does.
// Run: node scripts/generate-demo.mjs
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';

let seed = 20261121;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = (items) => items[Math.floor(random() * items.length)];

const teams = [
  { key: 'PLAT', name: 'Platform', capacity: 34 },
  { key: 'PAY', name: 'Payments', capacity: 28 },
  { key: 'GROW', name: 'Growth', capacity: 30 },
  { key: 'MOB', name: 'Mobile', capacity: 24 },
];
const sprintDates = [
  ['2026-09-21', '2026-10-04', 'CLOSED', 'Q3'],
  ['2026-10-05', '2026-10-18', 'CLOSED', 'Q4'],
  ['2026-10-19', '2026-11-01', 'CLOSED', 'Q4'],
  ['2026-11-02', '2026-11-15', 'CLOSED', 'Q4'],
  ['2026-11-16', '2026-11-29', 'ACTIVE', 'Q4'],
  ['2026-11-30', '2026-12-13', 'FUTURE', 'Q4'],
];
const sprints = teams.flatMap((t) =>
  sprintDates.map(([start, end, state], i) => ({
    key: `${t.key}-S${i + 20}`,
    team: t.key,
    name: `${t.name} Sprint ${i + 20}`,
    start,
    end,
    state,
  })),
);

const plan = {
  version: 1,
  vision: {
    statement: 'Every engineering hour moves a customer outcome we can name',
    horizon: '2028',
  },
  goals: [
    { key: 'G-ENT', title: 'Win the enterprise market', horizon: 'CORE', targetShare: 0.35 },
    {
      key: 'G-REL',
      title: 'Be the most reliable payments platform',
      horizon: 'CORE',
      targetShare: 0.3,
    },
    {
      key: 'G-SELF',
      title: 'Self-serve growth without sales',
      horizon: 'ADJACENT',
      targetShare: 0.2,
    },
    {
      key: 'G-AI',
      title: 'AI-assisted reconciliation',
      horizon: 'TRANSFORMATIONAL',
      targetShare: 0.1,
    },
    { key: 'G-EU', title: 'Expand into the EU', horizon: 'ADJACENT', targetShare: 0.05 },
  ],
  kpis: [
    {
      key: 'K-UPTIME',
      goal: 'G-REL',
      title: 'API uptime',
      unit: '%',
      current: 99.93,
      healthyMin: 99.9,
    },
    {
      key: 'K-P95',
      goal: 'G-REL',
      title: 'Checkout p95 latency',
      unit: 'ms',
      current: 640,
      healthyMax: 500,
    },
    {
      key: 'K-NRR',
      goal: 'G-ENT',
      title: 'Net revenue retention',
      unit: '%',
      current: 112,
      healthyMin: 110,
    },
    {
      key: 'K-SIGNUPS',
      goal: 'G-SELF',
      title: 'Weekly self-serve sign-ups',
      unit: 'accounts',
      current: 410,
      healthyMin: 350,
    },
    {
      key: 'K-CHURN',
      goal: 'G-SELF',
      title: 'Monthly logo churn',
      unit: '%',
      current: 2.4,
      healthyMax: 2,
    },
  ],
  teams,
  cycles: [
    { key: 'Q3-26', name: 'Q3 2026', start: '2026-07-01', end: '2026-09-30', state: 'CLOSED' },
    { key: 'Q4-26', name: 'Q4 2026', start: '2026-10-01', end: '2026-12-31', state: 'ACTIVE' },
    { key: 'Q1-27', name: 'Q1 2027', start: '2027-01-01', end: '2027-03-31', state: 'DRAFT' },
  ],
  sprints,
  objectives: [
    {
      key: 'C1',
      cycle: 'Q4-26',
      title: 'Land and expand with enterprise customers',
      alignsTo: [
        { goal: 'G-ENT', weight: 3 },
        { goal: 'G-EU', weight: 1 },
      ],
      keyResults: [
        {
          key: 'C1-KR1',
          title: 'Enterprise ARR',
          kind: 'CURRENCY',
          unit: 'EUR k',
          start: 4200,
          target: 6000,
          current: 4950,
        },
        {
          key: 'C1-KR2',
          title: 'SSO and audit log shipped',
          kind: 'BOOLEAN',
          start: 0,
          target: 1,
          current: 0,
        },
        {
          key: 'C1-KR3',
          title: 'Security review turnaround',
          kind: 'NUMERIC',
          unit: 'days',
          start: 21,
          target: 7,
          current: 12,
        },
      ],
    },
    {
      key: 'C2',
      cycle: 'Q4-26',
      title: 'Payments nobody has to think about',
      alignsTo: [{ goal: 'G-REL' }],
      keyResults: [
        {
          key: 'C2-KR1',
          title: 'Failed payment rate',
          kind: 'PERCENT',
          start: 1.8,
          target: 0.9,
          current: 1.3,
        },
        {
          key: 'C2-KR2',
          title: 'Keep uptime at 99.95%',
          kind: 'PERCENT',
          direction: 'INCREASE',
          start: 99.95,
          target: 99.95,
          current: 99.93,
        },
      ],
    },
    {
      key: 'C3',
      cycle: 'Q4-26',
      title: 'Make self-serve onboarding effortless',
      alignsTo: [{ goal: 'G-SELF' }],
      keyResults: [
        {
          key: 'C3-KR1',
          title: 'Activation rate',
          kind: 'PERCENT',
          start: 22,
          target: 40,
          current: 29,
        },
        {
          key: 'C3-KR2',
          title: 'Time to first payment',
          kind: 'NUMERIC',
          unit: 'days',
          start: 9,
          target: 3,
          current: 7,
        },
      ],
    },
    {
      key: 'C4',
      cycle: 'Q4-26',
      title: 'Prove AI reconciliation with design partners',
      alignsTo: [{ goal: 'G-AI' }],
      keyResults: [
        {
          key: 'C4-KR1',
          title: 'Design partners live',
          kind: 'NUMERIC',
          start: 0,
          target: 3,
          current: 1,
        },
      ],
    },
    {
      key: 'PLAT-O1',
      cycle: 'Q4-26',
      team: 'PLAT',
      title: 'A platform enterprises can audit',
      alignsTo: [{ keyResult: 'C1-KR2', weight: 2 }, { objective: 'C2' }],
      keyResults: [
        {
          key: 'PLAT-O1-KR1',
          title: 'Services behind the new auth gateway',
          kind: 'PERCENT',
          start: 10,
          target: 100,
          current: 55,
        },
        {
          key: 'PLAT-O1-KR2',
          title: 'Mean time to restore',
          kind: 'NUMERIC',
          unit: 'min',
          start: 48,
          target: 20,
          current: 51,
        },
      ],
    },
    {
      key: 'PAY-O1',
      cycle: 'Q4-26',
      team: 'PAY',
      title: 'Retry smarter, fail less',
      alignsTo: [{ keyResult: 'C2-KR1' }],
      keyResults: [
        {
          key: 'PAY-O1-KR1',
          title: 'Recovered failed payments',
          kind: 'PERCENT',
          start: 30,
          target: 60,
          current: 44,
        },
      ],
    },
    {
      key: 'GROW-O1',
      cycle: 'Q4-26',
      team: 'GROW',
      title: 'Guided setup for every new account',
      alignsTo: [{ objective: 'C3' }],
      keyResults: [
        {
          key: 'GROW-O1-KR1',
          title: 'Accounts finishing setup',
          kind: 'PERCENT',
          start: 35,
          target: 70,
          current: 52,
        },
        {
          key: 'GROW-O1-KR2',
          title: 'Setup support tickets per week',
          kind: 'NUMERIC',
          start: 120,
          target: 60,
          current: 131,
        },
      ],
    },
    {
      key: 'MOB-O1',
      cycle: 'Q4-26',
      team: 'MOB',
      title: 'A mobile app merchants open daily',
      keyResults: [
        {
          key: 'MOB-O1-KR1',
          title: 'Daily active merchants on mobile',
          kind: 'NUMERIC',
          start: 800,
          target: 2000,
          current: 1150,
        },
      ],
    },
    {
      key: 'C0',
      cycle: 'Q3-26',
      title: 'Stabilise the ledger',
      status: 'ACTIVE',
      alignsTo: [{ goal: 'G-REL' }],
      keyResults: [
        {
          key: 'C0-KR1',
          title: 'Ledger incidents per month',
          kind: 'NUMERIC',
          start: 6,
          target: 1,
          current: 2,
        },
      ],
    },
  ],
  initiatives: [
    {
      key: 'I-SSO',
      externalKey: 'PLAT-100',
      title: 'SSO and SCIM',
      team: 'PLAT',
      status: 'IN_PROGRESS',
      priority: 'MUST',
      estimate: 40,
      cycle: 'Q4-26',
      supports: [{ keyResult: 'C1-KR2', weight: 2 }, { keyResult: 'PLAT-O1-KR1' }],
    },
    {
      key: 'I-AUDIT',
      externalKey: 'PLAT-101',
      title: 'Audit log',
      team: 'PLAT',
      status: 'IN_PROGRESS',
      priority: 'MUST',
      estimate: 26,
      cycle: 'Q4-26',
      supports: [{ keyResult: 'C1-KR2' }],
    },
    {
      key: 'I-GATEWAY',
      externalKey: 'PLAT-102',
      title: 'Auth gateway migration',
      team: 'PLAT',
      status: 'IN_PROGRESS',
      priority: 'SHOULD',
      estimate: 34,
      cycle: 'Q4-26',
      supports: [{ keyResult: 'PLAT-O1-KR1' }],
    },
    {
      key: 'I-ONCALL',
      externalKey: 'PLAT-103',
      title: 'On-call runbooks and alerting',
      team: 'PLAT',
      status: 'PLANNED',
      priority: 'SHOULD',
      estimate: 13,
      cycle: 'Q4-26',
      supports: [{ keyResult: 'PLAT-O1-KR2' }],
    },
    {
      key: 'I-RETRY',
      externalKey: 'PAY-200',
      title: 'Smart payment retries',
      team: 'PAY',
      status: 'IN_PROGRESS',
      priority: 'MUST',
      estimate: 30,
      cycle: 'Q4-26',
      supports: [{ keyResult: 'PAY-O1-KR1', weight: 3 }, { keyResult: 'C2-KR1' }],
    },
    {
      key: 'I-3DS',
      externalKey: 'PAY-201',
      title: '3-D Secure 2 everywhere',
      team: 'PAY',
      status: 'IN_PROGRESS',
      priority: 'SHOULD',
      estimate: 21,
      cycle: 'Q4-26',
      supports: [{ keyResult: 'C2-KR1' }],
    },
    {
      key: 'I-SEPA',
      externalKey: 'PAY-202',
      title: 'SEPA instant payouts',
      team: 'PAY',
      status: 'PLANNED',
      priority: 'COULD',
      estimate: 18,
      cycle: 'Q4-26',
      supports: [{ objective: 'C1', weight: 1 }],
    },
    {
      key: 'I-LEGACY',
      externalKey: 'PAY-203',
      title: 'Legacy acquirer bridge',
      team: 'PAY',
      status: 'CANCELLED',
      priority: 'WONT',
      estimate: 15,
      cycle: 'Q4-26',
      supports: [{ keyResult: 'C2-KR1' }],
    },
    {
      key: 'I-SETUP',
      externalKey: 'GROW-300',
      title: 'Guided setup wizard',
      team: 'GROW',
      status: 'IN_PROGRESS',
      priority: 'MUST',
      estimate: 32,
      cycle: 'Q4-26',
      supports: [{ keyResult: 'GROW-O1-KR1', weight: 2 }, { keyResult: 'C3-KR1' }],
    },
    {
      key: 'I-TEMPLATES',
      externalKey: 'GROW-301',
      title: 'Invoice templates gallery',
      team: 'GROW',
      status: 'IN_PROGRESS',
      priority: 'SHOULD',
      estimate: 16,
      cycle: 'Q4-26',
      supports: [{ keyResult: 'C3-KR2' }],
    },
    {
      key: 'I-REFERRAL',
      externalKey: 'GROW-302',
      title: 'Referral programme',
      team: 'GROW',
      status: 'PROPOSED',
      priority: 'COULD',
      estimate: 20,
      cycle: 'Q1-27',
      supports: [],
    },
    {
      key: 'I-RECON',
      externalKey: 'GROW-303',
      title: 'AI reconciliation beta',
      team: 'GROW',
      status: 'IN_PROGRESS',
      priority: 'SHOULD',
      estimate: 24,
      cycle: 'Q4-26',
      supports: [{ keyResult: 'C4-KR1' }],
    },
    {
      key: 'I-MOBILE',
      externalKey: 'MOB-400',
      title: 'Mobile dashboard 2.0',
      team: 'MOB',
      status: 'IN_PROGRESS',
      priority: 'MUST',
      estimate: 30,
      cycle: 'Q4-26',
      supports: [{ keyResult: 'MOB-O1-KR1' }],
    },
    {
      key: 'I-PUSH',
      externalKey: 'MOB-401',
      title: 'Payment push notifications',
      team: 'MOB',
      status: 'IN_PROGRESS',
      priority: 'SHOULD',
      estimate: 12,
      cycle: 'Q4-26',
      supports: [{ keyResult: 'MOB-O1-KR1' }, { keyResult: 'C2-KR1' }],
    },
    {
      key: 'I-DARK',
      externalKey: 'MOB-402',
      title: 'Dark mode',
      team: 'MOB',
      status: 'IN_PROGRESS',
      priority: 'COULD',
      estimate: 8,
      cycle: 'Q4-26',
      supports: [],
    },
  ],
};

writeFileSync(
  'demo/plan.yaml',
  `# The demo organization's plan (generated by scripts/generate-demo.mjs).\n${stringify(plan, { lineWidth: 0 })}`,
);

// Tickets: a few hundred across the teams' sprints, as Jira exports them.
const epics = plan.initiatives.map((x, i) => ({
  key: x.externalKey,
  id: String(10000 + i),
  title: x.title,
  team: x.team,
}));
const verbs = [
  'Add',
  'Fix',
  'Refactor',
  'Remove',
  'Document',
  'Speed up',
  'Harden',
  'Split',
  'Migrate',
  'Instrument',
];
const things = [
  'webhook retries',
  'settings page',
  'ledger export',
  'login flow',
  'rate limiter',
  'invoice PDF',
  'search index',
  'feature flags',
  'onboarding email',
  'admin audit view',
  'currency rounding',
  'payout report',
];
const header = [
  'Summary',
  'Issue key',
  'Issue id',
  'Issue Type',
  'Status',
  'Status Category',
  'Custom field (Story Points)',
  'Labels',
  'Labels',
  'Sprint',
  'Sprint',
  'Custom field (Epic Link)',
  'Parent',
];
const rows = [header];
const quote = (v) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
let id = 20000;
for (const epic of epics)
  rows.push([
    epic.title,
    epic.key,
    epic.id,
    'Epic',
    'In Progress',
    'In Progress',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
  ]);
const counters = Object.fromEntries(teams.map((t) => [t.key, 1000]));
const statuses = [
  ['To Do', 'To Do'],
  ['In Progress', 'In Progress'],
  ['In Review', 'In Progress'],
  ['Done', 'Done'],
  ['Done', 'Done'],
  ["Won't Do", 'Done'],
];
for (const team of teams) {
  const teamEpics = epics.filter((e) => e.team === team.key);
  const teamSprints = sprints.filter((s) => s.team === team.key);
  teamSprints.forEach((sprint, sprintIndex) => {
    if (sprint.state === 'FUTURE') return;
    const count = sprint.state === 'ACTIVE' ? 22 : 12;
    for (let n = 0; n < count; n++) {
      const key = `${team.key}-${++counters[team.key]}`;
      const type = pick(['Story', 'Story', 'Story', 'Task', 'Bug', 'Bug']);
      const r = random();
      const epic = r < 0.18 ? null : pick(teamEpics);
      const [status, category] =
        sprint.state === 'ACTIVE'
          ? pick(statuses)
          : random() < 0.9
            ? ['Done', 'Done']
            : ["Won't Do", 'Done'];
      const points = random() < 0.1 ? '' : String(pick([1, 2, 3, 3, 5, 5, 8, 13]));
      const labels = [random() < 0.15 ? 'tech-debt' : '', random() < 0.1 ? 'customer-request' : ''];
      const carried =
        sprint.state === 'ACTIVE' && random() < 0.2 ? teamSprints[sprintIndex - 1].name : '';
      const epicLink = epic && random() < 0.6 ? epic.key : '';
      const parent = epic && !epicLink ? epic.id : '';
      const title =
        n === 0 && sprintIndex === 4
          ? `${pick(verbs)} "${pick(things)}", then verify`
          : `${pick(verbs)} ${pick(things)}`;
      rows.push([
        title,
        key,
        String(++id),
        type,
        status,
        category,
        points,
        labels[0],
        labels[1],
        carried || sprint.name,
        carried ? sprint.name : '',
        epicLink,
        parent,
      ]);
      if (sprint.state === 'ACTIVE' && n % 7 === 0) {
        const subKey = `${team.key}-${++counters[team.key]}`;
        rows.push([
          `Sub-task of ${key}`,
          subKey,
          String(++id),
          'Sub-task',
          'In Progress',
          'In Progress',
          '2',
          '',
          '',
          sprint.name,
          '',
          '',
          String(id - 1),
        ]);
      }
    }
  });
}
writeFileSync(
  'demo/jira.csv',
  rows.map((row) => row.map((v) => quote(String(v))).join(',')).join('\n') + '\n',
);
console.log(
  `wrote demo/plan.yaml and demo/jira.csv (${rows.length - 1 - epics.length} tickets, ${epics.length} epics)`,
);
