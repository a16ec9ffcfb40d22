import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { overviewAnswer, treeAnswers } from '../test/fixtures';
import { renderWithApi } from '../test/render';
import { Overview } from './Overview';

// The charts draw with ECharts (SVG); here they are stand-ins: the numbers are checked as text.
vi.mock('../charts/GoalSharesChart', () => ({ default: () => <div>goal shares chart</div> }));
vi.mock('../charts/HorizonChart', () => ({ default: () => <div>horizon chart</div> }));
vi.mock('../charts/WorkTypeChart', () => ({ default: () => <div>work type chart</div> }));
vi.mock('../charts/AlignmentSunburst', () => ({ default: () => <div>sunburst</div> }));

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
});
