import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../gql/graphql';
import { keyResultsAnswer, treeAnswers } from '../../test/fixtures';
import { badUserInput, fillField, renderEditorForm } from '../../test/authoringForms';
import { fakeLive, renderWithApi, type Responses } from '../../test/render';
import { KeyResultsSection } from '../KeyResultsSection';
import { CarryForwardPanel } from './CarryForwardPanel';
import { InitiativeForm } from './InitiativeForm';
import { KeyResultForm } from './KeyResultForm';

const keyResult = (over: Record<string, unknown> = {}) => ({
  __typename: 'KeyResult',
  id: 'kr-9',
  key: 'O-7-KR1',
  title: 'Checkout p95 under 2 s',
  kind: 'NUMERIC',
  direction: 'DECREASE',
  start: 5,
  target: 2,
  unit: 's',
  weight: 2,
  version: 1,
  archivedAt: null,
  ...over,
});

const initiative = (over: Record<string, unknown> = {}) => ({
  __typename: 'Initiative',
  id: 'i-1',
  key: 'I-FAST',
  title: 'Cache the cart',
  estimate: 13,
  priority: 'MUST',
  version: 1,
  archivedAt: null,
  team: { __typename: 'Team', id: 't-PLAT' },
  cycle: { __typename: 'Cycle', id: 'c-Q1' },
  ...over,
});

describe('KeyResultForm', () => {
  it('creates a key result of the objective with its kind, start, target, unit and weight; undo archives it', async () => {
    const { calls } = renderEditorForm(<KeyResultForm objective={{ id: 'o-7', key: 'O-7' }} />, {
      CreateKeyResult: { createKeyResult: keyResult() },
      ArchiveKeyResult: {
        archiveKeyResult: keyResult({ version: 2, archivedAt: '2027-01-02T00:00:00Z' }),
      },
    });
    const form = screen.getByRole('form', { name: 'New key result for O-7' });
    fillField(form, 'Key result key', 'O-7-KR1');
    fillField(form, 'Key result title', 'Checkout p95 under 2 s');
    fillField(form, 'Kind', 'NUMERIC');
    fillField(form, 'Start', '5');
    fillField(form, 'Target', '2');
    fillField(form, 'Unit', 's');
    fillField(form, 'Weight', '2');
    fireEvent.submit(form);
    expect((await within(form).findByRole('status')).textContent).toBe(
      'Created key result O-7-KR1 of O-7.',
    );
    expect(calls.find((c) => c.operationName === 'CreateKeyResult')?.variables).toEqual({
      input: {
        objectiveId: 'o-7',
        key: 'O-7-KR1',
        title: 'Checkout p95 under 2 s',
        kind: 'NUMERIC',
        start: 5,
        target: 2,
        unit: 's',
        weight: 2,
      },
    });
    expect(screen.getByTestId('undo-what').textContent).toBe('Undo: create key result O-7-KR1');
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await screen.findByText('Undone: create key result O-7-KR1.');
    expect(calls.find((c) => c.operationName === 'ArchiveKeyResult')?.variables).toEqual({
      id: 'kr-9',
      expectedVersion: 1,
    });
  });

  it('names a field that is not a number before asking, and the API message at its field', async () => {
    const { calls } = renderEditorForm(<KeyResultForm objective={{ id: 'o-7', key: 'O-7' }} />, {
      CreateKeyResult: badUserInput('direction', 'required when start equals target'),
    });
    const form = screen.getByRole('form', { name: 'New key result for O-7' });
    fillField(form, 'Key result key', 'KR-X');
    fillField(form, 'Target', '');
    fireEvent.submit(form);
    expect((await within(form).findByRole('alert')).textContent).toBe('must be a number');
    expect(within(form).getByLabelText('Target').getAttribute('aria-invalid')).toBe('true');
    expect(calls.some((c) => c.operationName === 'CreateKeyResult')).toBe(false);

    fillField(form, 'Target', '0');
    fireEvent.submit(form);
    await waitFor(() =>
      expect(within(form).getByLabelText('Direction').getAttribute('aria-invalid')).toBe('true'),
    );
    expect(within(form).getByRole('alert').textContent).toBe('required when start equals target');
    expect((within(form).getByLabelText('Key result key') as HTMLInputElement).value).toBe('KR-X');
  });

  it('edits only what changed at the version read; undo edits it back at the new version', async () => {
    const { calls } = renderEditorForm(<KeyResultForm keyResultKey="O-7-KR1" />, {
      KeyResultForEdit: { keyResult: keyResult({ version: 4 }) },
      UpdateKeyResult: (v) => ({
        updateKeyResult: keyResult({ version: 5, ...(v.input as object), id: 'kr-9' }),
      }),
    });
    const form = await screen.findByRole('form', { name: 'Edit key result O-7-KR1' });
    fillField(form, 'Target', '1.5');
    fireEvent.submit(form);
    await waitFor(() =>
      expect(screen.getByTestId('undo-what').textContent).toBe('Undo: edit key result O-7-KR1'),
    );
    expect(calls.find((c) => c.operationName === 'UpdateKeyResult')?.variables).toEqual({
      input: { id: 'kr-9', expectedVersion: 4, target: 1.5 },
    });
    // Ctrl+Z outside a text field undoes
    act(() => {
      fireEvent.keyDown(document.body, { key: 'z', ctrlKey: true });
    });
    await screen.findByText('Undone: edit key result O-7-KR1.');
    expect(calls.filter((c) => c.operationName === 'UpdateKeyResult')[1]?.variables).toEqual({
      input: { id: 'kr-9', expectedVersion: 5, target: 2 },
    });
  });

  it('leaves Ctrl+Z in a text field to the field', async () => {
    const { calls } = renderEditorForm(<KeyResultForm objective={{ id: 'o-7', key: 'O-7' }} />, {
      CreateKeyResult: { createKeyResult: keyResult() },
    });
    const form = screen.getByRole('form', { name: 'New key result for O-7' });
    fillField(form, 'Key result key', 'O-7-KR1');
    fillField(form, 'Target', '2');
    fireEvent.submit(form);
    await within(form).findByRole('status');
    fireEvent.keyDown(within(form).getByLabelText('Key result title'), { key: 'z', ctrlKey: true });
    expect(calls.some((c) => c.operationName === 'ArchiveKeyResult')).toBe(false);
  });
});

describe('InitiativeForm', () => {
  const teams = [{ id: 't-PLAT', key: 'PLAT', name: 'Platform' }];
  const cycles = [{ id: 'c-Q1', key: 'Q1-27', name: 'Q1 2027' }];

  it('proposes an initiative with team, estimate, priority, cycle and weighted key results; undo archives it', async () => {
    const { calls } = renderEditorForm(
      <InitiativeForm
        cycle={{ id: 'c-Q1', key: 'Q1-27' }}
        teams={teams}
        cycles={cycles}
        options={{}}
      />,
      {
        KeyResultIdByKey: (v) => ({
          keyResult: { __typename: 'KeyResult', id: `id-${v.key as string}`, key: v.key },
        }),
        CreateInitiative: { createInitiative: initiative() },
        SupportKeyResult: (v) => ({
          linkInitiative: {
            __typename: 'InitiativeLink',
            id: `l-${(v.input as { keyResultId: string }).keyResultId}`,
            weight: (v.input as { weight: number }).weight,
            version: 1,
          },
        }),
        ArchiveInitiative: { archiveInitiative: initiative({ version: 2 }) },
      },
    );
    const form = screen.getByRole('form', { name: 'New initiative' });
    fillField(form, 'Initiative key', 'I-FAST');
    fillField(form, 'Initiative title', 'Cache the cart');
    fillField(form, 'Team', 't-PLAT');
    fillField(form, 'Estimate (points)', '13');
    fillField(form, 'Priority', 'MUST');
    expect((within(form).getByLabelText('Cycle') as HTMLSelectElement).value).toBe('c-Q1');
    fillField(form, 'Supports 1 target', 'O-7-KR1');
    fillField(form, 'Supports 1 weight', '3');
    fireEvent.click(within(form).getByRole('button', { name: /Add link/ }));
    fillField(form, 'Supports 2 target', 'O-7-KR2');
    fireEvent.click(within(form).getByRole('button', { name: 'Propose initiative' }));
    expect((await within(form).findByRole('status')).textContent).toBe(
      'Proposed initiative I-FAST.',
    );
    expect(calls.find((c) => c.operationName === 'CreateInitiative')?.variables).toEqual({
      input: {
        key: 'I-FAST',
        title: 'Cache the cart',
        priority: 'MUST',
        teamId: 't-PLAT',
        estimate: 13,
        cycleId: 'c-Q1',
      },
    });
    expect(
      calls.filter((c) => c.operationName === 'SupportKeyResult').map((c) => c.variables),
    ).toEqual([
      { input: { initiativeId: 'i-1', keyResultId: 'id-O-7-KR1', weight: 3 } },
      { input: { initiativeId: 'i-1', keyResultId: 'id-O-7-KR2', weight: 1 } },
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await screen.findByText('Undone: create initiative I-FAST.');
    expect(calls.find((c) => c.operationName === 'ArchiveInitiative')?.variables).toEqual({
      id: 'i-1',
      expectedVersion: 1,
    });
  });

  it('shows an estimate the API refuses at the estimate, and a bad weight at its row', async () => {
    const { calls } = renderEditorForm(
      <InitiativeForm
        cycle={{ id: 'c-Q1', key: 'Q1-27' }}
        teams={teams}
        cycles={cycles}
        options={{}}
      />,
      {
        KeyResultIdByKey: { keyResult: { __typename: 'KeyResult', id: 'kr-1', key: 'KR1' } },
        CreateInitiative: badUserInput('estimate', 'must be at most 10000'),
      },
    );
    const form = screen.getByRole('form', { name: 'New initiative' });
    fillField(form, 'Initiative key', 'I-BIG');
    fillField(form, 'Initiative title', 'Everything');
    fillField(form, 'Supports 1 target', 'KR1');
    fillField(form, 'Supports 1 weight', '0');
    fireEvent.click(within(form).getByRole('button', { name: 'Propose initiative' }));
    expect((await within(form).findByRole('alert')).textContent).toBe(
      'the weight must be greater than 0',
    );
    expect(calls.some((c) => c.operationName === 'CreateInitiative')).toBe(false);
    fillField(form, 'Supports 1 weight', '1');
    fillField(form, 'Estimate (points)', '20000');
    fireEvent.click(within(form).getByRole('button', { name: 'Propose initiative' }));
    await waitFor(() =>
      expect(within(form).getByLabelText('Estimate (points)').getAttribute('aria-invalid')).toBe(
        'true',
      ),
    );
    expect(within(form).getByRole('alert').textContent).toBe('must be at most 10000');
  });
});

describe('carry forward', () => {
  it('carries the ticked objectives of the previous cycle and shows their new keys', async () => {
    const { calls } = renderEditorForm(
      <CarryForwardPanel
        cycle={{ key: 'Q1-27', startDate: '2027-01-01' }}
        cycles={[
          { id: 'c3', key: 'Q3-26', name: 'Q3 2026', startDate: '2026-07-01' },
          { id: 'c4', key: 'Q4-26', name: 'Q4 2026', startDate: '2026-10-01' },
          { id: 'c1', key: 'Q1-27', name: 'Q1 2027', startDate: '2027-01-01' },
        ]}
      />,
      {
        CarryCandidates: {
          objectives: {
            __typename: 'ObjectivePage',
            nodes: [
              { __typename: 'Objective', id: 'o1', key: 'C1', title: 'Done one', progress: 1 },
              { __typename: 'Objective', id: 'o2', key: 'C2', title: 'Open one', progress: 0.4 },
              { __typename: 'Objective', id: 'o3', key: 'C3', title: 'Other', progress: 0.1 },
            ],
          },
        },
        CarryForward: {
          carryForward: ['C2', 'C1'].map((k) => ({
            __typename: 'Objective',
            id: `n-${k}`,
            key: `${k}@Q1-27`,
            title: k,
            origin: { __typename: 'Objective', id: k, key: k },
          })),
        },
      },
    );
    const form = screen.getByRole('form', { name: 'Carry forward' });
    expect((within(form).getByLabelText('Carry forward from') as HTMLSelectElement).value).toBe(
      'Q4-26',
    );
    const open = await within(form).findByRole('checkbox', { name: /C2 Open one/ });
    expect((open as HTMLInputElement).checked).toBe(true);
    const done = within(form).getByRole('checkbox', { name: /C1 Done one/ });
    expect((done as HTMLInputElement).checked).toBe(false);
    fireEvent.click(done);
    fireEvent.click(within(form).getByRole('checkbox', { name: /C3 Other/ }));
    fireEvent.click(within(form).getByRole('button', { name: 'Carry forward' }));
    expect((await within(form).findByRole('status')).textContent).toBe(
      ' Carried forward: C2 → C2@Q1-27, C1 → C1@Q1-27.',
    );
    expect(calls.find((c) => c.operationName === 'CarryForward')?.variables).toEqual({
      input: { fromCycleKey: 'Q4-26', toCycleKey: 'Q1-27', objectiveKeys: ['C1', 'C2'] },
    });
    // the links it moved would not move back: Undo says why instead of half undoing it
    const undo = screen.getByRole('button', { name: 'Undo' }) as HTMLButtonElement;
    expect(undo.disabled).toBe(true);
    expect(undo.title).toMatch(/moved the initiative links/);
  });
});

describe('authoring beside each objective on the overview', () => {
  function renderSection(role: Role, responses: Partial<Responses> = {}) {
    const live = fakeLive();
    const utils = renderWithApi(<KeyResultsSection cycleKey="Q4-26" />, {
      role,
      live: live.transport,
      responses: { ...treeAnswers, ...responses } as Responses,
    });
    return { ...utils, live };
  }

  it('shows a VIEWER or MEMBER no authoring controls', async () => {
    for (const role of ['VIEWER', 'MEMBER'] as const) {
      const { unmount } = renderSection(role);
      await screen.findByText('Land enterprise customers');
      expect(screen.queryByRole('button', { name: /^Edit/ })).toBeNull();
      expect(screen.queryByRole('button', { name: /New key result/ })).toBeNull();
      expect(screen.queryByRole('button', { name: /Archive/ })).toBeNull();
      expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
      unmount();
    }
  });

  it('lets an EDITOR archive an objective and undo it (status back), and says why a key result archive cannot be undone', async () => {
    const { calls } = renderSection('EDITOR', {
      ArchiveObjective: {
        archiveObjective: {
          __typename: 'Objective',
          id: 'o1',
          key: 'C1',
          title: 'Land enterprise customers',
          description: '',
          status: 'ARCHIVED',
          version: 2,
          team: null,
        },
      },
      UpdateObjective: {
        updateObjective: {
          __typename: 'Objective',
          id: 'o1',
          key: 'C1',
          title: 'Land enterprise customers',
          description: '',
          status: 'ACTIVE',
          version: 3,
          team: null,
        },
      },
      ArchiveKeyResult: {
        archiveKeyResult: { ...keyResult({ id: 'kr1', key: 'C1-KR1', version: 2 }) },
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Archive C1' }));
    await waitFor(() =>
      expect(screen.getByTestId('undo-what').textContent).toBe('Undo: archive objective C1'),
    );
    expect(calls.find((c) => c.operationName === 'ArchiveObjective')?.variables).toEqual({
      id: 'o1',
      expectedVersion: 1,
    });
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await screen.findByText('Undone: archive objective C1.');
    expect(calls.find((c) => c.operationName === 'UpdateObjective')?.variables).toEqual({
      input: { id: 'o1', status: 'ACTIVE', expectedVersion: 2 },
    });

    fireEvent.click(screen.getByRole('button', { name: 'Archive C1-KR1' }));
    fireEvent.click(
      within(
        screen.getByRole('group', { name: /Archive key result C1-KR1\? This cannot be undone/ }),
      ).getByRole('button', { name: 'Archive C1-KR1' }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('undo-what').textContent).toMatch(
        /^Undo: archive key result C1-KR1 \(not possible/,
      ),
    );
    const undo = screen.getByRole('button', { name: 'Undo' }) as HTMLButtonElement;
    expect(undo.disabled).toBe(true);
    expect(undo.title).toBe(
      'the API has no unarchive for a key result: archiving C1-KR1 cannot be undone',
    );
  });

  it('opens New key result beside the objective and reads the list again on a live plan change', async () => {
    const { calls, live } = renderSection('EDITOR');
    fireEvent.click(await screen.findByRole('button', { name: 'New key result for C1' }));
    const form = screen.getByRole('form', { name: 'New key result for C1' });
    await waitFor(() =>
      expect(document.activeElement).toBe(within(form).getByLabelText('Key result key')),
    );
    fireEvent.keyDown(within(form).getByLabelText('Key result key'), { key: 'Escape' });
    expect(screen.queryByRole('form', { name: 'New key result for C1' })).toBeNull();

    await waitFor(() => expect(live.subscribed('PlanChanged')).toBe(1));
    const before = calls.filter((c) => c.operationName === 'KeyResults').length;
    act(() =>
      live.push('PlanChanged', {
        planChanged: { __typename: 'PlanChange', cycleKey: 'Q4-26', at: 'now', changedBy: 'u2' },
      }),
    );
    await waitFor(() =>
      expect(calls.filter((c) => c.operationName === 'KeyResults').length).toBe(before + 1),
    );
    expect(keyResultsAnswer.objectives.nodes).toHaveLength(1);
  });
});
