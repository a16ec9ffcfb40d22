import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithApi } from '../test/render';
import { FilterBar } from './FilterBar';

const options = {
  teams: {
    __typename: 'TeamPage',
    nodes: [
      { __typename: 'Team', key: 'PAY', name: 'Payments' },
      { __typename: 'Team', key: 'PLAT', name: 'Platform' },
    ],
  },
  sprints: {
    __typename: 'SprintPage',
    nodes: [
      {
        __typename: 'Sprint',
        key: 'PAY-S1',
        name: 'PAY Sprint 1',
        state: 'ACTIVE',
        team: { __typename: 'Team', key: 'PAY' },
      },
      {
        __typename: 'Sprint',
        key: 'PLAT-S1',
        name: 'PLAT Sprint 1',
        state: 'CLOSED',
        team: { __typename: 'Team', key: 'PLAT' },
      },
    ],
  },
  cycles: {
    __typename: 'CyclePage',
    nodes: [{ __typename: 'Cycle', key: 'Q4-26', name: 'Q4 2026', state: 'ACTIVE' }],
  },
};

describe('FilterBar', () => {
  it('puts every filter into the URL, keyboard-reachable native controls', async () => {
    renderWithApi(<FilterBar />, {
      route: '/gaps?last=6',
      path: '/gaps',
      responses: { FilterOptions: options },
    });
    const location = () => screen.getByTestId('location').textContent;
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Payments' }));
    expect(location()).toBe('/gaps?last=6&team=PAY');
    // only the chosen team's sprints are offered
    const sprints = screen.getByRole('listbox', { name: 'Sprints' });
    expect(
      within(sprints)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['PAY Sprint 1 (active)']);
    fireEvent.click(screen.getByRole('radio', { name: 'Ticket count' }));
    expect(location()).toBe('/gaps?last=6&team=PAY&measure=COUNT');
    fireEvent.change(screen.getByRole('combobox', { name: 'Cycle' }), {
      target: { value: 'Q4-26' },
    });
    expect(location()).toBe('/gaps?last=6&team=PAY&cycle=Q4-26&measure=COUNT');
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(location()).toBe('/gaps?last=6');
  });
});
