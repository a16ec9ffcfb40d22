import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Role } from '../gql/graphql';
import { renderWithApi } from '../test/render';
import { GapsView } from './GapsView';

const ticket = (key: string, initiatives: { id: string; key: string }[] = []) => ({
  __typename: 'Ticket',
  id: `t-${key}`,
  key,
  title: `Ticket ${key}`,
  points: 3,
  team: { __typename: 'Team', name: 'Platform' },
  initiativeLinks: initiatives.map((i) => ({
    __typename: 'TicketLink',
    initiative: { __typename: 'Initiative', ...i, title: `Initiative ${i.key}` },
  })),
});

const gapsAnswer = {
  gaps: {
    __typename: 'Gaps',
    unaligned: [
      {
        __typename: 'UnalignedGap',
        reason: 'NO_INITIATIVE',
        effort: 6,
        ticketCount: 2,
        tickets: [ticket('PLAT-1'), ticket('PLAT-2')],
      },
      {
        __typename: 'UnalignedGap',
        reason: 'NO_KEY_RESULT',
        effort: 6,
        ticketCount: 2,
        tickets: [
          ticket('MOB-1', [{ id: 'i-dark', key: 'I-DARK' }]),
          ticket('MOB-2', [{ id: 'i-dark', key: 'I-DARK' }]),
        ],
      },
    ],
    unsupportedKeyResults: [
      {
        __typename: 'KeyResult',
        id: 'kr-9',
        key: 'C2-KR2',
        title: 'Keep uptime',
        progress: 0,
        objective: { __typename: 'Objective', key: 'C2', title: 'Reliable' },
      },
    ],
    idleInitiatives: [],
    neglectedGoals: [
      {
        __typename: 'StrategicGoal',
        id: 'g1',
        key: 'G-EU',
        title: 'Expand into the EU',
        targetShare: 0.05,
      },
    ],
    drift: [],
    busyNotMoving: [],
    staleSources: [
      { __typename: 'SourceFreshness', source: 'JIRA_CSV', lastSyncedAt: null, stale: true },
    ],
    overdueCheckIns: [
      {
        __typename: 'OverdueCheckIn',
        keyResult: { __typename: 'KeyResult', id: 'kr-7', key: 'C1-KR3', title: 'Win 20 logos' },
        kpi: null,
        lastCheckInAt: null,
        daysOverdue: 12.6,
      },
      {
        __typename: 'OverdueCheckIn',
        keyResult: null,
        kpi: { __typename: 'Kpi', id: 'kpi-1', key: 'K-NPS', title: 'NPS' },
        lastCheckInAt: '2027-01-04T09:00:00.000Z',
        daysOverdue: 1.2,
      },
    ],
  },
};

const targetsAnswer = {
  initiatives: {
    __typename: 'InitiativePage',
    nodes: [{ __typename: 'Initiative', id: 'i-sso', key: 'I-SSO', title: 'SSO' }],
  },
  keyResults: {
    __typename: 'KeyResultPage',
    nodes: [{ __typename: 'KeyResult', id: 'kr-1', key: 'C1-KR1', title: 'ARR' }],
  },
};

function renderGaps(role: Role) {
  return renderWithApi(<GapsView />, {
    role,
    route: '/gaps?team=PLAT',
    path: '/gaps',
    responses: {
      Gaps: gapsAnswer,
      LinkTargets: targetsAnswer,
      LinkTicket: (v) => ({
        linkTicket: {
          __typename: 'TicketLink',
          weight: (v.input as { weight: number }).weight,
          ticket: { __typename: 'Ticket', id: 't-PLAT-1', key: 'PLAT-1' },
          initiative: { __typename: 'Initiative', id: 'i-sso', key: 'I-SSO' },
        },
      }),
      LinkInitiative: {
        linkInitiative: {
          __typename: 'InitiativeLink',
          id: 'l1',
          weight: 1,
          initiative: { __typename: 'Initiative', id: 'i-dark', key: 'I-DARK' },
          keyResult: { __typename: 'KeyResult', id: 'kr-1', key: 'C1-KR1' },
        },
      },
    },
  });
}

describe('GapsView', () => {
  it('lists the gaps and shows a VIEWER no edit controls', async () => {
    const { calls } = renderGaps('VIEWER');
    expect(await screen.findByText('Ticket PLAT-1')).toBeTruthy();
    expect(screen.getByText('Keep uptime')).toBeTruthy();
    expect(screen.getByText('Expand into the EU')).toBeTruthy();
    expect(screen.getByText('stale')).toBeTruthy();
    const overdue = within(screen.getByTestId('overdue-check-ins')).getAllByRole('listitem');
    expect(overdue.map((li) => li.textContent)).toEqual([
      expect.stringMatching(/C1-KR3 Win 20 logos 12 days overdue no check-in yet/),
      expect.stringMatching(/K-NPS NPS 1 day overdue KPI · last check-in/),
    ]);
    expect(screen.queryAllByRole('button', { name: 'Link' })).toHaveLength(0);
    expect(screen.queryAllByRole('combobox')).toHaveLength(0);
    expect(calls.some((c) => c.operationName === 'LinkTargets')).toBe(false);
    expect(calls.find((c) => c.operationName === 'Gaps')?.variables).toEqual({
      scope: { measure: 'POINTS', teamKeys: ['PLAT'] },
    });
  });

  it('lets an EDITOR link an unlinked ticket to an initiative with a weight, then reloads', async () => {
    const { calls } = renderGaps('EDITOR');
    const form = await screen.findByRole('form', { name: 'Link PLAT-1' });
    await waitFor(() => expect(within(form).getAllByRole('option')).toHaveLength(2));
    fireEvent.change(within(form).getByRole('combobox'), { target: { value: 'i-sso' } });
    fireEvent.change(within(form).getByLabelText('Weight'), { target: { value: '2' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Link' }));
    expect((await within(form).findByRole('status')).textContent).toContain(
      'Linked PLAT-1 to I-SSO SSO (weight 2)',
    );
    expect(calls.find((c) => c.operationName === 'LinkTicket')?.variables).toEqual({
      input: { ticketId: 't-PLAT-1', initiativeId: 'i-sso', weight: 2 },
    });
    await waitFor(() =>
      expect(calls.filter((c) => c.operationName === 'Gaps').length).toBeGreaterThanOrEqual(2),
    );
  });

  it('offers one key-result link per initiative without a key result, and support for an unsupported key result', async () => {
    const { calls } = renderGaps('OWNER');
    expect(await screen.findAllByRole('form', { name: 'Link I-DARK' })).toHaveLength(1);
    const support = screen.getByRole('form', { name: 'Link C2-KR2' });
    await waitFor(() => expect(within(support).getAllByRole('option')).toHaveLength(2));
    fireEvent.change(within(support).getByRole('combobox'), { target: { value: 'i-sso' } });
    fireEvent.click(within(support).getByRole('button', { name: 'Link' }));
    await within(support).findByRole('status');
    expect(calls.find((c) => c.operationName === 'LinkInitiative')?.variables).toEqual({
      input: { initiativeId: 'i-sso', keyResultId: 'kr-9', weight: 1 },
    });
  });

  it("shows the API's refusal next to the form", async () => {
    renderWithApi(<GapsView />, {
      role: 'EDITOR',
      route: '/gaps',
      path: '/gaps',
      responses: {
        Gaps: gapsAnswer,
        LinkTargets: targetsAnswer,
        LinkTicket: {
          errors: [{ message: 'you may not do this', extensions: { code: 'FORBIDDEN' } }],
        },
      },
    });
    const form = await screen.findByRole('form', { name: 'Link PLAT-2' });
    await waitFor(() => expect(within(form).getAllByRole('option')).toHaveLength(2));
    fireEvent.change(within(form).getByRole('combobox'), { target: { value: 'i-sso' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Link' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('you may not do this');
  });
});
