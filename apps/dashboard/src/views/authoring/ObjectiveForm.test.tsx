import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { badUserInput, fillField, renderEditorForm } from '../../test/authoringForms';
import { ObjectiveForm } from './ObjectiveForm';

const teams = [{ id: 't-PLAT', key: 'PLAT', name: 'Platform' }];

const objective = (over: Record<string, unknown> = {}) => ({
  __typename: 'Objective',
  id: 'o-7',
  key: 'O-7',
  title: 'Faster checkout',
  description: '',
  status: 'ACTIVE',
  version: 1,
  team: null,
  ...over,
});

describe('ObjectiveForm', () => {
  it('creates an objective with its weighted upward link, then undo archives it', async () => {
    const { calls } = renderEditorForm(
      <ObjectiveForm cycle={{ id: 'c-Q1', key: 'Q1-27' }} teams={teams} options={{}} />,
      {
        GoalIdByKey: { strategicGoal: { __typename: 'StrategicGoal', id: 'g-1', key: 'G-REL' } },
        CreateObjective: (v) => ({
          createObjective: objective({ key: (v.input as { key: string }).key }),
        }),
        LinkObjective: {
          linkObjective: { __typename: 'ObjectiveLink', id: 'l-1', weight: 2, version: 1 },
        },
        ArchiveObjective: {
          archiveObjective: objective({ status: 'ARCHIVED', version: 2 }),
        },
      },
    );
    const form = screen.getByRole('form', { name: 'New objective' });
    // the key field takes the focus
    await waitFor(() =>
      expect(document.activeElement).toBe(within(form).getByLabelText('Objective key')),
    );
    fillField(form, 'Objective key', ' O-7 ');
    fillField(form, 'Objective title', 'Faster checkout');
    fillField(form, 'Description', 'from cart to paid in a minute');
    fillField(form, 'Team', 't-PLAT');
    fireEvent.click(within(form).getByRole('button', { name: /Add link/ }));
    fillField(form, 'Aligns to 1 target', 'G-REL');
    fillField(form, 'Aligns to 1 weight', '2');
    fireEvent.click(within(form).getByRole('button', { name: 'Create objective' }));
    expect((await within(form).findByRole('status')).textContent).toBe('Created objective O-7.');
    expect(calls.find((c) => c.operationName === 'CreateObjective')?.variables).toEqual({
      input: {
        cycleId: 'c-Q1',
        key: 'O-7',
        title: 'Faster checkout',
        description: 'from cart to paid in a minute',
        teamId: 't-PLAT',
      },
    });
    expect(calls.find((c) => c.operationName === 'LinkObjective')?.variables).toEqual({
      input: { objectiveId: 'o-7', goalId: 'g-1', weight: 2 },
    });
    // the form is ready for the next one
    expect((within(form).getByLabelText('Objective key') as HTMLInputElement).value).toBe('');

    const undo = screen.getByRole('button', { name: 'Undo' });
    expect(screen.getByTestId('undo-what').textContent).toBe('Undo: create objective O-7');
    fireEvent.click(undo);
    expect((await screen.findByText('Undone: create objective O-7.')).getAttribute('role')).toBe(
      'status',
    );
    expect(calls.find((c) => c.operationName === 'ArchiveObjective')?.variables).toEqual({
      id: 'o-7',
      expectedVersion: 1,
    });
    expect((screen.getByRole('button', { name: 'Undo' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("shows the API's messages at their fields and keeps what was typed", async () => {
    const { calls } = renderEditorForm(
      <ObjectiveForm cycle={{ id: 'c-Q1', key: 'Q1-27' }} teams={teams} options={{}} />,
      {
        CreateObjective: (v) =>
          (v.input as { key: string }).key === 'O-1'
            ? {
                errors: [
                  {
                    message: 'an objective with key "O-1" already exists',
                    extensions: {
                      code: 'CONFLICT',
                      fields: [
                        {
                          field: 'input.key',
                          message: 'an objective with key "O-1" already exists',
                        },
                      ],
                    },
                  },
                ],
              }
            : badUserInput('title', 'must not be empty'),
      },
    );
    const form = screen.getByRole('form', { name: 'New objective' });
    fillField(form, 'Objective key', 'O-8');
    fillField(form, 'Objective title', '   ');
    fireEvent.click(within(form).getByRole('button', { name: 'Create objective' }));
    const title = within(form).getByLabelText('Objective title');
    expect((await within(form).findByRole('alert')).textContent).toBe('must not be empty');
    expect(title.getAttribute('aria-invalid')).toBe('true');
    expect(title.getAttribute('aria-describedby')).toBe(
      within(form).getByRole('alert').getAttribute('id'),
    );
    expect((within(form).getByLabelText('Objective key') as HTMLInputElement).value).toBe('O-8');

    // a taken key is shown at the key
    fillField(form, 'Objective key', 'O-1');
    fireEvent.click(within(form).getByRole('button', { name: 'Create objective' }));
    await waitFor(() =>
      expect(within(form).getByLabelText('Objective key').getAttribute('aria-invalid')).toBe(
        'true',
      ),
    );
    expect(within(form).getByRole('alert').textContent).toBe(
      'an objective with key "O-1" already exists',
    );
    expect(calls.filter((c) => c.operationName === 'CreateObjective')).toHaveLength(2);
    expect(screen.getByTestId('undo-what').textContent).toBe('');
  });

  it('refuses an unknown link target before writing anything', async () => {
    const { calls } = renderEditorForm(
      <ObjectiveForm cycle={{ id: 'c-Q1', key: 'Q1-27' }} teams={teams} options={{}} />,
      {
        KeyResultIdByKey: {
          errors: [{ message: 'key result KR-404 not found', extensions: { code: 'NOT_FOUND' } }],
        },
      },
    );
    const form = screen.getByRole('form', { name: 'New objective' });
    fillField(form, 'Objective key', 'O-9');
    fillField(form, 'Objective title', 'Cascade');
    fireEvent.click(within(form).getByRole('button', { name: /Add link/ }));
    fillField(form, 'Aligns to 1 kind', 'keyResult');
    fillField(form, 'Aligns to 1 target', 'KR-404');
    fireEvent.click(within(form).getByRole('button', { name: 'Create objective' }));
    expect((await within(form).findByRole('alert')).textContent).toBe(
      'key result KR-404 not found',
    );
    expect(calls.some((c) => c.operationName === 'CreateObjective')).toBe(false);
  });

  it('edits at the version it read, moves a link weight, and undo puts both back', async () => {
    let version = 3;
    const { calls } = renderEditorForm(
      <ObjectiveForm objectiveKey="O-7" teams={teams} options={{}} />,
      {
        ObjectiveForEdit: () => ({
          objective: {
            ...objective({ version, description: 'old words' }),
            alignsTo: [
              {
                __typename: 'ObjectiveLink',
                id: 'l-1',
                weight: 1,
                version: 5,
                goal: { __typename: 'StrategicGoal', id: 'g-1', key: 'G-REL' },
                parentObjective: null,
                keyResult: null,
              },
            ],
          },
        }),
        UpdateObjective: (v) => {
          version += 1;
          return {
            updateObjective: objective({
              version,
              title: (v.input as { title?: string }).title ?? 'Faster checkout',
            }),
          };
        },
        LinkObjective: (v) => ({
          linkObjective: {
            __typename: 'ObjectiveLink',
            id: 'l-1',
            weight: (v.input as { weight: number }).weight,
            version: 6,
          },
        }),
      },
    );
    const form = await screen.findByRole('form', { name: 'Edit objective O-7' });
    expect((within(form).getByLabelText('Description') as HTMLTextAreaElement).value).toBe(
      'old words',
    );
    fillField(form, 'Objective title', 'Checkout in a minute');
    fillField(form, 'Aligns to 1 weight', '3');
    fireEvent.click(within(form).getByRole('button', { name: 'Save objective' }));
    await waitFor(() =>
      expect(screen.getByTestId('undo-what').textContent).toBe('Undo: edit objective O-7'),
    );
    expect(calls.find((c) => c.operationName === 'UpdateObjective')?.variables).toEqual({
      input: { id: 'o-7', expectedVersion: 3, title: 'Checkout in a minute' },
    });
    expect(calls.find((c) => c.operationName === 'LinkObjective')?.variables).toEqual({
      input: { objectiveId: 'o-7', goalId: 'g-1', weight: 3, expectedVersion: 5 },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await screen.findByText('Undone: edit objective O-7.');
    const updates = calls.filter((c) => c.operationName === 'UpdateObjective');
    expect(updates[1].variables).toEqual({
      input: { id: 'o-7', expectedVersion: 4, title: 'Faster checkout' },
    });
    const links = calls.filter((c) => c.operationName === 'LinkObjective');
    expect(links[1].variables).toEqual({
      input: { objectiveId: 'o-7', goalId: 'g-1', weight: 1, expectedVersion: 6 },
    });
  });

  it('says so on a stale version and offers to read the objective again', async () => {
    let reads = 0;
    renderEditorForm(<ObjectiveForm objectiveKey="O-7" teams={teams} options={{}} />, {
      ObjectiveForEdit: () => {
        reads += 1;
        return { objective: { ...objective({ version: reads }), alignsTo: [] } };
      },
      UpdateObjective: {
        errors: [
          {
            message:
              'objective O-7 was changed by someone else (now version 2, you had 1): reload and try again',
            extensions: { code: 'CONFLICT' },
          },
        ],
      },
    });
    const form = await screen.findByRole('form', { name: 'Edit objective O-7' });
    fillField(form, 'Objective title', 'Mine');
    fireEvent.click(within(form).getByRole('button', { name: 'Save objective' }));
    expect((await within(form).findByRole('alert')).textContent).toContain(
      'was changed by someone else',
    );
    fireEvent.click(within(form).getByRole('button', { name: 'Reload it' }));
    await waitFor(() => expect(reads).toBe(2));
    const fresh = await screen.findByRole('form', { name: 'Edit objective O-7' });
    await waitFor(() =>
      expect((within(fresh).getByLabelText('Objective title') as HTMLInputElement).value).toBe(
        'Faster checkout',
      ),
    );
  });
});
