import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Role } from '../../gql/graphql';
import { fakeLive, renderWithApi, type Responses } from '../../test/render';
import { PlanningView } from './PlanningView';

vi.mock('../../charts/GoalSharesChart', () => ({ default: () => <div>goal shares chart</div> }));
vi.mock('../../charts/HorizonChart', () => ({ default: () => <div>horizon chart</div> }));

const goal = (
  key: string,
  title: string,
  share: number,
  targetShare: number,
  atRisk: { effort: number; share: number; ids: string[] } = { effort: 0, share: 0, ids: [] },
) => ({
  __typename: 'ProjectedGoalAlignment',
  effort: share * 40,
  share,
  percent: Math.round(share * 1000) / 10,
  targetShare,
  gap: share - targetShare,
  atRiskEffort: atRisk.effort,
  atRiskShare: atRisk.share,
  atRiskDependencies: atRisk.ids.map((id) => ({ __typename: 'AtRiskDependency', id })),
  goal: { __typename: 'StrategicGoal', id: `g-${key}`, key, title },
});

// I-REFERRAL (GROW) waits on I-SLO (PLAT), which is below PLAT's cut line: 20 of the 20 points
// Reliability gets at 0.5 of 40 sit behind it.
const atRiskEdge = {
  __typename: 'AtRiskDependency',
  id: 'd-1',
  reason: 'BELOW_CUT_LINE',
  initiative: { __typename: 'Initiative', id: 'i-I-REFERRAL', key: 'I-REFERRAL' },
  blockedBy: { __typename: 'Initiative', id: 'i-I-SLO', key: 'I-SLO' },
};

const projected = (relShare: number) => ({
  __typename: 'ProjectedAlignment',
  totalEffort: 40,
  alignedShare: 1,
  atRiskEffort: relShare * 40,
  atRiskShare: relShare,
  atRiskDependencies: [atRiskEdge],
  goals: [
    goal('G-REL', 'Reliability', relShare, 0.3, { effort: relShare * 40, share: 1, ids: ['d-1'] }),
    goal('G-SELF', 'Self-serve', 1 - relShare, 0.2),
  ],
  horizons: [{ __typename: 'HorizonAlignment', horizon: 'CORE', share: 1, targetShare: 0.7 }],
  unaligned: [],
  unestimatedInitiatives: [],
});

const cycles = {
  cycles: {
    __typename: 'CyclePage',
    nodes: [
      ['Q4-26', 'ACTIVE'],
      ['Q1-27', 'DRAFT'],
      ['Q3-26', 'CLOSED'],
    ].map(([key, state]) => ({
      __typename: 'Cycle',
      id: `c-${key}`,
      key,
      name: `Cycle ${key}`,
      state,
      startDate: '2027-01-01',
      endDate: '2027-03-31',
    })),
  },
};

const blockers: Record<string, unknown[]> = {
  'I-REFERRAL': [
    {
      __typename: 'InitiativeDependency',
      id: 'd-1',
      note: 'needs the SLO dashboards',
      blockedBy: {
        __typename: 'Initiative',
        id: 'i-I-SLO',
        key: 'I-SLO',
        title: 'Initiative I-SLO',
        team: { __typename: 'Team', id: 't-PLAT', key: 'PLAT' },
      },
    },
  ],
};

const initiative = (key: string, team: string | null, estimate: number | null) => ({
  __typename: 'Initiative',
  id: `i-${key}`,
  key,
  title: `Initiative ${key}`,
  estimate,
  priority: 'MUST',
  version: 1,
  status: 'PROPOSED',
  team: team ? { __typename: 'Team', id: `t-${team}`, key: team, name: `Team ${team}` } : null,
  supports: [
    {
      __typename: 'InitiativeLink',
      id: `l-${key}`,
      weight: 1,
      keyResult: { __typename: 'KeyResult', id: 'kr-1', key: 'C2-KR1@Q1-27' },
      objective: null,
    },
  ],
  blockedBy: blockers[key] ?? [],
});

const session = (state: string, relShare = 0.5) => ({
  planningSession: {
    __typename: 'PlanningSession',
    cycle: {
      __typename: 'Cycle',
      id: 'c-Q1-27',
      key: 'Q1-27',
      name: 'Q1 2027',
      state,
      startDate: '2027-01-01',
      endDate: '2027-03-31',
      objectives: {
        __typename: 'ObjectivePage',
        nodes: [
          {
            __typename: 'Objective',
            id: 'o-1',
            key: 'C2@Q1-27',
            title: 'Reliable platform',
            progress: 0,
            origin: { __typename: 'Objective', id: 'o-0', key: 'C2' },
            team: null,
            keyResults: [
              {
                __typename: 'KeyResult',
                id: 'kr-1',
                key: 'C2-KR1@Q1-27',
                title: 'Uptime 99.95%',
                progress: 0.2,
              },
            ],
          },
        ],
      },
      initiatives: {
        __typename: 'InitiativePage',
        nodes: [initiative('I-REFERRAL', 'GROW', 20), initiative('I-SLO', 'PLAT', null)],
      },
    },
    projected: projected(relShare),
    capacity: [
      {
        __typename: 'TeamCapacity',
        capacity: 48,
        capacityPerSprint: 8,
        demand: 60,
        overCommitted: true,
        sprints: 2,
        // 2 dated sprints + 4 expected by cadence: 8 x 6 = 48
        sprintEquivalents: 6,
        expectedSprints: 4,
        team: { __typename: 'Team', id: 't-GROW', key: 'GROW', name: 'Growth' },
        lines: [
          {
            __typename: 'DemandLine',
            aboveCut: true,
            cumulative: 40,
            demand: 40,
            priority: 'MUST',
            initiative: { __typename: 'Initiative', id: 'i-A', key: 'I-A', title: 'A' },
          },
          {
            __typename: 'DemandLine',
            aboveCut: false,
            cumulative: 60,
            demand: 20,
            priority: 'COULD',
            initiative: {
              __typename: 'Initiative',
              id: 'i-I-REFERRAL',
              key: 'I-REFERRAL',
              title: 'Referral',
            },
          },
        ],
      },
    ],
  },
});

const planVsActual = {
  planVsActual: {
    __typename: 'PlanVsActual',
    baseline: {
      __typename: 'CycleBaseline',
      id: 'b1',
      createdAt: '2026-11-22T01:00:00.000Z',
      plannedEffort: 40,
      objectiveCount: 1,
      keyResultCount: 1,
      initiativeCount: 2,
    },
    goals: [
      {
        __typename: 'GoalPlanVsActual',
        plannedShare: 0.5,
        actualShare: 0.25,
        drift: -0.25,
        goal: { __typename: 'StrategicGoal', id: 'g-G-REL', key: 'G-REL', title: 'Reliability' },
      },
    ],
    scopeChangeCount: 1,
    scopeChanges: [
      {
        __typename: 'ScopeChange',
        id: 's1',
        entity: 'INITIATIVE',
        entityKey: 'I-SLO',
        operation: 'UPDATE',
        changedAt: '2026-11-22T01:05:00.000Z',
        changedBy: 'u1',
      },
    ],
  },
};

// what the authoring card (EDITOR and above) reads: the cycle's plan with versions, and the choices
const authoring = (objectiveKeys: string[]) => ({
  cycle: {
    __typename: 'Cycle',
    id: 'c-Q1-27',
    key: 'Q1-27',
    state: 'DRAFT',
    startDate: '2027-01-01',
    objectives: {
      __typename: 'ObjectivePage',
      nodes: objectiveKeys.map((key) => ({
        __typename: 'Objective',
        id: `o-${key}`,
        key,
        title: `Objective ${key}`,
        status: 'ACTIVE',
        version: 1,
        keyResults: [],
      })),
    },
    initiatives: { __typename: 'InitiativePage', nodes: [] },
  },
});

const choices = {
  teams: {
    __typename: 'TeamPage',
    nodes: [{ __typename: 'Team', id: 't-PLAT', key: 'PLAT', name: 'Platform' }],
  },
  strategicGoals: {
    __typename: 'StrategicGoalPage',
    nodes: [{ __typename: 'StrategicGoal', id: 'g-G-REL', key: 'G-REL', title: 'Reliability' }],
  },
  cycles: {
    __typename: 'CyclePage',
    nodes: cycles.cycles.nodes.map((c) => ({
      __typename: 'Cycle',
      id: c.id,
      key: c.key,
      name: c.name,
      state: c.state,
      startDate: c.key === 'Q1-27' ? '2027-01-01' : '2026-10-01',
    })),
  },
};

function renderPlanning(role: Role, responses: Partial<Responses> = {}, route = '/planning') {
  const live = fakeLive();
  const utils = renderWithApi(<PlanningView />, {
    role,
    route,
    path: '/planning',
    live: live.transport,
    responses: {
      PlanningCycles: cycles,
      PlanningSession: session('DRAFT'),
      PlanVsActual: planVsActual,
      PlanAuthoring: authoring(['C2@Q1-27']),
      AuthoringChoices: choices,
      CarryCandidates: { objectives: { __typename: 'ObjectivePage', nodes: [] } },
      ...responses,
    } as Responses,
  });
  return { ...utils, live };
}

describe('PlanningView', () => {
  it('opens the DRAFT cycle: plan by team, capacity with the cut line, the projection', async () => {
    const { calls } = renderPlanning('VIEWER');
    expect(await screen.findByText('Reliable platform')).toBeTruthy();
    expect(calls.find((c) => c.operationName === 'PlanningSession')?.variables).toEqual({
      cycleKey: 'Q1-27',
    });
    expect(screen.getByText(/carried from C2/)).toBeTruthy();
    expect(screen.getByText('Uptime 99.95%')).toBeTruthy();
    expect(
      within(screen.getByTestId('plan-team-GROW')).getByText(/Initiative I-REFERRAL/),
    ).toBeTruthy();
    expect(within(screen.getByTestId('plan-team-PLAT')).getByText(/unestimated/)).toBeTruthy();
    const grow = screen.getByTestId('capacity-GROW');
    expect(grow.textContent).toContain(
      'demand 60 of capacity 48 points (8 x 6 sprints, 4 of them expected by cadence)',
    );
    expect(within(grow).getByText('over-committed')).toBeTruthy();
    expect(within(grow).getByText(/below the cut line/).textContent).toContain('cumulative 60');
    expect(screen.getByTestId('projected-percent-G-REL').textContent).toBe('50.0%');
    expect(await screen.findByText('horizon chart')).toBeTruthy();
    // a VIEWER neither edits nor locks, nor authors
    expect(screen.queryByRole('button', { name: /Lock/ })).toBeNull();
    expect(screen.queryAllByRole('form')).toHaveLength(0);
    expect(screen.queryByRole('heading', { name: 'Edit the plan' })).toBeNull();
    expect(calls.some((c) => c.operationName === 'PlanAuthoring')).toBe(false);
  });

  it('moves the projection when the API pushes a new one, and refetches on a plan change', async () => {
    const { calls, live } = renderPlanning('VIEWER');
    await screen.findByTestId('projected-percent-G-REL');
    await waitFor(() => expect(live.subscribed('ProjectedChanged')).toBe(1));
    act(() => live.push('ProjectedChanged', { projectedAlignmentChanged: projected(0.75) }));
    await waitFor(() =>
      expect(screen.getByTestId('projected-percent-G-REL').textContent).toBe('75.0%'),
    );
    expect(screen.getByTestId('projected-percent-G-SELF').textContent).toBe('25.0%');
    const before = calls.filter((c) => c.operationName === 'PlanningSession').length;
    act(() =>
      live.push('PlanChanged', {
        planChanged: {
          __typename: 'PlanChange',
          cycleKey: 'Q1-27',
          at: '2026-11-22T01:00:00Z',
          changedBy: 'u2',
        },
      }),
    );
    await waitFor(() =>
      expect(calls.filter((c) => c.operationName === 'PlanningSession').length).toBe(before + 1),
    );
  });

  it("lets an EDITOR change an initiative's estimate and priority, then lock the cycle", async () => {
    let state = 'DRAFT';
    const { calls } = renderPlanning('EDITOR', {
      PlanningSession: () => session(state),
      UpdatePlannedInitiative: (v) => ({
        updateInitiative: {
          __typename: 'Initiative',
          id: 'i-I-REFERRAL',
          estimate: (v.input as { estimate: number }).estimate,
          priority: (v.input as { priority: string }).priority,
          version: 2,
        },
      }),
      LockCycle: () => {
        state = 'ACTIVE';
        return {
          lockCycle: {
            __typename: 'CycleBaseline',
            id: 'b1',
            createdAt: '2026-11-22T01:00:00.000Z',
            cycle: { __typename: 'Cycle', id: 'c-Q1-27', key: 'Q1-27', state: 'ACTIVE' },
          },
        };
      },
    });
    const form = await screen.findByRole('form', { name: 'Edit I-REFERRAL' });
    fireEvent.change(within(form).getByLabelText('Estimate'), { target: { value: '8' } });
    fireEvent.change(within(form).getByLabelText('Priority'), { target: { value: 'SHOULD' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(calls.find((c) => c.operationName === 'UpdatePlannedInitiative')?.variables).toEqual({
        input: { id: 'i-I-REFERRAL', estimate: 8, priority: 'SHOULD', expectedVersion: 1 },
      }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Lock Q1-27' }));
    expect(await screen.findByRole('heading', { name: 'Plan vs actual' })).toBeTruthy();
    expect(calls.find((c) => c.operationName === 'LockCycle')?.variables).toEqual({
      cycleKey: 'Q1-27',
    });
    expect(screen.getByTestId('planned-G-REL').textContent).toBe('50%');
    expect(screen.getByTestId('actual-G-REL').textContent).toBe('25%');
    expect(screen.getByTestId('scope-changes').textContent).toContain('I-SLO');
  });

  it('shows a locked cycle as plan vs actual and downloads its plan file', async () => {
    const created: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      created.push(blob);
      return 'blob:plan';
    });
    URL.revokeObjectURL = vi.fn();
    const click = vi
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => undefined);
    const { calls } = renderPlanning(
      'VIEWER',
      {
        PlanningSession: session('ACTIVE'),
        ExportPlan: { exportPlan: 'cycles:\n  - key: Q1-27\n' },
      },
      '/planning?cycle=Q1-27',
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Download the locked plan (YAML)' }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(await created[0]?.text()).toBe('cycles:\n  - key: Q1-27\n');
    expect(calls.find((c) => c.operationName === 'ExportPlan')?.variables).toEqual({
      cycleKey: 'Q1-27',
    });
  });

  it("downloads the cycle's CSV and PDF with the session's token", async () => {
    const fetch = vi.fn(async () => new Response('x', { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    URL.createObjectURL = vi.fn(() => 'blob:export');
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    renderPlanning('VIEWER', {}, '/planning?cycle=Q1-27');
    fireEvent.click(await screen.findByRole('button', { name: 'Download CSV' }));
    await waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    // the buttons wait while one download runs
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Download PDF' })).toHaveProperty(
        'disabled',
        false,
      ),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Download PDF' }));
    await waitFor(() => expect(fetch).toHaveBeenCalledTimes(2));
    const auth = { headers: { authorization: 'Bearer test-token' } };
    expect(fetch.mock.calls).toEqual([
      ['/exports/planning.csv?cycle=Q1-27', auth],
      ['/exports/summary.pdf?cycle=Q1-27', auth],
    ]);
    vi.unstubAllGlobals();
  });

  it("shows the API's refusal of an edit", async () => {
    renderPlanning('EDITOR', {
      UpdatePlannedInitiative: {
        errors: [{ message: 'estimate must be >= 0', extensions: { code: 'BAD_USER_INPUT' } }],
      },
    });
    const form = await screen.findByRole('form', { name: 'Edit I-SLO' });
    fireEvent.change(within(form).getByLabelText('Estimate'), { target: { value: '3' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('estimate must be >= 0');
  });

  it("shows what blocks each initiative with its risk, and each goal's share behind at-risk dependencies", async () => {
    renderPlanning('VIEWER');
    const deps = await screen.findByTestId('dependencies-I-REFERRAL');
    expect(deps.textContent).toContain('blocked by I-SLO (team PLAT) · needs the SLO dashboards');
    expect(within(deps).getByText('at risk: blocker below its cut line')).toBeTruthy();
    expect(screen.getByTestId('projected-at-risk-G-REL').textContent).toBe(
      '100% (20 points; I-REFERRAL ← I-SLO)',
    );
    expect(screen.getByTestId('projected-at-risk-G-SELF').textContent).toBe('0%');
    expect(screen.getByTestId('projected-at-risk').textContent).toBe(
      '20 points (50%) wait on at-risk dependencies.',
    );
    // a VIEWER neither adds nor removes
    expect(screen.queryByRole('button', { name: /Remove/ })).toBeNull();
    expect(screen.queryByRole('form', { name: /Add a blocker/ })).toBeNull();
  });

  it('lets an EDITOR add a blocker by key and remove one in place, and shows a refused cycle', async () => {
    const { calls } = renderPlanning('EDITOR', {
      InitiativeIdByKey: (v) => ({
        initiative: { __typename: 'Initiative', id: `i-${v.key as string}`, key: v.key },
      }),
      AddDependency: (v) =>
        (v.input as { blockedById: string }).blockedById === 'i-I-REFERRAL'
          ? {
              errors: [
                {
                  message:
                    'input.blockedById: would close the dependency cycle I-SLO -> I-REFERRAL -> I-SLO (each would wait on the other)',
                  extensions: { code: 'BAD_USER_INPUT' },
                },
              ],
            }
          : { addInitiativeDependency: { __typename: 'InitiativeDependency', id: 'd-2' } },
      RemoveDependency: { removeInitiativeDependency: true },
    });
    const form = await screen.findByRole('form', { name: 'Add a blocker to I-REFERRAL' });
    fireEvent.change(within(form).getByLabelText('Blocked by (key)'), {
      target: { value: 'I-A' },
    });
    fireEvent.change(within(form).getByLabelText('Note'), { target: { value: 'API first' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add' }));
    await waitFor(() =>
      expect(calls.find((c) => c.operationName === 'AddDependency')?.variables).toEqual({
        input: { initiativeId: 'i-I-REFERRAL', blockedById: 'i-I-A', note: 'API first' },
      }),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Remove I-REFERRAL blocked by I-SLO' }));
    await waitFor(() =>
      expect(calls.find((c) => c.operationName === 'RemoveDependency')?.variables).toEqual({
        id: 'd-1',
      }),
    );

    const slo = screen.getByRole('form', { name: 'Add a blocker to I-SLO' });
    fireEvent.change(within(slo).getByLabelText('Blocked by (key)'), {
      target: { value: 'I-REFERRAL' },
    });
    fireEvent.click(within(slo).getByRole('button', { name: 'Add' }));
    expect(
      (await within(screen.getByTestId('dependencies-I-SLO')).findByRole('alert')).textContent,
    ).toContain('I-SLO -> I-REFERRAL -> I-SLO');
  });

  it("lets an EDITOR draft an objective in the session; another member's change arrives live", async () => {
    let objectives = ['C2@Q1-27'];
    const { calls, live } = renderPlanning('EDITOR', {
      PlanAuthoring: () => authoring(objectives),
      GoalIdByKey: { strategicGoal: { __typename: 'StrategicGoal', id: 'g-G-REL', key: 'G-REL' } },
      CreateObjective: (v) => {
        objectives = [...objectives, (v.input as { key: string }).key];
        return {
          createObjective: {
            __typename: 'Objective',
            id: 'o-new',
            key: (v.input as { key: string }).key,
            title: 'Fewer pages',
            description: '',
            status: 'ACTIVE',
            version: 1,
            team: null,
          },
        };
      },
      LinkObjective: {
        linkObjective: { __typename: 'ObjectiveLink', id: 'l-1', weight: 1, version: 1 },
      },
    });
    const form = await screen.findByRole('form', { name: 'New objective' });
    // the standing form leaves the focus where it is
    expect(document.activeElement).toBe(document.body);
    fireEvent.change(within(form).getByLabelText('Objective key'), { target: { value: 'O-NEW' } });
    fireEvent.change(within(form).getByLabelText('Objective title'), {
      target: { value: 'Fewer pages' },
    });
    fireEvent.click(within(form).getByRole('button', { name: /Add link/ }));
    fireEvent.change(within(form).getByLabelText('Aligns to 1 target'), {
      target: { value: 'G-REL' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Create objective' }));
    await within(form).findByRole('status');
    expect(calls.find((c) => c.operationName === 'CreateObjective')?.variables).toEqual({
      input: { cycleId: 'c-Q1-27', key: 'O-NEW', title: 'Fewer pages', description: '' },
    });
    expect(screen.getByTestId('undo-what').textContent).toBe('Undo: create objective O-NEW');
    // the list shows the new objective with its controls
    expect(
      await within(await screen.findByTestId('authoring-objectives')).findByRole('button', {
        name: 'Edit O-NEW',
      }),
    ).toBeTruthy();

    // someone else's change: the API's plan event reads the authoring lists again
    objectives = [...objectives, 'O-THEIRS'];
    await waitFor(() => expect(live.subscribed('PlanChanged')).toBe(1));
    act(() =>
      live.push('PlanChanged', {
        planChanged: {
          __typename: 'PlanChange',
          cycleKey: 'Q1-27',
          at: '2027-01-02T00:00:00Z',
          changedBy: 'u2',
        },
      }),
    );
    expect(await screen.findByRole('button', { name: 'Edit O-THEIRS' })).toBeTruthy();
  });
});
