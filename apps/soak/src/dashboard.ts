/**
 * What the leadership dashboard asks for (apps/dashboard/src/views): the overview, its key
 * results and tree, the trend, the gaps, the filter bar and the session. The soak's normal reads.
 */
export const DASHBOARD_READS: {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}[] = [
  {
    name: 'Overview (alignment)',
    query: `query Overview($scope: AlignmentScopeInput, $cycleKey: String) {
      alignment(scope: $scope) {
        totalEffort alignedEffort alignedShare ticketCount unestimatedTickets
        goals { effort share percent reach targetShare gap
          goal { id key title horizon progress(cycleKey: $cycleKey)
            kpis { id key title unit current healthyMin healthyMax healthy } } }
        unaligned { reason effort share percent ticketCount }
        horizons { horizon effort share targetShare }
        workTypes { workType effort share } } }`,
  },
  {
    name: 'Overview (by team, by count)',
    query: `query Overview($scope: AlignmentScopeInput) {
      alignment(scope: $scope) { alignedShare goals { percent goal { key } } unaligned { reason percent } } }`,
    variables: { scope: { teamKeys: ['PAY', 'PLAT'], measure: 'COUNT' } },
  },
  {
    name: 'ActiveCycle',
    query: 'query ActiveCycle { cycles(first: 1, state: ACTIVE) { nodes { key name } } }',
  },
  {
    name: 'KeyResults',
    query: `query KeyResults($cycleKey: String!) {
      objectives(cycleKey: $cycleKey, status: ACTIVE, first: 200) {
        nodes { id key title progress team { name }
          keyResults { id key title progress confidence current target unit } } } }`,
    variables: { cycleKey: 'Q4-26' },
  },
  {
    name: 'AlignmentTree',
    query: `query AlignmentTree($scope: AlignmentScopeInput) {
      vision { statement }
      alignmentTree(scope: $scope) { totalEffort nodes { id parentId kind key title reason effort } } }`,
  },
  {
    name: 'Trend',
    query: `query Trend($teamKeys: [String!], $last: Int!, $measure: Measure!) {
      alignmentTrend(teamKeys: $teamKeys, last: $last, measure: $measure) {
        live recomputed period { start end } sprint { key name startDate team { name } } sprints { key name }
        report { alignedShare totalEffort goals { share percent targetShare goal { key title } } } } }`,
    variables: { last: 6, measure: 'POINTS' },
  },
  {
    name: 'Gaps',
    query: `query Gaps($scope: AlignmentScopeInput) {
      gaps(scope: $scope) {
        unaligned { reason effort ticketCount tickets { id key title points team { name }
          initiativeLinks { initiative { id key title } } } }
        unsupportedKeyResults { id key title progress objective { key title } }
        idleInitiatives { id key title status team { name } }
        neglectedGoals { id key title targetShare }
        drift { share gap goal { key title } }
        busyNotMoving { key title progress }
        staleSources { source lastSyncedAt stale } } }`,
  },
  {
    name: 'FilterOptions',
    query: `query FilterOptions {
      teams(first: 200) { nodes { key name } }
      sprints(first: 200) { nodes { key name state team { key } } }
      cycles(first: 200) { nodes { key name state } } }`,
  },
  {
    name: 'Session',
    query: 'query Session { me { role user { id name email } } organization { id name } }',
  },
];
