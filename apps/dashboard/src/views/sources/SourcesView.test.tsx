import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Role } from '../../gql/graphql';
import { renderWithApi, type Responses } from '../../test/render';
import SourcesView from './SourcesView';

const NOW = Date.parse('2026-12-05T10:00:00.000Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();

const run = (extra: Record<string, unknown> = {}) => ({
  __typename: 'SyncRun',
  id: 'run-1',
  state: 'SUCCEEDED',
  trigger: 'SCHEDULE',
  startedAt: ago(20 * 60_000),
  finishedAt: ago(19 * 60_000),
  created: 12,
  updated: 3,
  unchanged: 230,
  problems: [],
  ...extra,
});

const problem = (i: number) => ({
  __typename: 'Problem',
  path: `event ${i}`,
  message: `problem number ${i}`,
});

const source = (extra: Record<string, unknown> = {}) => ({
  __typename: 'TicketSource',
  id: 'src-1',
  kind: 'JIRA_CLOUD',
  name: 'Acme Jira',
  baseUrl: 'https://acme.atlassian.net',
  webhookPath: '/webhooks/jira_cloud/src-1',
  settings: { storyPointsField: 'customfield_10016' },
  enabled: true,
  hasCredentials: true,
  lastEventAt: ago(3 * 60_000),
  lastSyncAt: ago(19 * 60_000),
  stale: true,
  pendingEvents: 7,
  deadLetters: 2,
  problems: [1, 2, 3, 4, 5].map(problem),
  lastSync: run(),
  version: 4,
  createdAt: ago(86_400_000),
  ...extra,
});

const teams = {
  teams: {
    __typename: 'TeamPage',
    nodes: [
      { __typename: 'Team', id: 't-PLAT', key: 'PLAT', name: 'Platform' },
      { __typename: 'Team', id: 't-GROW', key: 'GROW', name: 'Growth' },
    ],
  },
};

const SECRET = 'aVeryRandomSecret_0123456789abcdefghijklmnopq';

function renderSources(role: Role, responses: Partial<Responses> = {}) {
  return renderWithApi(<SourcesView />, {
    role,
    route: '/sources',
    path: '/sources',
    responses: {
      TicketSources: { ticketSources: [source()] },
      SourceTeams: teams,
      ...responses,
    } as Responses,
  });
}

const form = () => screen.getByRole('form', { name: 'Connect a ticket source' });

describe('SourcesView', () => {
  afterEach(() => vi.useRealTimers());

  it("lists every source with the API's freshness, counts, problems and last sync; a VIEWER gets no controls", async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    renderSources('VIEWER');
    const card = await screen.findByTestId('source-Acme Jira');
    expect(within(card).getByRole('heading', { name: 'Acme Jira' })).toBeTruthy();
    expect(within(card).getByText('Jira Cloud')).toBeTruthy();
    expect(within(card).getByTestId('stale').textContent).toBe('stale');
    expect(within(card).getByTestId('last-event').textContent).toBe('3 minutes ago');
    expect(within(card).getByTestId('last-sync-at').textContent).toBe('19 minutes ago');
    expect(within(card).getByTestId('pending-events').textContent).toBe('7');
    expect(within(card).getByTestId('dead-letters').textContent).toBe('2');
    expect(within(card).getByTestId('sync-counts').textContent).toBe(
      '12 created · 3 updated · 230 unchanged',
    );
    expect(within(card).getByText('Succeeded')).toBeTruthy();
    // the newest three problems in view, the older ones folded away
    const problems = within(card).getByRole('group', { name: 'Problems of Acme Jira' });
    const details = problems.querySelector('details')!;
    expect(details.open).toBe(false);
    expect(within(problems).getByText('problem number 3').closest('details')).toBeNull();
    expect(within(problems).getByText('problem number 4').closest('details')).toBe(details);
    expect(screen.queryByRole('button', { name: /Sync now|Rotate|Delete|Replay/ })).toBeNull();
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('shows the secret once after creating a source, with the full webhook URL and the Jira steps', async () => {
    let listed = [source()];
    const created = source({
      id: 'src-2',
      name: 'New Jira',
      webhookPath: '/webhooks/jira_cloud/src-2',
      lastEventAt: null,
      lastSyncAt: null,
      stale: false,
      pendingEvents: 0,
      deadLetters: 0,
      problems: [],
      lastSync: null,
      version: 1,
    });
    const { calls } = renderSources('ADMIN', {
      TicketSources: () => ({ ticketSources: listed }),
      CreateTicketSource: () => {
        listed = [source(), created];
        return {
          createTicketSource: {
            __typename: 'TicketSourceCreated',
            webhookSecret: SECRET,
            source: created,
          },
        };
      },
    });
    await screen.findByTestId('source-Acme Jira');
    const f = form();
    fireEvent.change(within(f).getByLabelText('Name'), { target: { value: 'New Jira' } });
    fireEvent.change(within(f).getByLabelText('Site URL'), {
      target: { value: 'https://acme.atlassian.net' },
    });
    const credentials = within(f).getByLabelText('API credentials (email:api-token)');
    expect(credentials.getAttribute('type')).toBe('password');
    fireEvent.change(credentials, { target: { value: 'me@acme.com:token' } });
    fireEvent.change(within(f).getByLabelText('Story points field'), {
      target: { value: 'customfield_10028' },
    });
    await waitFor(() => expect(within(f).getAllByRole('option', { name: /PLAT/ })).toHaveLength(1));
    const row = within(f).getByTestId('board-row-0');
    fireEvent.change(within(row).getByLabelText('Board id'), { target: { value: '3' } });
    fireEvent.change(within(row).getByLabelText('Team'), { target: { value: 'PLAT' } });
    fireEvent.change(within(f).getByLabelText(/Projects/), { target: { value: 'pay, PLAT' } });
    fireEvent.click(within(f).getByRole('button', { name: 'Connect' }));

    const panel = await screen.findByTestId('secret-panel');
    expect(calls.find((c) => c.operationName === 'CreateTicketSource')?.variables).toEqual({
      input: {
        kind: 'JIRA_CLOUD',
        name: 'New Jira',
        baseUrl: 'https://acme.atlassian.net',
        credentials: 'me@acme.com:token',
        settings: {
          storyPointsField: 'customfield_10028',
          sprintField: 'customfield_10020',
          boardTeams: { '3': 'PLAT' },
          projects: ['PAY', 'PLAT'],
        },
      },
    });
    expect((within(panel).getByTestId('webhook-url') as HTMLInputElement).value).toBe(
      `${window.location.origin}/webhooks/jira_cloud/src-2`,
    );
    expect((within(panel).getByTestId('webhook-secret') as HTMLInputElement).value).toBe(SECRET);
    expect(panel.textContent).toContain('cannot be shown again');
    expect(panel.textContent).toContain('Jira settings → System → WebHooks');
    expect(within(panel).getByRole('button', { name: 'Copy the Secret' })).toBeTruthy();
    // the form forgot the credentials, and the list shows the new source (refetched)
    expect((within(form()).getByLabelText(/API credentials/) as HTMLInputElement).value).toBe('');
    expect(await screen.findByTestId('source-New Jira')).toBeTruthy();

    fireEvent.click(within(panel).getByRole('button', { name: /hide the secret/ }));
    expect(screen.queryByTestId('secret-panel')).toBeNull();
    expect(document.body.innerHTML).not.toContain(SECRET);
  });

  it("puts the API's problems next to the fields they name, the rest above the form", async () => {
    renderSources('OWNER', {
      CreateTicketSource: {
        errors: [
          {
            message: 'input.name: must not be empty',
            extensions: {
              code: 'BAD_USER_INPUT',
              fields: [{ field: 'input.name', message: 'must not be empty' }],
            },
          },
          // a domain error naming its field only in the message
          { message: 'baseUrl: must start with https://', extensions: { code: 'BAD_USER_INPUT' } },
          {
            message: 'settings.boardTeams.3: no team with key "GONE"',
            extensions: {
              code: 'BAD_USER_INPUT',
              fields: [{ field: 'settings.boardTeams.3', message: 'no team with key "GONE"' }],
            },
          },
          { message: 'you may not do this', extensions: { code: 'FORBIDDEN' } },
        ],
      },
    });
    await screen.findByTestId('source-Acme Jira');
    const f = form();
    fireEvent.change(within(f).getByLabelText('Name'), { target: { value: ' ' } });
    const row = within(f).getByTestId('board-row-0');
    fireEvent.change(within(row).getByLabelText('Board id'), { target: { value: '3' } });
    fireEvent.click(within(f).getByRole('button', { name: 'Connect' }));

    const errorOf = (input: HTMLElement) =>
      document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent;
    const name = within(f).getByLabelText('Name');
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    expect(errorOf(name)).toBe('must not be empty');
    expect(errorOf(within(f).getByLabelText('Site URL'))).toBe('must start with https://');
    expect(errorOf(within(row).getByLabelText('Board id'))).toBe('no team with key "GONE"');
    expect(
      within(f)
        .getByLabelText(/API credentials/)
        .getAttribute('aria-invalid'),
    ).toBeNull();
    expect(within(f).getByRole('alert').textContent).toBe('you may not do this');
    expect(screen.queryByTestId('secret-panel')).toBeNull();
  });

  it('syncs, rotates (after confirming, the new secret once) and replays dead letters', async () => {
    const { calls } = renderSources('ADMIN', {
      SyncTicketSource: {
        syncTicketSource: run({
          id: 'run-2',
          trigger: 'MANUAL',
          state: 'FAILED',
          created: 0,
          updated: 0,
          unchanged: 0,
          problems: [{ __typename: 'Problem', path: 'jira', message: 'Jira answered 401' }],
        }),
      },
      RotateTicketSourceSecret: {
        rotateTicketSourceSecret: {
          __typename: 'TicketSourceCreated',
          webhookSecret: SECRET,
          source: source({ version: 5 }),
        },
      },
      ReplayDeadLetters: { replayDeadLetters: 2 },
    });
    const card = await screen.findByTestId('source-Acme Jira');
    fireEvent.click(within(card).getByRole('button', { name: 'Sync now' }));
    const result = await within(card).findByRole('status', { name: 'Sync result' });
    expect(result.textContent).toContain('Failed');
    expect(result.textContent).toContain('Jira answered 401');

    fireEvent.click(within(card).getByRole('button', { name: 'Rotate secret' }));
    expect(screen.queryByTestId('secret-panel')).toBeNull();
    fireEvent.click(within(card).getByRole('button', { name: 'Rotate' }));
    const panel = await screen.findByTestId('secret-panel');
    expect((within(panel).getByTestId('webhook-secret') as HTMLInputElement).value).toBe(SECRET);
    expect(panel.textContent).toContain('old secret has stopped working');
    expect(calls.find((c) => c.operationName === 'RotateTicketSourceSecret')?.variables).toEqual({
      id: 'src-1',
      expectedVersion: 4,
    });

    fireEvent.click(within(card).getByRole('button', { name: 'Replay dead letters' }));
    expect((await within(card).findByText(/Queued 2 dead letters again/)).textContent).toBe(
      'Queued 2 dead letters again.',
    );
  });

  it('disables a source and deletes it after confirming, naming the version it read', async () => {
    const { calls } = renderSources('OWNER', {
      UpdateTicketSource: {
        updateTicketSource: { __typename: 'TicketSource', id: 'src-1', enabled: false, version: 5 },
      },
      DeleteTicketSource: {
        errors: [
          {
            message: 'ticket source "Acme Jira" has changed since you read it: reload',
            extensions: { code: 'CONFLICT' },
          },
        ],
      },
    });
    const card = await screen.findByTestId('source-Acme Jira');
    fireEvent.click(within(card).getByRole('button', { name: 'Disable' }));
    await waitFor(() =>
      expect(calls.find((c) => c.operationName === 'UpdateTicketSource')?.variables).toEqual({
        input: { id: 'src-1', expectedVersion: 4, enabled: false },
      }),
    );
    fireEvent.click(within(card).getByRole('button', { name: 'Delete' }));
    expect(calls.some((c) => c.operationName === 'DeleteTicketSource')).toBe(false);
    const ask = within(card).getByRole('group', { name: /Delete Acme Jira\?/ });
    fireEvent.click(within(ask).getByRole('button', { name: 'Delete' }));
    expect((await within(card).findByRole('alert')).textContent).toContain('reload');
    expect(calls.find((c) => c.operationName === 'DeleteTicketSource')?.variables).toEqual({
      id: 'src-1',
      expectedVersion: 4,
    });
  });

  it('refreshes the list every 5 seconds while open', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let pending = 7;
    const { calls } = renderSources('VIEWER', {
      TicketSources: () => ({ ticketSources: [source({ pendingEvents: pending })] }),
    });
    const card = await screen.findByTestId('source-Acme Jira');
    expect(within(card).getByTestId('pending-events').textContent).toBe('7');
    const before = calls.filter((c) => c.operationName === 'TicketSources').length;
    pending = 0;
    act(() => vi.advanceTimersByTime(5000));
    await waitFor(() => expect(within(card).getByTestId('pending-events').textContent).toBe('0'));
    expect(calls.filter((c) => c.operationName === 'TicketSources').length).toBe(before + 1);
  });
});
