import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithApi, type Responses } from '../../../test/render';
import { ScenariosSection } from './ScenariosSection';

const scenario = (version = 2) => ({
  __typename: 'Scenario',
  id: 's-lean',
  name: 'Lean',
  version,
  promotedAt: null,
  initiatives: [
    ['I1', true, 8, 'MUST'],
    ['I3', false, 6, 'COULD'],
  ].map(([key, included, estimate, priority]) => ({
    __typename: 'ScenarioInitiative',
    included,
    estimate,
    priority,
    initiative: { __typename: 'Initiative', id: `i-${key}`, key, title: `Initiative ${key}` },
  })),
  teams: [
    {
      __typename: 'ScenarioTeam',
      capacityPerSprint: 2,
      team: { __typename: 'Team', id: 't-A', key: 'A', name: 'Team A' },
    },
  ],
  links: [
    {
      __typename: 'ScenarioLink',
      linkId: 'l-1',
      weight: 1,
      keyResultId: 'kr-K2',
      objectiveId: null,
      initiative: { __typename: 'Initiative', id: 'i-I1', key: 'I1' },
      keyResult: { __typename: 'KeyResult', id: 'kr-K2', key: 'K2' },
      objective: null,
    },
  ],
});

const column = (label: string, g1: number, delta: number, demand: number, cut: boolean) => ({
  __typename: 'ScenarioColumn',
  label,
  plannedEffort: demand,
  shareDeltas: [delta, -delta],
  horizonDeltas: [delta],
  scenario: label === 'plan' ? null : { __typename: 'Scenario', id: 's-lean' },
  unestimatedInitiatives: [],
  projected: {
    __typename: 'ProjectedAlignment',
    goals: [
      ['G1', g1],
      ['G2', 1 - g1],
    ].map(([key, share]) => ({
      __typename: 'ProjectedGoalAlignment',
      share,
      targetShare: 0.5,
      gap: (share as number) - 0.5,
      goal: { __typename: 'StrategicGoal', id: `g-${key}`, key, title: `Goal ${key}` },
    })),
    horizons: [{ __typename: 'HorizonAlignment', horizon: 'CORE', share: g1, targetShare: 0.7 }],
  },
  capacity: [
    {
      __typename: 'TeamCapacity',
      capacity: 13,
      demand,
      overCommitted: cut,
      team: { __typename: 'Team', id: 't-A', key: 'A', name: 'Team A' },
      lines: [
        {
          __typename: 'DemandLine',
          aboveCut: !cut,
          initiative: { __typename: 'Initiative', id: 'i-I1', key: 'I1' },
        },
      ],
    },
  ],
});

const responses = (extra: Responses = {}): Responses => ({
  PlanningScenarios: { scenarios: [scenario()] },
  UpdateScenario: { updateScenario: scenario(3) },
  CompareScenarios: {
    compareScenarios: {
      __typename: 'ScenarioComparison',
      columns: [column('plan', 0.5, 0, 12, false), column('Lean', 0.8, 0.3, 16, true)],
    },
  },
  PromoteScenario: {
    promoteScenario: {
      __typename: 'PlanningSession',
      cycle: { __typename: 'Cycle', id: 'c-Q2', key: 'Q2' },
    },
  },
  ...extra,
});

const render = (extra: Responses = {}, canEdit = true, onPromoted: () => void = () => undefined) =>
  renderWithApi(<ScenariosSection cycleKey="Q2" canEdit={canEdit} onPromoted={onPromoted} />, {
    responses: responses(extra),
    role: canEdit ? 'EDITOR' : 'VIEWER',
  });

describe('ScenariosSection', () => {
  it('saves an estimate on Enter and a priority on change, naming the version read', async () => {
    const { calls } = render();
    const estimate = await screen.findByLabelText('Estimate of I1 in scenario Lean');
    fireEvent.change(estimate, { target: { value: '12' } });
    fireEvent.submit(estimate.closest('form')!);
    await waitFor(() => expect(calls.some((c) => c.operationName === 'UpdateScenario')).toBe(true));
    expect(calls.find((c) => c.operationName === 'UpdateScenario')!.variables).toEqual({
      input: {
        id: 's-lean',
        expectedVersion: 2,
        initiatives: [{ initiativeId: 'i-I1', estimate: 12 }],
      },
    });
    fireEvent.change(screen.getByLabelText('Priority of I1 in scenario Lean'), {
      target: { value: 'COULD' },
    });
    await waitFor(() =>
      expect(calls.filter((c) => c.operationName === 'UpdateScenario')).toHaveLength(2),
    );
    expect(
      calls.filter((c) => c.operationName === 'UpdateScenario')[1].variables.input,
    ).toMatchObject({ initiatives: [{ initiativeId: 'i-I1', priority: 'COULD' }] });
  });

  it("shows the API's refusal at the field, and a CONFLICT with a reload", async () => {
    let answer: 'field' | 'conflict' = 'field';
    render({
      UpdateScenario: () =>
        answer === 'field'
          ? {
              errors: [
                {
                  message: 'input.teams.0.capacityPerSprint: must be at most 100,000',
                  extensions: {
                    code: 'BAD_USER_INPUT',
                    fields: [
                      {
                        field: 'input.teams.0.capacityPerSprint',
                        message: 'must be at most 100,000',
                      },
                    ],
                  },
                },
              ],
            }
          : {
              errors: [
                {
                  message: 'scenario "Lean" was changed by someone else: reload and try again',
                  extensions: { code: 'CONFLICT' },
                },
              ],
            },
    });
    const capacity = await screen.findByLabelText('Capacity per sprint of team A in scenario Lean');
    fireEvent.change(capacity, { target: { value: '200000' } });
    fireEvent.submit(capacity.closest('form')!);
    expect((await screen.findByText('must be at most 100,000')).getAttribute('role')).toBe('alert');
    expect(capacity.getAttribute('aria-invalid')).toBe('true');

    answer = 'conflict';
    fireEvent.click(screen.getByLabelText('Include I3 in scenario Lean'));
    expect(await screen.findByText(/was changed by someone else/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Reload Lean' }));
    await waitFor(() => expect(screen.queryByText(/was changed by someone else/)).toBeNull());
  });

  it('compares the plan and a scenario side by side, with the difference from the plan', async () => {
    const { calls } = render();
    fireEvent.click(await screen.findByLabelText('Compare Lean'));
    const table = await screen.findByRole('table', { name: 'Scenario comparison' });
    expect(calls.find((c) => c.operationName === 'CompareScenarios')!.variables).toEqual({
      cycleKey: 'Q2',
      scenarioIds: ['s-lean'],
    });
    expect(within(table).getByLabelText('G1 share in the plan').textContent).toContain('50');
    expect(within(table).getByLabelText('G1 share in Lean').textContent).toMatch(/80.*vs plan/);
    expect(within(table).getByLabelText('Team A in Lean').textContent).toContain(
      '16 / 13, cut at I1 (over capacity)',
    );
    expect(within(table).getByLabelText('Team A in the plan').textContent).toContain('nothing cut');
  });

  it('promotes after an inline confirmation, then tells the plan to reload', async () => {
    let promoted = 0;
    const { calls } = render({}, true, () => {
      promoted += 1;
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Promote Lean' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, promote Lean' }));
    await waitFor(() => expect(promoted).toBe(1));
    expect(calls.find((c) => c.operationName === 'PromoteScenario')!.variables).toEqual({
      id: 's-lean',
      expectedVersion: 2,
    });
  });

  it('reads only for a VIEWER: no fork, no promote, no inputs', async () => {
    render({}, false);
    expect(await screen.findByText('Initiative I1')).toBeTruthy();
    expect(screen.queryByLabelText('Estimate of I1 in scenario Lean')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Promote Lean' })).toBeNull();
    expect(screen.queryByRole('form', { name: 'Fork a scenario' })).toBeNull();
  });
});
