import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../gql/graphql';
import { renderWithApi, type Responses } from '../../test/render';
import SourcesView from './SourcesView';

const teams = {
  teams: {
    __typename: 'TeamPage',
    nodes: [
      { __typename: 'Team', id: 't-WEB', key: 'WEB', name: 'Web' },
      { __typename: 'Team', id: 't-PLAT', key: 'PLAT', name: 'Platform' },
    ],
  },
};

const created = {
  createTicketSource: {
    __typename: 'TicketSourceCreated',
    webhookSecret: 'gh-secret-0123456789abcdef',
    source: {
      __typename: 'TicketSource',
      id: 'src-8',
      name: 'GH',
      webhookPath: '/webhooks/github/src-8',
      version: 1,
    },
  },
};

function renderSources(role: Role, responses: Partial<Responses> = {}) {
  return renderWithApi(<SourcesView />, {
    role,
    route: '/sources',
    path: '/sources',
    responses: {
      TicketSources: { ticketSources: [] },
      SourceTeams: teams,
      ...responses,
    } as Responses,
  });
}

const change = (el: HTMLElement, value: string) => fireEvent.change(el, { target: { value } });

async function openGithub() {
  const f = await screen.findByRole('form', { name: 'Connect a ticket source' });
  change(within(f).getByLabelText('Tracker'), 'GITHUB');
  change(within(f).getByLabelText('Name'), 'GH');
  return f;
}

const errorOf = (input: HTMLElement) =>
  (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id))
    .find((el) => el?.className === 'field-error')?.textContent;

const settingsSent = (calls: { operationName: string; variables: Record<string, unknown> }[]) =>
  (
    calls.find((c) => c.operationName === 'CreateTicketSource')?.variables.input as {
      settings: Record<string, unknown>;
    }
  ).settings;

describe('SourcesView: GitHub Projects (v2) fields', () => {
  it("sends the project, its fields and the iterations' team once a project is named", async () => {
    const { calls } = renderSources('ADMIN', { CreateTicketSource: created });
    const f = await openGithub();
    // the project's fields appear only with a project
    expect(within(f).queryByLabelText(/^Points field/)).toBeNull();
    expect(within(f).queryByLabelText('Iteration field')).toBeNull();
    change(within(f).getByLabelText(/^Repositories/), 'acme/payments');
    change(within(f).getByLabelText(/^Project owner/), ' acme ');
    change(within(f).getByLabelText('Project number'), ' 7 ');
    change(within(f).getByLabelText(/^Points field/), 'Estimate');
    change(within(f).getByLabelText('Iteration field'), 'Sprint');
    await waitFor(() => expect(within(f).getAllByRole('option', { name: /WEB/ })).toHaveLength(1));
    change(within(f).getByLabelText('Iteration team'), 'WEB');
    fireEvent.click(within(f).getByRole('button', { name: 'Connect' }));
    await screen.findByTestId('secret-panel');
    expect(settingsSent(calls)).toEqual({
      repositories: ['acme/payments'],
      pointsLabelPrefix: 'points:',
      initiativeFrom: 'milestone',
      inProgressLabels: [],
      project: { owner: 'acme', number: 7 },
      pointsField: 'Estimate',
      iterationField: 'Sprint',
      iterationTeam: 'WEB',
    });
  });

  it('sends none of the project fields once the project is cleared', async () => {
    const { calls } = renderSources('ADMIN', { CreateTicketSource: created });
    const f = await openGithub();
    change(within(f).getByLabelText(/^Project owner/), 'acme');
    change(within(f).getByLabelText(/^Points field/), 'Estimate');
    change(within(f).getByLabelText(/^Project owner/), '');
    expect(within(f).queryByLabelText(/^Points field/)).toBeNull();
    fireEvent.click(within(f).getByRole('button', { name: 'Connect' }));
    await screen.findByTestId('secret-panel');
    expect(settingsSent(calls)).toEqual({
      repositories: [],
      pointsLabelPrefix: 'points:',
      initiativeFrom: 'milestone',
      inProgressLabels: [],
    });
  });

  it("puts the project's problems at its fields; a missing team at the iteration team", async () => {
    const { calls } = renderSources('OWNER', {
      CreateTicketSource: {
        errors: [
          {
            message: "settings.project.number: must be the project's number",
            extensions: {
              code: 'BAD_USER_INPUT',
              fields: [
                {
                  field: 'settings.project.number',
                  message: "must be the project's number (a whole number from 1)",
                },
                {
                  field: 'settings.project',
                  message: 'reads nothing: name settings.pointsField or settings.iterationField',
                },
                {
                  field: 'settings.iterationField',
                  message: 'must be the name of a project field (1-100 characters)',
                },
              ],
            },
          },
          // the team check names the written-out boardTeams, in the message only
          {
            message: 'settings.boardTeams.acme/projects/7: no team with key "GONE"',
            extensions: { code: 'BAD_USER_INPUT' },
          },
        ],
      },
    });
    const f = await openGithub();
    change(within(f).getByLabelText(/^Project owner/), 'acme');
    change(within(f).getByLabelText('Project number'), 'seven');
    fireEvent.click(within(f).getByRole('button', { name: 'Connect' }));

    const number = within(f).getByLabelText('Project number');
    await waitFor(() => expect(number.getAttribute('aria-invalid')).toBe('true'));
    expect((settingsSent(calls).project as Record<string, unknown>).number).toBe('seven');
    expect(errorOf(number)).toBe("must be the project's number (a whole number from 1)");
    expect(errorOf(within(f).getByLabelText(/^Project owner/))).toContain('reads nothing');
    expect(errorOf(within(f).getByLabelText('Iteration field'))).toContain('project field');
    expect(errorOf(within(f).getByLabelText('Iteration team'))).toBe('no team with key "GONE"');
    expect(within(f).queryByRole('alert')).toBeNull();
  });
});
