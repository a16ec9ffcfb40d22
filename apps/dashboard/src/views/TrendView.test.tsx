import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithApi } from '../test/render';
import TrendView from './TrendView';

// The chart draws with ECharts (SVG); here a stand-in shows the labels it was given.
vi.mock('../charts/TrendChart', () => ({
  TrendChart: ({ sprints }: { sprints: string[] }) => (
    <div data-testid="trend-chart">{sprints.join(' | ')}</div>
  ),
}));

const report = (share: number) => ({
  alignedShare: share,
  totalEffort: 10,
  goals: [{ share, percent: share * 100, targetShare: 0.5, goal: { key: 'G1', title: 'Grow' } }],
});
const sprint = (key: string, name: string) => ({
  key,
  name,
  startDate: '2027-01-18',
  team: { name: 'Team A' },
});

describe('TrendView', () => {
  it('labels points by period for several teams, live before recomputed', async () => {
    const { calls } = renderWithApi(<TrendView />, {
      responses: {
        Trend: {
          alignmentTrend: [
            {
              live: false,
              recomputed: true,
              period: { start: '2027-01-04', end: '2027-01-17' },
              sprint: null,
              sprints: [sprint('A-S1', 'A Sprint 1'), sprint('B-S2', 'B Sprint 2')],
              report: report(0.4),
            },
            {
              live: true,
              recomputed: true,
              period: { start: '2027-01-18', end: '2027-01-31' },
              sprint: sprint('A-S2', 'A Sprint 2'),
              sprints: [sprint('A-S2', 'A Sprint 2')],
              report: report(0.6),
            },
          ],
        },
      },
    });
    const chart = await screen.findByTestId('trend-chart');
    expect(chart.textContent).toBe(
      '2027-01-04 – 2027-01-17 (recomputed) | 2027-01-18 – 2027-01-31 (live)',
    );
    const table = within(screen.getByTestId('trend-table'));
    expect(table.getByRole('columnheader', { name: 'Period' })).toBeTruthy();
    expect(
      table.getByRole('rowheader', { name: '2027-01-04 – 2027-01-17 (recomputed)' }).title,
    ).toBe('A Sprint 1, B Sprint 2');
    expect(screen.getByText(/Periods shown/)).toBeTruthy();
    expect(calls[0].variables).toMatchObject({ teamKeys: null, last: 6 });
  });

  it('labels points by sprint for one team', async () => {
    renderWithApi(<TrendView />, {
      route: '/?team=A',
      responses: {
        Trend: {
          alignmentTrend: [
            {
              live: false,
              recomputed: false,
              period: { start: '2027-01-04', end: '2027-01-17' },
              sprint: sprint('A-S1', 'A Sprint 1'),
              sprints: [sprint('A-S1', 'A Sprint 1')],
              report: report(0.4),
            },
          ],
        },
      },
    });
    expect((await screen.findByTestId('trend-chart')).textContent).toBe('A Sprint 1');
    expect(screen.getByRole('columnheader', { name: 'Sprint' })).toBeTruthy();
    expect(screen.getByText(/Sprints shown/)).toBeTruthy();
  });
});
