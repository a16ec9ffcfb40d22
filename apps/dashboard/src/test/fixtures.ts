// API answers shaped as the schema says, with numbers chosen so a test can tell them apart.
export const goal = (key: string, title: string, extra: Record<string, unknown> = {}) => ({
  __typename: 'StrategicGoal',
  id: `id-${key}`,
  key,
  title,
  horizon: 'CORE',
  progress: 0.5,
  kpis: [],
  ...extra,
});

export const overviewAnswer = {
  alignment: {
    __typename: 'AlignmentReport',
    totalEffort: 100,
    alignedEffort: 60,
    alignedShare: 0.6,
    ticketCount: 20,
    unestimatedTickets: 2,
    goals: [
      {
        __typename: 'GoalAlignment',
        effort: 42,
        share: 0.4237,
        percent: 42.4,
        reach: 0.5,
        targetShare: 0.35,
        gap: 0.0737,
        goal: goal('G-ENT', 'Win the enterprise market', {
          kpis: [
            {
              __typename: 'Kpi',
              id: 'k1',
              key: 'K-NRR',
              title: 'Net revenue retention',
              unit: '%',
              current: 104,
              healthyMin: 110,
              healthyMax: null,
              healthy: false,
            },
          ],
        }),
      },
      {
        __typename: 'GoalAlignment',
        effort: 17.6,
        share: 0.1763,
        percent: 17.6,
        reach: 0.1763,
        targetShare: 0.3,
        gap: -0.1237,
        goal: goal('G-REL', 'Be reliable', { progress: null }),
      },
    ],
    unaligned: [
      {
        __typename: 'UnalignedBucket',
        reason: 'NO_INITIATIVE',
        effort: 40,
        share: 0.4,
        percent: 40,
        ticketCount: 9,
      },
    ],
    horizons: [
      { __typename: 'HorizonAlignment', horizon: 'CORE', effort: 60, share: 0.6, targetShare: 0.7 },
      {
        __typename: 'HorizonAlignment',
        horizon: 'UNALIGNED',
        effort: 40,
        share: 0.4,
        targetShare: null,
      },
    ],
    workTypes: [{ __typename: 'WorkTypeAlignment', workType: 'BUG', effort: 10, share: 0.1 }],
  },
};

export const keyResultsAnswer = {
  objectives: {
    __typename: 'ObjectivePage',
    nodes: [
      {
        __typename: 'Objective',
        id: 'o1',
        key: 'C1',
        title: 'Land enterprise customers',
        progress: 0.25,
        status: 'ACTIVE',
        version: 1,
        team: null,
        keyResults: [
          {
            __typename: 'KeyResult',
            id: 'kr1',
            key: 'C1-KR1',
            title: 'Enterprise ARR',
            version: 1,
            progress: 0.417,
            confidence: 'AT_RISK',
            current: 4950,
            target: 6000,
            unit: 'EUR k',
          },
        ],
      },
    ],
  },
};

export const treeAnswers = {
  ActiveCycle: {
    cycles: {
      __typename: 'CyclePage',
      nodes: [{ __typename: 'Cycle', key: 'Q4-26', name: 'Q4 2026' }],
    },
  },
  KeyResults: keyResultsAnswer,
  AlignmentTree: {
    vision: { __typename: 'Vision', statement: 'Every hour moves an outcome' },
    alignmentTree: {
      __typename: 'AlignmentTree',
      totalEffort: 100,
      nodes: [
        treeNode('g1', null, 'GOAL', 'G-ENT', 'Win the enterprise market', 60),
        treeNode('g1/o1', 'g1', 'OBJECTIVE', 'O-SSO', 'Ship single sign-on', 60),
        treeNode('g1/o1/kr1', 'g1/o1', 'KEY_RESULT', 'KR-SSO', 'Ten SSO customers', 45),
        // the same initiative on two routes to the goal: once per route, with the effort along it
        treeNode('g1/o1/kr1/i1', 'g1/o1/kr1', 'INITIATIVE', 'I-SAML', 'SAML login', 30),
        treeNode('g1/o1/kr1/i2', 'g1/o1/kr1', 'INITIATIVE', 'I-SCIM', 'SCIM sync', 15),
        treeNode('g1/o1/i1', 'g1/o1', 'INITIATIVE', 'I-SAML', 'SAML login', 15),
        treeNode('g2', null, 'GOAL', 'G-REL', 'Be reliable', 0),
        treeNode('u:NO_INITIATIVE', null, 'UNALIGNED', '', 'no initiative', 40, 'NO_INITIATIVE'),
      ],
    },
  },
};

function treeNode(
  id: string,
  parentId: string | null,
  kind: string,
  key: string,
  title: string,
  effort: number,
  reason: string | null = null,
) {
  return { __typename: 'AlignmentTreeNode', id, parentId, kind, key, title, reason, effort };
}
