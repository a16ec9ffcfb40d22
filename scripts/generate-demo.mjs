// Writes demo/plan.yaml and demo/jira.csv: the demo organization the server seeds on first start.
// Deterministic (seeded random numbers), so the committed files only change when this script does.
// Run: node scripts/generate-demo.mjs
//
// The plan file is the organization as it stands after seeding, in early December 2026: Q3-26
// closed, Q4-26 active (sprint 25 running), Q1-27 in draft with objectives carried forward from
// Q4-26 (`<key>@Q1-27`), new ones, and proposed initiatives of every team. What the format cannot
// say (check-in history, scores, the baselines, which objectives are carried copies) the seeder
// (libs/planning/src/demo) adds by replaying the quarter through the services.
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
// Sprints 18 to 26: three in Q3 (18 and 19 inside it, 20 across its end), the rest in Q4; 25 runs.
const sprintDates = [
  ['2026-08-24', '2026-09-06', 'CLOSED'],
  ['2026-09-07', '2026-09-20', 'CLOSED'],
  ['2026-09-21', '2026-10-04', 'CLOSED'],
  ['2026-10-05', '2026-10-18', 'CLOSED'],
  ['2026-10-19', '2026-11-01', 'CLOSED'],
  ['2026-11-02', '2026-11-15', 'CLOSED'],
  ['2026-11-16', '2026-11-29', 'CLOSED'],
  ['2026-11-30', '2026-12-13', 'ACTIVE'],
  ['2026-12-14', '2026-12-27', 'FUTURE'],
];
const FIRST_SPRINT = 18;
const sprints = teams.flatMap((t) =>
  sprintDates.map(([start, end, state], i) => ({
    key: `${t.key}-S${i + FIRST_SPRINT}`,
    team: t.key,
    name: `${t.name} Sprint ${i + FIRST_SPRINT}`,
    start,
    end,
    state,
  })),
);

// Dependencies of the draft: the EU checkout waits on the multi-currency ledger, which falls below
// Payments' cut line (at risk); mobile approvals wait on SSO, Q4-26 work still open (carried
// over, no risk); the mobile EU languages wait on the EU region, a MUST above its line.
const BLOCKED_BY = {
  'I-EU-CHECKOUT': ['I-MULTICURRENCY'],
  'I-MOB-APPROVE': ['I-SSO'],
  'I-MOB-EU': ['I-EU-REGION'],
};

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
    // Q3-26, closed: scored at its close (two by hand, with a note), with a baseline from the
    // initiatives planned for it.
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
        {
          key: 'C0-KR2',
          title: 'Reconciliation breaks per week',
          kind: 'NUMERIC',
          start: 40,
          target: 10,
          current: 22,
        },
      ],
    },
    {
      key: 'C0-PILOTS',
      cycle: 'Q3-26',
      title: 'Sign the first enterprise pilots',
      alignsTo: [{ goal: 'G-ENT' }],
      keyResults: [
        {
          key: 'C0-PILOTS-KR1',
          title: 'Enterprise pilots signed',
          kind: 'NUMERIC',
          start: 0,
          target: 5,
          current: 4,
        },
        {
          key: 'C0-PILOTS-KR2',
          title: 'SOC 2 Type I report issued',
          kind: 'BOOLEAN',
          start: 0,
          target: 1,
          current: 1,
        },
      ],
    },
    {
      key: 'GROW-O0',
      cycle: 'Q3-26',
      team: 'GROW',
      title: 'A sign-up that converts',
      alignsTo: [{ goal: 'G-SELF' }],
      keyResults: [
        {
          key: 'GROW-O0-KR1',
          title: 'Visitor to sign-up conversion',
          kind: 'PERCENT',
          start: 8,
          target: 12,
          current: 9,
        },
      ],
    },
    // Q1-27, the draft: new objectives beside the ones carried forward (added below).
    {
      key: 'C5',
      cycle: 'Q1-27',
      title: 'Open the EU market',
      alignsTo: [{ goal: 'G-EU', weight: 2 }, { goal: 'G-ENT' }],
      keyResults: [
        {
          key: 'C5-KR1',
          title: 'EU merchants live',
          kind: 'NUMERIC',
          start: 0,
          target: 150,
          current: 0,
        },
        {
          key: 'C5-KR2',
          title: 'EU payouts settled instantly',
          kind: 'PERCENT',
          start: 0,
          target: 60,
          current: 0,
        },
      ],
    },
    {
      key: 'PLAT-O2',
      cycle: 'Q1-27',
      team: 'PLAT',
      title: 'Deploys nobody notices',
      alignsTo: [{ goal: 'G-REL' }],
      keyResults: [
        {
          key: 'PLAT-O2-KR1',
          title: 'Deploys without downtime',
          kind: 'PERCENT',
          start: 70,
          target: 99,
          current: 70,
        },
      ],
    },
    {
      key: 'PAY-O2',
      cycle: 'Q1-27',
      team: 'PAY',
      title: 'Instant payouts across the EU',
      alignsTo: [{ keyResult: 'C5-KR2' }],
      keyResults: [
        {
          key: 'PAY-O2-KR1',
          title: 'Median EU payout time',
          kind: 'NUMERIC',
          unit: 'hours',
          start: 48,
          target: 1,
          current: 48,
        },
      ],
    },
    {
      key: 'GROW-O2',
      cycle: 'Q1-27',
      team: 'GROW',
      title: 'Upgrades without a sales call',
      alignsTo: [{ goal: 'G-SELF' }],
      keyResults: [
        {
          key: 'GROW-O2-KR1',
          title: 'Self-serve upgrades per month',
          kind: 'NUMERIC',
          start: 40,
          target: 120,
          current: 40,
        },
      ],
    },
    {
      key: 'MOB-O2',
      cycle: 'Q1-27',
      team: 'MOB',
      title: 'Approve and pay from the phone',
      alignsTo: [{ goal: 'G-ENT' }],
      keyResults: [
        {
          key: 'MOB-O2-KR1',
          title: 'Payments approved on mobile',
          kind: 'PERCENT',
          start: 5,
          target: 25,
          current: 5,
        },
      ],
    },
  ],
  initiatives: [
    // Q3-26: delivered (one dropped), their epics' tickets in sprints 18 to 20
    ...[
      ['I-LEDGER', 'PAY-190', 'Double-entry ledger rewrite', 'PAY', 'MUST', 40, 'C0-KR1'],
      ['I-RECON-RULES', 'PAY-191', 'Reconciliation rules engine', 'PAY', 'SHOULD', 21, 'C0-KR2'],
      ['I-STATUS', 'PLAT-090', 'Public status page', 'PLAT', 'SHOULD', 13, 'C0-KR1'],
      ['I-PILOT', 'PLAT-091', 'Enterprise pilot environments', 'PLAT', 'MUST', 30, 'C0-PILOTS-KR1'],
      ['I-SOC2', 'PLAT-092', 'SOC 2 controls', 'PLAT', 'MUST', 21, 'C0-PILOTS-KR2'],
      ['I-SIGNUP', 'GROW-290', 'One-page sign-up', 'GROW', 'MUST', 24, 'GROW-O0-KR1'],
      [
        'I-APPROVALS',
        'MOB-390',
        'Approvals for enterprise admins',
        'MOB',
        'SHOULD',
        20,
        'C0-PILOTS-KR1',
      ],
    ].map(([key, externalKey, title, team, priority, estimate, keyResult]) => ({
      key,
      externalKey,
      title,
      team,
      status: 'DONE',
      priority,
      estimate,
      cycle: 'Q3-26',
      supports: [{ keyResult }],
    })),
    {
      key: 'I-EU-STUDY',
      externalKey: 'PAY-192',
      title: 'EU licensing study',
      team: 'PAY',
      status: 'CANCELLED',
      priority: 'COULD',
      estimate: 8,
      cycle: 'Q3-26',
      supports: [{ objective: 'C0' }],
    },
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
    // Q1-27, proposed: every team, MoSCoW and estimates (one not estimated yet); Payments asks for
    // more than its capacity, and the EU checkout waits on work below Payments' cut line.
    ...[
      ['I-ZDD', 'Zero-downtime deploys', 'PLAT', 'MUST', 55, ['PLAT-O2-KR1']],
      ['I-EU-REGION', 'EU data region', 'PLAT', 'MUST', 70, ['C5-KR1']],
      ['I-BYOK', 'Customer-managed encryption keys', 'PLAT', 'SHOULD', 40, ['C1-KR1@Q1-27']],
      ['I-SEPA-INSTANT', 'SEPA Instant payouts', 'PAY', 'MUST', 60, ['PAY-O2-KR1', 'C5-KR2']],
      ['I-LOCAL-METHODS', 'Local EU payment methods', 'PAY', 'SHOULD', 55, ['C5-KR1']],
      ['I-DUNNING', 'Dunning for failed renewals', 'PAY', 'COULD', 30, ['C1-KR1@Q1-27']],
      ['I-MULTICURRENCY', 'Multi-currency ledger', 'PAY', 'COULD', 50, ['C5-KR1']],
      ['I-CRYPTO', 'Crypto payouts', 'PAY', 'WONT', 40, []],
      ['I-UPGRADE', 'Self-serve plan upgrades', 'GROW', 'MUST', 45, ['GROW-O2-KR1']],
      ['I-EU-CHECKOUT', 'Checkout in EU currencies', 'GROW', 'SHOULD', 35, ['C5-KR1']],
      ['I-PRICING', 'Pricing page experiments', 'GROW', 'COULD', null, ['GROW-O2-KR1']],
      ['I-MOB-APPROVE', 'Approve payments on mobile', 'MOB', 'MUST', 40, ['MOB-O2-KR1']],
      ['I-MOB-EU', 'Mobile app in five EU languages', 'MOB', 'SHOULD', 30, ['C5-KR1']],
      ['I-TAP-TO-PAY', 'Tap to pay on phones', 'MOB', 'COULD', 45, ['MOB-O2-KR1']],
    ].map(([key, title, team, priority, estimate, keyResults]) => ({
      key,
      title,
      team,
      status: 'PROPOSED',
      priority,
      ...(estimate === null ? {} : { estimate }),
      cycle: 'Q1-27',
      supports: keyResults.map((keyResult) => ({ keyResult })),
      ...(BLOCKED_BY[key] ? { blockedBy: BLOCKED_BY[key] } : {}),
    })),
  ],
};

// The objectives of Q4-26 that the planning session carried forward into Q1-27, as carryForward
// leaves them: a copy `<key>@Q1-27` of each with its key results and upward links, and the
// initiative links of the carried key results moved to the copies.
const CARRIED = ['C1', 'C4'];
const carried = (key) => `${key}@Q1-27`;
const carriedKeyResults = new Set();
for (const key of CARRIED) {
  const origin = plan.objectives.find((o) => o.key === key);
  for (const kr of origin.keyResults) carriedKeyResults.add(kr.key);
  plan.objectives.push({
    ...origin,
    key: carried(origin.key),
    cycle: 'Q1-27',
    keyResults: origin.keyResults.map((kr) => ({ ...kr, key: carried(kr.key) })),
  });
}
for (const initiative of plan.initiatives)
  for (const link of initiative.supports)
    if (carriedKeyResults.has(link.keyResult)) link.keyResult = carried(link.keyResult);

writeFileSync(
  'demo/plan.yaml',
  `# The demo organization's plan (generated by scripts/generate-demo.mjs).\n${stringify(plan, { lineWidth: 0 })}`,
);

// Tickets: a few hundred across the teams' sprints, as Jira exports them.
const epics = plan.initiatives
  .filter((x) => x.externalKey)
  .map((x, i) => ({
    key: x.externalKey,
    id: String(10000 + i),
    title: x.title,
    team: x.team,
    cycle: x.cycle,
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
  const teamSprints = sprints.filter((s) => s.team === team.key);
  // sprints inside Q3 work on Q3's epics, the one across its end on both quarters', later ones on
  // Q4's (and an early start on a proposed Q1 epic)
  const epicsFor = (sprint) =>
    epics.filter(
      (e) =>
        e.team === team.key &&
        (sprint.end < '2026-10-01'
          ? e.cycle === 'Q3-26'
          : sprint.start < '2026-10-01' || e.cycle !== 'Q3-26'),
    );
  teamSprints.forEach((sprint, sprintIndex) => {
    if (sprint.state === 'FUTURE') return;
    const teamEpics = epicsFor(sprint);
    const count = sprint.state === 'ACTIVE' ? 22 : sprint.end < '2026-10-01' ? 8 : 9;
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
        n === 0 && sprint.state === 'ACTIVE'
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
