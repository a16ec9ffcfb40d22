import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Role, SourceKind } from '../../gql/graphql';
import { renderWithApi, type Responses } from '../../test/render';
import SourcesView from './SourcesView';

const SECRET = 'lin_wh_0123456789abcdefghijklmnopqrstuvwxyz';

const teams = {
  teams: {
    __typename: 'TeamPage',
    nodes: [
      { __typename: 'Team', id: 't-PLAT', key: 'PLAT', name: 'Platform' },
      { __typename: 'Team', id: 't-GROW', key: 'GROW', name: 'Growth' },
    ],
  },
};

const createdSource = (kind: SourceKind, name: string) => ({
  __typename: 'TicketSource',
  id: 'src-9',
  name,
  webhookPath: `/webhooks/${kind.toLowerCase()}/src-9`,
  version: 1,
});

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

const created = (kind: SourceKind, name: string, webhookSecret = SECRET) => ({
  createTicketSource: {
    __typename: 'TicketSourceCreated',
    webhookSecret,
    source: createdSource(kind, name),
  },
});

async function openForm(kind: SourceKind) {
  const f = await screen.findByRole('form', { name: 'Connect a ticket source' });
  fireEvent.change(within(f).getByLabelText('Tracker'), { target: { value: kind } });
  return f;
}

const change = (el: HTMLElement, value: string) => fireEvent.change(el, { target: { value } });

describe('SourcesView: Linear and GitHub sources', () => {
  it('offers Linear and GitHub, each with its own fields', async () => {
    renderSources('ADMIN');
    const f = await screen.findByRole('form', { name: 'Connect a ticket source' });
    const options = within(within(f).getByLabelText('Tracker')).getAllByRole('option');
    const enabled = options
      .filter((o) => !(o as HTMLOptionElement).disabled)
      .map((o) => o.textContent);
    expect(enabled).toEqual(['Jira Cloud', 'Linear', 'GitHub', 'Asana', 'Trello']);

    await openForm('LINEAR');
    expect(within(f).queryByLabelText('Story points field')).toBeNull();
    expect(within(f).queryByTestId('board-row-0')).toBeNull();
    expect(within(f).getByLabelText('API key').getAttribute('type')).toBe('password');
    expect(
      within(f)
        .getByLabelText(/^Site URL \(optional/)
        .getAttribute('placeholder'),
    ).toBe('https://api.linear.app');
    expect(within(f).getByTestId('team-row-0')).toBeTruthy();
    expect(
      within(f)
        .getByLabelText(/Linear's signing secret/)
        .getAttribute('type'),
    ).toBe('password');
    expect(f.textContent).toContain("Linear's New webhook form shows a signing secret");

    await openForm('GITHUB');
    expect(within(f).queryByTestId('team-row-0')).toBeNull();
    expect(within(f).queryByLabelText(/signing secret/)).toBeNull();
    expect(within(f).getByLabelText('Token').getAttribute('type')).toBe('password');
    expect(
      within(f)
        .getByLabelText(/^API URL/)
        .getAttribute('placeholder'),
    ).toBe('https://api.github.com');
    expect(f.textContent).toContain('https://<host>/api/v3');
    expect((within(f).getByLabelText('Points label prefix') as HTMLInputElement).value).toBe(
      'points:',
    );
    // the label prefix only when initiatives come from labels
    expect(within(f).queryByLabelText('Initiative label prefix')).toBeNull();
    change(within(f).getByLabelText('Initiative from'), 'label');
    expect((within(f).getByLabelText('Initiative label prefix') as HTMLInputElement).value).toBe(
      'epic:',
    );
  });

  it("creates a Linear source with Linear's signing secret, then shows Linear's steps", async () => {
    const { calls } = renderSources('OWNER', {
      CreateTicketSource: created('LINEAR', 'Acme Linear'),
    });
    const f = await openForm('LINEAR');
    change(within(f).getByLabelText('Name'), 'Acme Linear');
    change(within(f).getByLabelText('API key'), 'lin_api_key');
    await waitFor(() => expect(within(f).getAllByRole('option', { name: /PLAT/ })).toHaveLength(1));
    const row = within(f).getByTestId('team-row-0');
    change(within(row).getByLabelText('Linear team key'), 'eng');
    change(within(row).getByLabelText('Team'), 'PLAT');
    fireEvent.click(within(f).getByRole('button', { name: 'Add a Linear team' }));
    const row2 = within(f).getByTestId('team-row-1');
    change(within(row2).getByLabelText('Linear team key'), 'WEB');
    change(within(row2).getByLabelText('Team'), 'GROW');
    change(within(f).getByLabelText('Projects map initiatives by'), 'id');
    change(within(f).getByLabelText(/Linear teams to reconcile/), 'eng, web');
    change(within(f).getByLabelText(/Linear's signing secret/), ` ${SECRET} `);
    fireEvent.click(within(f).getByRole('button', { name: 'Connect' }));

    const panel = await screen.findByTestId('secret-panel');
    expect(calls.find((c) => c.operationName === 'CreateTicketSource')?.variables).toEqual({
      input: {
        kind: 'LINEAR',
        name: 'Acme Linear',
        baseUrl: null,
        credentials: 'lin_api_key',
        settings: {
          teamTeams: { ENG: 'PLAT', WEB: 'GROW' },
          projectsBy: 'id',
          teams: ['ENG', 'WEB'],
        },
        webhookSecret: SECRET,
      },
    });
    expect(within(panel).getByRole('heading', { level: 2 }).textContent).toBe(
      'Set up the Linear webhook for Acme Linear',
    );
    expect((within(panel).getByTestId('webhook-url') as HTMLInputElement).value).toBe(
      `${window.location.origin}/webhooks/linear/src-9`,
    );
    const steps = within(panel).getByTestId('webhook-steps').textContent;
    expect(steps).toContain('Settings → API → Webhooks');
    expect(steps).toContain('Issues');
    expect(steps).toContain('Cycles');
    expect(steps).toContain("You pasted Linear's secret, so it is already set");
    expect(steps).not.toContain('Jira');
    // the secret left the form
    expect((within(f).getByLabelText(/Linear's signing secret/) as HTMLInputElement).value).toBe(
      '',
    );
  });

  it('creates a Linear source without a secret: no webhookSecret sent, the steps say how to set one', async () => {
    const { calls } = renderSources('ADMIN', {
      CreateTicketSource: created('LINEAR', 'Linear', 'generated-secret'),
    });
    const f = await openForm('LINEAR');
    change(within(f).getByLabelText('Name'), 'Linear');
    change(within(f).getByLabelText(/^Site URL/), 'https://linear.example.com');
    fireEvent.click(within(f).getByRole('button', { name: 'Connect' }));
    const panel = await screen.findByTestId('secret-panel');
    expect(calls.find((c) => c.operationName === 'CreateTicketSource')?.variables).toEqual({
      input: {
        kind: 'LINEAR',
        name: 'Linear',
        baseUrl: 'https://linear.example.com',
        credentials: null,
        settings: { teamTeams: {}, projectsBy: 'name', teams: [] },
      },
    });
    expect(within(panel).getByTestId('webhook-steps').textContent).toContain(
      "If you pasted Linear's secret, it is already set",
    );
  });

  it('creates a GitHub source with its settings, then shows the GitHub steps', async () => {
    const { calls } = renderSources('ADMIN', {
      CreateTicketSource: created('GITHUB', 'Acme GitHub'),
    });
    const f = await openForm('GITHUB');
    change(within(f).getByLabelText('Name'), 'Acme GitHub');
    change(within(f).getByLabelText(/^API URL/), 'https://ghe.acme.com/api/v3');
    change(within(f).getByLabelText('Token'), 'github_pat_x');
    change(within(f).getByLabelText(/^Repositories/), 'acme/payments, acme/web acme/payments');
    change(within(f).getByLabelText('Points label prefix'), 'sp:');
    change(within(f).getByLabelText('Initiative from'), 'label');
    change(within(f).getByLabelText('Initiative label prefix'), 'initiative:');
    change(within(f).getByLabelText(/In-progress labels/), 'in progress, doing');
    change(within(f).getByLabelText(/Sprint label prefix/), 'sprint:');
    fireEvent.click(within(f).getByRole('button', { name: 'Connect' }));

    const panel = await screen.findByTestId('secret-panel');
    expect(calls.find((c) => c.operationName === 'CreateTicketSource')?.variables).toEqual({
      input: {
        kind: 'GITHUB',
        name: 'Acme GitHub',
        baseUrl: 'https://ghe.acme.com/api/v3',
        credentials: 'github_pat_x',
        settings: {
          repositories: ['acme/payments', 'acme/web'],
          pointsLabelPrefix: 'sp:',
          initiativeFrom: 'label',
          initiativeLabelPrefix: 'initiative:',
          inProgressLabels: ['in progress', 'doing'],
          sprintLabelPrefix: 'sprint:',
        },
      },
    });
    expect(within(panel).getByRole('heading', { level: 2 }).textContent).toBe(
      'Set up the GitHub webhook for Acme GitHub',
    );
    expect((within(panel).getByTestId('webhook-secret') as HTMLInputElement).value).toBe(SECRET);
    const steps = within(panel).getByTestId('webhook-steps').textContent;
    expect(steps).toContain('Settings → Webhooks → Add webhook');
    expect(steps).toContain('application/json');
    expect(steps).toContain('Issues');
    expect(steps).toContain('Secret');
  });

  it('sends only the defaults GitHub needs when left as they are', async () => {
    const { calls } = renderSources('ADMIN', { CreateTicketSource: created('GITHUB', 'GH') });
    const f = await openForm('GITHUB');
    change(within(f).getByLabelText('Name'), 'GH');
    fireEvent.click(within(f).getByRole('button', { name: 'Connect' }));
    await screen.findByTestId('secret-panel');
    expect(calls.find((c) => c.operationName === 'CreateTicketSource')?.variables).toEqual({
      input: {
        kind: 'GITHUB',
        name: 'GH',
        baseUrl: null,
        credentials: null,
        settings: {
          repositories: [],
          pointsLabelPrefix: 'points:',
          initiativeFrom: 'milestone',
          inProgressLabels: [],
        },
      },
    });
  });

  const errorOf = (input: HTMLElement) =>
    (input.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id))
      .find((el) => el?.className === 'field-error')?.textContent;

  it("puts a Linear source's problems next to their fields and team rows", async () => {
    renderSources('OWNER', {
      CreateTicketSource: {
        errors: [
          {
            message: 'settings.teamTeams.ENG: must be a team key',
            extensions: {
              code: 'BAD_USER_INPUT',
              fields: [
                { field: 'settings.teamTeams.ENG', message: 'must be a team key' },
                { field: 'settings.teams[1]', message: 'must be a Linear team key such as ENG' },
              ],
            },
          },
          { message: 'webhookSecret: must be at least 16 characters' },
        ],
      },
    });
    const f = await openForm('LINEAR');
    change(within(f).getByLabelText('Name'), 'Linear');
    const row = within(f).getByTestId('team-row-0');
    change(within(row).getByLabelText('Linear team key'), 'eng');
    change(within(f).getByLabelText(/Linear's signing secret/), 'short');
    fireEvent.click(within(f).getByRole('button', { name: 'Connect' }));

    const key = within(row).getByLabelText('Linear team key');
    await waitFor(() => expect(key.getAttribute('aria-invalid')).toBe('true'));
    expect(errorOf(key)).toBe('must be a team key');
    expect(errorOf(within(f).getByLabelText(/Linear teams to reconcile/))).toBe(
      'item 2: must be a Linear team key such as ENG',
    );
    expect(errorOf(within(f).getByLabelText(/Linear's signing secret/))).toBe(
      'must be at least 16 characters',
    );
    expect(within(f).queryByRole('alert')).toBeNull();
  });

  it("puts a GitHub source's problems next to their fields", async () => {
    renderSources('OWNER', {
      CreateTicketSource: {
        errors: [
          {
            message: 'settings.repositories[0]: must be owner/repo',
            extensions: {
              code: 'BAD_USER_INPUT',
              fields: [
                { field: 'settings.repositories[0]', message: 'must be owner/repo' },
                {
                  field: 'settings.pointsLabelPrefix',
                  message: 'must be a label prefix of at most 50 characters, such as "points:"',
                },
              ],
            },
          },
        ],
      },
    });
    const f = await openForm('GITHUB');
    change(within(f).getByLabelText('Name'), 'GH');
    change(within(f).getByLabelText(/^Repositories/), 'not a repo');
    fireEvent.click(within(f).getByRole('button', { name: 'Connect' }));
    const repositories = within(f).getByLabelText(/^Repositories/);
    await waitFor(() => expect(repositories.getAttribute('aria-invalid')).toBe('true'));
    expect(errorOf(repositories)).toBe('item 1: must be owner/repo');
    expect(errorOf(within(f).getByLabelText('Points label prefix'))).toContain('label prefix');
  });

  it('refuses a Linear team listed twice before sending anything', async () => {
    const { calls } = renderSources('ADMIN');
    const f = await openForm('LINEAR');
    change(within(f).getByLabelText('Name'), 'Linear');
    change(within(within(f).getByTestId('team-row-0')).getByLabelText('Linear team key'), 'ENG');
    fireEvent.click(within(f).getByRole('button', { name: 'Add a Linear team' }));
    change(within(within(f).getByTestId('team-row-1')).getByLabelText('Linear team key'), 'eng');
    fireEvent.click(within(f).getByRole('button', { name: 'Connect' }));
    expect(await within(f).findByText('team ENG is listed twice')).toBeTruthy();
    expect(calls.some((c) => c.operationName === 'CreateTicketSource')).toBe(false);
  });

  it('shows the GitHub steps after rotating the secret of a GitHub source', async () => {
    renderSources('ADMIN', {
      TicketSources: {
        ticketSources: [
          {
            __typename: 'TicketSource',
            id: 'src-9',
            kind: 'GITHUB',
            name: 'GH',
            baseUrl: null,
            webhookPath: '/webhooks/github/src-9',
            settings: {},
            enabled: true,
            hasCredentials: true,
            lastEventAt: null,
            lastSyncAt: null,
            stale: false,
            pendingEvents: 0,
            deadLetters: 0,
            problems: [],
            lastSync: null,
            version: 2,
            createdAt: '2026-12-01T00:00:00.000Z',
          },
        ],
      },
      RotateTicketSourceSecret: {
        rotateTicketSourceSecret: {
          __typename: 'TicketSourceCreated',
          webhookSecret: SECRET,
          source: { ...createdSource('GITHUB', 'GH'), version: 3 },
        },
      },
    });
    const card = await screen.findByTestId('source-GH');
    fireEvent.click(within(card).getByRole('button', { name: 'Rotate secret' }));
    fireEvent.click(within(card).getByRole('button', { name: 'Rotate' }));
    const panel = await screen.findByTestId('secret-panel');
    expect(panel.textContent).toContain('update the webhook in GitHub');
    expect(within(panel).getByTestId('webhook-steps').textContent).toContain(
      'Settings → Webhooks → Add webhook',
    );
  });
});
