import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Role } from '../../gql/graphql';
import { renderWithApi, type Responses } from '../../test/render';
import { CheckInControls, type CheckInTarget } from './CheckInControls';

const keyResult: CheckInTarget = {
  kind: 'keyResult',
  id: 'kr-1',
  key: 'C1-KR1',
  title: 'Reach 40 logos',
  unit: 'logos',
  current: 10,
  confidence: 'ON_TRACK',
};

const kpi: CheckInTarget = {
  kind: 'kpi',
  id: 'kpi-1',
  key: 'K-NPS',
  title: 'NPS',
  unit: '',
  current: 31,
};

const checkIn = (id: string, value: number, confidence: string, createdAt: string) => ({
  __typename: 'CheckIn',
  id,
  value,
  confidence,
  note: '',
  createdAt,
  author: { __typename: 'User', name: 'Ada' },
});

function history(nodes: ReturnType<typeof checkIn>[]) {
  return {
    keyResult: {
      __typename: 'KeyResult',
      id: 'kr-1',
      checkIns: { __typename: 'CheckInPage', nodes },
    },
  };
}

function renderControls(role: Role, target: CheckInTarget, responses: Responses) {
  const onCheckedIn = vi.fn();
  const rendered = renderWithApi(<CheckInControls target={target} onCheckedIn={onCheckedIn} />, {
    role,
    responses,
  });
  return { ...rendered, onCheckedIn };
}

describe('check-ins in the browser', () => {
  it('lets a MEMBER check in a key result from the keyboard, then shows it in the history', async () => {
    let saved = false;
    const { calls, onCheckedIn } = renderControls('MEMBER', keyResult, {
      CheckInKeyResult: (v) => {
        saved = true;
        const input = v.input as { value: number; confidence: string };
        return {
          checkIn: {
            __typename: 'KeyResult',
            id: 'kr-1',
            current: input.value,
            confidence: input.confidence,
            progress: 0.3,
          },
        };
      },
      KeyResultCheckIns: () =>
        history([
          ...(saved ? [checkIn('c3', 12, 'AT_RISK', '2027-02-01T10:00:00.000Z')] : []),
          checkIn('c2', 10, 'ON_TRACK', '2027-01-25T10:00:00.000Z'),
          checkIn('c1', 4, 'ON_TRACK', '2027-01-18T10:00:00.000Z'),
        ]),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Check in C1-KR1' }));
    const form = screen.getByRole('form', { name: 'Check in C1-KR1' });
    const value = within(form).getByLabelText('New value (logos)');
    // the value field takes the focus, with the current value to start from
    await waitFor(() => expect(document.activeElement).toBe(value));
    expect((value as HTMLInputElement).value).toBe('10');
    fireEvent.change(value, { target: { value: '12' } });
    fireEvent.change(within(form).getByLabelText('Confidence'), { target: { value: 'AT_RISK' } });
    fireEvent.change(within(form).getByLabelText('Note'), {
      target: { value: 'two deals slipped' },
    });
    fireEvent.submit(form);
    expect((await screen.findByRole('status')).textContent).toBe('Checked in C1-KR1 at 12 logos.');
    expect(calls.find((c) => c.operationName === 'CheckInKeyResult')?.variables).toEqual({
      input: { keyResultId: 'kr-1', value: 12, confidence: 'AT_RISK', note: 'two deals slipped' },
    });
    expect(onCheckedIn).toHaveBeenCalledTimes(1);
    // the history opens on the new check-in: a dot per check-in in its confidence's colour
    const chart = await screen.findByRole('img', { name: /C1-KR1 check-ins: 3 from 4 to 12/ });
    const dots = [...chart.querySelectorAll('circle')].map((c) =>
      c.getAttribute('data-confidence'),
    );
    expect(dots).toEqual(['ON_TRACK', 'ON_TRACK', 'AT_RISK']);
    expect(screen.queryByRole('form')).toBeNull();
  });

  it("shows the API's validation message at its field and keeps what was typed", async () => {
    renderControls('EDITOR', keyResult, {
      CheckInKeyResult: {
        errors: [
          {
            message: 'input.value: must be at most 1e15',
            extensions: {
              code: 'BAD_USER_INPUT',
              fields: [{ field: 'input.value', message: 'must be at most 1e15' }],
            },
          },
        ],
      },
      KeyResultCheckIns: history([]),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Check in C1-KR1' }));
    const form = screen.getByRole('form', { name: 'Check in C1-KR1' });
    const value = within(form).getByLabelText('New value (logos)');
    fireEvent.change(value, { target: { value: '1e16' } });
    fireEvent.submit(form);
    expect((await within(form).findByRole('alert')).textContent).toBe('must be at most 1e15');
    expect(value.getAttribute('aria-invalid')).toBe('true');
    expect((value as HTMLInputElement).value).toBe('1e16');
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('refuses a value that is not a number before asking the API, and Escape closes the form', async () => {
    const { calls } = renderControls('MEMBER', kpi, { KpiCheckIns: { kpi: null } });
    fireEvent.click(screen.getByRole('button', { name: 'Check in K-NPS' }));
    const form = screen.getByRole('form', { name: 'Check in K-NPS' });
    // a KPI has a value and a note, no confidence
    expect(within(form).queryByLabelText('Confidence')).toBeNull();
    fireEvent.change(within(form).getByLabelText('New value'), { target: { value: '' } });
    fireEvent.submit(form);
    expect((await within(form).findByRole('alert')).textContent).toBe('must be a number');
    expect(calls.some((c) => c.operationName === 'CheckInKpi')).toBe(false);
    fireEvent.keyDown(within(form).getByLabelText('Note'), { key: 'Escape' });
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('checks in a KPI', async () => {
    const { calls } = renderControls('MEMBER', kpi, {
      CheckInKpi: {
        checkInKpi: { __typename: 'Kpi', id: 'kpi-1', current: 35, healthy: true },
      },
      KpiCheckIns: {
        kpi: {
          __typename: 'Kpi',
          id: 'kpi-1',
          checkIns: { __typename: 'KpiCheckInPage', nodes: [] },
        },
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Check in K-NPS' }));
    const form = screen.getByRole('form', { name: 'Check in K-NPS' });
    fireEvent.change(within(form).getByLabelText('New value'), { target: { value: '35' } });
    fireEvent.submit(form);
    expect((await screen.findByRole('status')).textContent).toBe('Checked in K-NPS at 35.');
    expect(calls.find((c) => c.operationName === 'CheckInKpi')?.variables).toEqual({
      input: { kpiId: 'kpi-1', value: 35, note: '' },
    });
  });

  it('shows a VIEWER the history but no check-in', async () => {
    renderControls('VIEWER', keyResult, {
      KeyResultCheckIns: history([checkIn('c1', 4, 'OFF_TRACK', '2027-01-18T10:00:00.000Z')]),
    });
    expect(screen.queryByRole('button', { name: 'Check in C1-KR1' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'History of C1-KR1' }));
    expect(await screen.findByRole('img', { name: /1 from 4 to 4/ })).toBeTruthy();
    expect(screen.getByText('Off Track')).toBeTruthy();
  });
});
