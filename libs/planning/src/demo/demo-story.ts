/**
 * The story the demo organization tells beyond its plan file (demo/plan.yaml): which quarter was
 * closed and how it was scored, which key results were checked in late, what people wrote. The
 * seeder replays it through the services; the numbers come out of the product.
 */
export const DEMO_STORY = {
  /** closed with its scores; loaded first as ACTIVE so that it gets its baseline */
  closedCycle: 'Q3-26',
  /** locked after the closed one, checked in every week since */
  activeCycle: 'Q4-26',
  /** scored by hand before the close (the others at their final progress) */
  scores: {
    'C0-PILOTS-KR1': {
      score: 0.9,
      note: 'The fifth pilot signed on 2 October, two days after the quarter: counted as nearly done.',
    },
    'GROW-O0-KR1': {
      score: 0.4,
      note: 'The one-page sign-up shipped in the last sprint; conversion was still climbing at the close.',
    },
  } as Record<string, { score: number; note: string }>,
  /**
   * Days since the last check-in, for the key results of the active cycle whose owners are late
   * (the organization checks in every 7 days: these show as overdue). Every other one was checked
   * in within the last few days.
   */
  lateCheckIns: { 'MOB-O1-KR1': 12, 'PLAT-O1-KR2': 10 } as Record<string, number>,
  /** what the latest check-in says */
  latestNotes: {
    'C1-KR1': 'Two expansions closed this week; the largest deal slipped to January.',
    'C1-KR2': 'SSO in beta with three customers; SCIM still open.',
    'C2-KR1': 'Smart retries live for cards; wallets next.',
    'C3-KR1': 'The setup wizard lifts activation in the test group.',
    'C4-KR1': 'Second design partner in legal review.',
    'PLAT-O1-KR2': 'Two long incidents this month: runbooks come first.',
    'GROW-O1-KR2': 'More tickets while the old setup flow is still live for half of the accounts.',
    'MOB-O1-KR1': 'Push notifications shipped; adoption still flat.',
    'C0-KR1': 'Two incidents in September, both before the ledger cut-over.',
    'C0-PILOTS-KR2': 'The auditor issued the report.',
  } as Record<string, string>,
  /** KPI readings over the weeks up to now, oldest first (the last one is the plan file's value) */
  kpiWeeks: 12,
  kpiNotes: {
    'K-P95': 'Latency up since the new fraud checks; a fix is in review.',
  } as Record<string, string>,
  /** the draft cycle, carried forward into and planned in the room */
  draftCycle: 'Q1-27',
  /**
   * The room's two what-ifs of the draft: each changes estimates, priorities, team capacities or
   * which initiatives are in (keys; the seeder finds the ids).
   */
  scenarios: [
    {
      name: 'EU first',
      initiatives: [
        // the blocker of I-EU-CHECKOUT moves above Payments' cut line: the at-risk dependency clears
        { key: 'I-MULTICURRENCY', priority: 'MUST' },
        { key: 'I-DUNNING', included: false },
        { key: 'I-EU-REGION', estimate: 60 },
      ],
      teams: [{ key: 'PAY', capacityPerSprint: 32 }],
    },
    {
      name: 'Lean quarter',
      initiatives: [
        { key: 'I-CRYPTO', included: false },
        { key: 'I-TAP-TO-PAY', included: false },
        { key: 'I-BYOK', priority: 'COULD' },
        { key: 'I-ZDD', estimate: 45 },
      ],
      teams: [],
    },
  ] as DemoScenario[],
};

/** One of the room's what-ifs of the draft, by key. */
export interface DemoScenario {
  name: string;
  initiatives: {
    key: string;
    included?: boolean;
    estimate?: number;
    priority?: 'MUST' | 'SHOULD' | 'COULD' | 'WONT';
  }[];
  teams: { key: string; capacityPerSprint: number }[];
}
