import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { overviewAnswer, treeAnswers } from '../test/fixtures';
import { fakeLive, renderWithApi } from '../test/render';
import type { EffortTreeNode } from './effortTree';
import { Overview } from './Overview';

// The charts draw with ECharts (SVG); here they are stand-ins: the numbers are checked as text.
vi.mock('../charts/GoalSharesChart', () => ({ default: () => <div>goal shares chart</div> }));
vi.mock('../charts/HorizonChart', () => ({ default: () => <div>horizon chart</div> }));
vi.mock('../charts/WorkTypeChart', () => ({ default: () => <div>work type chart</div> }));
// the sunburst stand-in shows the tree it was given and clicks like ECharts: goals call onSelectGoal
vi.mock('../charts/AlignmentSunburst', () => ({
  default: ({
    tree,
    onSelectGoal,
  }: {
    tree: EffortTreeNode;
    onSelectGoal: (key: string) => void;
  }) => (
    <div data-testid="sunburst">
      {tree.title}={tree.effort}
      {tree.children.map((c) => (
        <button key={c.id} type="button" onClick={() => c.kind === 'goal' && onSelectGoal(c.key)}>
          {c.kind} {c.key || c.title}={c.effort}
        </button>
      ))}
    </div>
  ),
}));

describe('Overview', () => {
  it("shows each goal's percent, target and gap exactly as the API gives them", async () => {
    const { calls } = renderWithApi(<Overview />, {
      responses: { Overview: overviewAnswer, ...treeAnswers },
    });
    expect(await screen.findByTestId('goal-percent-G-ENT')).toHaveProperty('textContent', '42.4%');
    expect(screen.getByTestId('goal-percent-G-REL').textContent).toBe('17.6%');
    expect(screen.getByTestId('unaligned-percent-NO_INITIATIVE').textContent).toBe('40.0%');
    const table = within(screen.getByTestId('goals-table'));
    const ent = table.getByRole('row', { name: /Win the enterprise market/ });
    expect(within(ent).getByText('35%')).toBeTruthy();
    expect(within(ent).getByText('+7.4%')).toBeTruthy();
    const rel = table.getByRole('row', { name: /Be reliable/ });
    expect(within(rel).getByText('-12.4%')).toBeTruthy();
    expect(screen.getByTestId('aligned-share').textContent).toBe('60%');
    // the default scope: no filters, measured in points
    expect(calls.find((c) => c.operationName === 'Overview')?.variables).toEqual({
      scope: { measure: 'POINTS' },
      cycleKey: null,
    });
    expect(calls[0].authorization).toBe('Bearer test-token');
  });

  it('shows key results with confidence and KPIs with their healthy range', async () => {
    renderWithApi(<Overview />, { responses: { Overview: overviewAnswer, ...treeAnswers } });
    expect(await screen.findByText('Enterprise ARR')).toBeTruthy();
    expect(screen.getByText('At Risk')).toBeTruthy();
    expect(screen.getByText('41.7%')).toBeTruthy();
    const kpi = within(screen.getByTestId('kpi-table')).getByRole('row', { name: /Net revenue/ });
    expect(within(kpi).getByText('≥ 110 %')).toBeTruthy();
    expect(within(kpi).getByText('out of range')).toBeTruthy();
  });

  it('passes the URL filters to the API as the scope', async () => {
    const { calls } = renderWithApi(<Overview />, {
      route: '/?team=PLAT&team=PAY&cycle=Q4-26&measure=COUNT',
      responses: { Overview: overviewAnswer, ...treeAnswers },
    });
    await screen.findByTestId('goal-percent-G-ENT');
    expect(calls.find((c) => c.operationName === 'Overview')?.variables).toEqual({
      scope: { measure: 'COUNT', teamKeys: ['PLAT', 'PAY'], cycleKey: 'Q4-26' },
      cycleKey: 'Q4-26',
    });
    expect(screen.getByTestId('scope-summary').textContent).toContain('teams PLAT, PAY');
  });

  it('shows a loading state, then an error with a way to try again', async () => {
    renderWithApi(<Overview />, {
      responses: {
        Overview: {
          errors: [{ message: 'cycle with key "Q9" not found', extensions: { code: 'NOT_FOUND' } }],
        },
        ...treeAnswers,
      },
    });
    expect(screen.getByRole('status').textContent).toContain('Loading the alignment report');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('cycle with key "Q9" not found');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('draws the tree from one alignmentTree request, each node on each of its routes', async () => {
    const { calls } = renderWithApi(<Overview />, {
      route: '/?team=PLAT&measure=COUNT',
      responses: { Overview: overviewAnswer, ...treeAnswers },
    });
    const sunburst = await screen.findByTestId('sunburst');
    // the vision holds totalEffort; the goal with no effort has no arc
    expect(sunburst.textContent).toContain('Every hour moves an outcome=100');
    expect(within(sunburst).getByRole('button', { name: 'goal G-ENT=60' })).toBeTruthy();
    expect(
      within(sunburst).getByRole('button', { name: 'unaligned Unaligned: No initiative=40' }),
    ).toBeTruthy();
    expect(within(sunburst).queryByRole('button', { name: /G-REL/ })).toBeNull();
    const trees = calls.filter((c) => c.operationName === 'AlignmentTree');
    expect(trees).toHaveLength(1);
    expect(trees[0].variables).toEqual({ scope: { measure: 'COUNT', teamKeys: ['PLAT'] } });
    expect(calls.map((c) => c.operationName)).not.toContain('GoalContributions');

    // the list beside the chart: the initiative on two routes is under each, with that route's effort
    const list = screen.getByText('The tree as a list').closest('details')!;
    const items = within(list)
      .getAllByText(/SAML login/)
      .map((e) => e.closest('li')!.textContent);
    expect(items).toEqual([
      expect.stringMatching(/^I-SAML SAML login 30/),
      expect.stringMatching(/^I-SAML SAML login 15/),
    ]);
    expect(
      within(list).getByRole('link', { name: 'G-ENT Win the enterprise market' }),
    ).toBeTruthy();

    fireEvent.click(within(sunburst).getByRole('button', { name: 'goal G-ENT=60' }));
    expect(screen.getByTestId('location').textContent).toBe('/goals/G-ENT?team=PLAT&measure=COUNT');
  });

  it('shows the tree error with a way to try again, the rest of the overview stays', async () => {
    renderWithApi(<Overview />, {
      responses: {
        Overview: overviewAnswer,
        ...treeAnswers,
        AlignmentTree: { errors: [{ message: 'boom', extensions: { code: 'INTERNAL' } }] },
      },
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the tree. boom');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy();
    expect(screen.getByTestId('goal-percent-G-ENT').textContent).toBe('42.4%');
  });

  it('reads the report and the tree again when a live source changes tickets, and says so', async () => {
    const live = fakeLive();
    // the API after a webhook added 20 points to G-ENT: every figure comes from its answers
    let version = 0;
    const after = {
      alignment: {
        ...overviewAnswer.alignment,
        totalEffort: 120,
        alignedEffort: 80,
        alignedShare: 0.6667,
        ticketCount: 21,
        goals: overviewAnswer.alignment.goals.map((g) =>
          g.goal.key === 'G-ENT' ? { ...g, effort: 62, share: 0.5167, percent: 51.7 } : g,
        ),
      },
    };
    const tree = treeAnswers.AlignmentTree;
    const treeAfter = {
      ...tree,
      alignmentTree: {
        ...tree.alignmentTree,
        totalEffort: 120,
        nodes: tree.alignmentTree.nodes.map((n) => (n.id === 'g1' ? { ...n, effort: 80 } : n)),
      },
    };
    const { calls } = renderWithApi(<Overview />, {
      route: '/?team=PLAT',
      live: live.transport,
      responses: {
        ...treeAnswers,
        Overview: () => (version ? after : overviewAnswer),
        AlignmentTree: () => (version ? treeAfter : tree),
      },
    });
    expect(await screen.findByTestId('goal-percent-G-ENT')).toHaveProperty('textContent', '42.4%');
    expect(screen.queryByTestId('live-updated')).toBeNull();
    await waitFor(() => expect(live.subscribed('TicketsChanged')).toBe(1));

    version = 1;
    act(() => live.push('TicketsChanged', { ticketsChanged: { at: '2026-12-05T10:00:00.000Z' } }));
    await waitFor(() => expect(screen.getByTestId('goal-percent-G-ENT').textContent).toBe('51.7%'));
    expect(screen.getByTestId('aligned-share').textContent).toBe('66.7%');
    expect(screen.getByTestId('total-effort').textContent).toBe('120 points');
    expect(screen.getByTestId('ticket-count').textContent).toBe('21');
    expect(screen.getByTestId('live-updated').textContent).toBe(' · updated just now');
    await waitFor(() =>
      expect(
        within(screen.getByTestId('sunburst')).getByRole('button', { name: 'goal G-ENT=80' }),
      ).toBeTruthy(),
    );
    // the subscription and both re-reads carry the page's scope
    expect(calls.filter((c) => c.operationName === 'Overview')).toHaveLength(2);
    expect(calls.filter((c) => c.operationName === 'AlignmentTree')).toHaveLength(2);
    const scope = { measure: 'POINTS', teamKeys: ['PLAT'] };
    // the key results follow the cycle's plan changes on their own subscription
    expect(live.requests).toEqual([
      { name: 'TicketsChanged', variables: {} },
      { name: 'PlanChanged', variables: { cycleKey: 'Q4-26' } },
    ]);
    expect(calls.at(-1)?.variables.scope).toEqual(scope);
  });
});
