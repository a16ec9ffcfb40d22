import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithApi } from '../test/render';
import { TicketView } from './TicketView';

const node = (kind: string, key: string, title: string) => ({
  __typename: 'AlignmentNode',
  id: `id-${key}`,
  kind,
  key,
  title,
});

const answer = {
  explainTicket: {
    __typename: 'TicketExplanation',
    counted: true,
    ticket: {
      __typename: 'Ticket',
      id: 't1',
      key: 'PAY-7',
      title: 'Retry declined cards',
      points: 5,
      rawStatus: 'In Progress',
      statusCategory: 'IN_PROGRESS',
      type: 'Story',
      workType: 'NEW_VALUE',
      team: { __typename: 'Team', name: 'Payments' },
      currentSprint: { __typename: 'Sprint', name: 'PAY Sprint 24' },
      initiativeLinks: [
        {
          __typename: 'TicketLink',
          weight: 2,
          source: 'EPIC',
          initiative: { __typename: 'Initiative', key: 'I-RETRY', title: 'Smart retries' },
        },
      ],
    },
    paths: [
      {
        __typename: 'AlignmentPath',
        fraction: 0.6667,
        reason: null,
        goal: { __typename: 'StrategicGoal', key: 'G-REL', title: 'Be reliable' },
        nodes: [
          node('initiative', 'I-RETRY', 'Smart retries'),
          node('keyResult', 'C2-KR1', 'Failed payment rate'),
          node('objective', 'C2', 'Payments nobody thinks about'),
          node('goal', 'G-REL', 'Be reliable'),
        ],
      },
      {
        __typename: 'AlignmentPath',
        fraction: 0.3333,
        reason: 'NO_GOAL',
        goal: null,
        nodes: [node('initiative', 'I-X', 'Other'), node('objective', 'MOB-O1', 'Mobile')],
      },
    ],
  },
};

describe('TicketView', () => {
  it('shows every path with the fraction the API gives and where a path stops', async () => {
    const { calls } = renderWithApi(<TicketView />, {
      route: '/tickets/PAY-7?team=PAY',
      path: '/tickets/:key',
      responses: { TicketExplanation: answer },
    });
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toContain(
      'Retry declined cards',
    );
    expect(calls[0].variables).toEqual({ key: 'PAY-7' });
    const fractions = screen.getAllByTestId('path-fraction').map((e) => e.textContent);
    expect(fractions).toEqual(['66.7%', '33.3%']);
    const first = screen.getByRole('list', { name: 'Path 1' });
    expect(
      within(first)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Ticket PAY-7',
      'Initiative I-RETRY Smart retries',
      'Key result C2-KR1 Failed payment rate',
      'Objective C2 Payments nobody thinks about',
      'Goal G-REL Be reliable',
    ]);
    // the goal links to its drill-down, keeping the filters
    expect(within(first).getByRole('link').getAttribute('href')).toBe('/goals/G-REL?team=PAY');
    const second = screen.getByRole('list', { name: 'Path 2' });
    expect(second.textContent).toContain('Objective without goal');
  });
});
