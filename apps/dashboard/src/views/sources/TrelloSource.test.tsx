import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../gql/graphql';
import { renderWithApi, type Responses } from '../../test/render';
import SourcesView from './SourcesView';

// Trello signs with the app's own secret: the user pastes it, the API answers it back
const APP_SECRET = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
const BOARD_ID = '5f2b8c3e9a1d4e6f7a8b9c0d';

const teams = {
  teams: {
    __typename: 'TeamPage',
    nodes: [
      { __typename: 'Team', id: 't-PLAT', key: 'PLAT', name: 'Platform' },
      { __typename: 'Team', id: 't-GROW', key: 'GROW', name: 'Growth' },
    ],
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

const created = {
  createTicketSource: {
    __typename: 'TicketSourceCreated',
    webhookSecret: APP_SECRET,
    source: {
      __typename: 'TicketSource',
      id: 'src-5',
      name: 'Acme Trello',
      webhookPath: '/webhooks/trello/src-5',
      version: 1,
    },
  },
};

const change = (el: HTMLElement, value: string) => fireEvent.change(el, { target: { value } });

async function openTrello() {
  const f = await screen.findByRole('form', { name: 'Connect a ticket source' });
  change(within(f).getByLabelText('Tracker'), 'TRELLO');
  return f;
}

const errorOf = (input: HTMLElement) =>
  (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id))
    .find((el) => el?.className === 'field-error')?.textContent;

describe('SourcesView: Trello sources', () => {
  it("creates a Trello source with the app's secret and its settings; the panel shows the URL and the registration, no secret", async () => {
    const { calls } = renderSources('ADMIN', { CreateTicketSource: created });
    const f = await openTrello();
    expect(
      within(f)
        .getByLabelText(/API key and token/)
        .getAttribute('type'),
    ).toBe('password');
    const secret = within(f).getByLabelText("Trello app's secret");
    expect(secret.getAttribute('type')).toBe('password');
    expect(secret.hasAttribute('required')).toBe(true);
    expect(
      within(f)
        .getByLabelText(/^API URL/)
        .getAttribute('placeholder'),
    ).toBe('https://api.trello.com/1');

    change(within(f).getByLabelText('Name'), 'Acme Trello');
    change(within(f).getByLabelText(/API key and token/), 'key123:token456');
    change(secret, ` ${APP_SECRET} `);
    change(within(f).getByLabelText(/^Boards/), `AbCd1234, ${BOARD_ID} AbCd1234`);
    await waitFor(() => expect(within(f).getAllByRole('option', { name: /PLAT/ })).toHaveLength(1));
    const board = within(f).getByTestId('board-row-0');
    change(within(board).getByLabelText('Board (id or shortLink)'), ' AbCd1234 ');
    change(within(board).getByLabelText('Team'), 'PLAT');
    const list = within(f).getByTestId('list-row-0');
    change(within(list).getByLabelText('List name'), ' In Review ');
    change(within(list).getByLabelText('Category'), 'IN_PROGRESS');
    fireEvent.click(within(f).getByRole('button', { name: 'Add a list' }));
    const list2 = within(f).getByTestId('list-row-1');
    change(within(list2).getByLabelText('List name'), "Won't do");
    change(within(list2).getByLabelText('Category'), 'CANCELLED');
    change(within(f).getByLabelText(/Points custom field/), 'Size');
    change(within(f).getByLabelText(/Key prefix/), 'TRL');
    change(within(f).getByLabelText('Initiative from'), 'cardLink');
    change(within(f).getByLabelText(/Sprint label prefix/), 'sprint:');
    fireEvent.click(within(f).getByRole('button', { name: 'Connect' }));

    const panel = await screen.findByTestId('secret-panel');
    expect(calls.find((c) => c.operationName === 'CreateTicketSource')?.variables).toEqual({
      input: {
        kind: 'TRELLO',
        name: 'Acme Trello',
        baseUrl: null,
        credentials: 'key123:token456',
        webhookSecret: APP_SECRET,
        settings: {
          boards: ['AbCd1234', BOARD_ID],
          boardTeams: { AbCd1234: 'PLAT' },
          listCategories: { 'In Review': 'IN_PROGRESS', "Won't do": 'CANCELLED' },
          pointsField: 'Size',
          keyPrefix: 'TRL',
          initiativeFrom: 'cardLink',
          sprintLabelPrefix: 'sprint:',
        },
      },
    });
    expect(within(panel).getByRole('heading', { level: 2 }).textContent).toBe(
      'Set up the Trello webhook for Acme Trello',
    );
    expect((within(panel).getByTestId('webhook-url') as HTMLInputElement).value).toBe(
      `${window.location.origin}/webhooks/trello/src-5`,
    );
    // the secret is the user's own: not shown back
    expect(within(panel).queryByTestId('webhook-secret')).toBeNull();
    expect(panel.textContent).not.toContain(APP_SECRET);
    expect(panel.textContent).toContain('there is no secret to copy');
    const steps = within(panel).getByTestId('webhook-steps').textContent;
    expect(steps).toContain('POST /1/webhooks');
    expect(steps).toContain('callbackURL');
    expect(steps).toContain('/webhooks/trello/src-5');
    expect(steps).toContain('idModel');
    expect(steps).toContain('PUBLIC_URL');
    // the secret and credentials left the form; the settings start again
    expect((within(f).getByLabelText("Trello app's secret") as HTMLInputElement).value).toBe('');
    expect((within(f).getByLabelText(/^Boards/) as HTMLInputElement).value).toBe('');
  });

  it('sends only the defaults when left as they are', async () => {
    const { calls } = renderSources('ADMIN', { CreateTicketSource: created });
    const f = await openTrello();
    change(within(f).getByLabelText('Name'), 'Acme Trello');
    change(within(f).getByLabelText("Trello app's secret"), APP_SECRET);
    fireEvent.click(within(f).getByRole('button', { name: 'Connect' }));
    await screen.findByTestId('secret-panel');
    expect(calls.find((c) => c.operationName === 'CreateTicketSource')?.variables).toEqual({
      input: {
        kind: 'TRELLO',
        name: 'Acme Trello',
        baseUrl: null,
        credentials: null,
        webhookSecret: APP_SECRET,
        settings: { boards: [], boardTeams: {}, listCategories: {}, initiativeFrom: 'label' },
      },
    });
  });

  it("refuses to send without the app's secret, with credentials not key:token, or with a list listed twice", async () => {
    const { calls } = renderSources('ADMIN');
    const f = await openTrello();
    change(within(f).getByLabelText('Name'), 'Acme Trello');
    fireEvent.submit(f);
    const secret = within(f).getByLabelText("Trello app's secret");
    await waitFor(() => expect(secret.getAttribute('aria-invalid')).toBe('true'));
    expect(errorOf(secret)).toContain('is required');

    change(secret, APP_SECRET);
    // Trello's client reads key:token; the API stores them unread, so the form says it now
    const credentials = within(f).getByLabelText(/API key and token/);
    change(credentials, 'only-a-token');
    fireEvent.submit(f);
    await waitFor(() => expect(credentials.getAttribute('aria-invalid')).toBe('true'));
    expect(errorOf(credentials)).toContain('<api key>:<token>');

    change(credentials, 'key123:token456');
    change(within(within(f).getByTestId('list-row-0')).getByLabelText('List name'), 'Doing');
    fireEvent.click(within(f).getByRole('button', { name: 'Add a list' }));
    change(within(within(f).getByTestId('list-row-1')).getByLabelText('List name'), ' Doing');
    fireEvent.submit(f);
    expect(await within(f).findByText('list Doing is listed twice')).toBeTruthy();
    expect(calls.some((c) => c.operationName === 'CreateTicketSource')).toBe(false);
  });

  it("puts a Trello source's problems next to their fields and rows", async () => {
    renderSources('OWNER', {
      CreateTicketSource: {
        errors: [
          {
            message: 'settings.boards[1]: must be a board id',
            extensions: {
              code: 'BAD_USER_INPUT',
              fields: [
                {
                  field: 'settings.boards[1]',
                  message: 'must be a board id (24 hex digits) or shortLink',
                },
                {
                  field: 'settings.keyPrefix',
                  message: 'names one board: card numbers of several boards would share keys',
                },
                { field: 'settings.initiativeFrom', message: 'must be "label" or "cardLink"' },
                { field: 'settings.pointsField', message: 'must be the name of a number field' },
                { field: 'settings.sprintLabelPrefix', message: 'must be a label prefix' },
              ],
            },
          },
          // a domain error naming a board row and a list row only in its message
          {
            message: 'settings.boardTeams.AbCd1234: no team with key "GONE"',
            extensions: { code: 'BAD_USER_INPUT' },
          },
          {
            message: 'settings.listCategories.In Review: must be one of TODO, IN_PROGRESS, DONE',
            extensions: { code: 'BAD_USER_INPUT' },
          },
          { message: 'webhookSecret: must be at least 16 characters' },
        ],
      },
    });
    const f = await openTrello();
    change(within(f).getByLabelText('Name'), 'T');
    change(within(f).getByLabelText("Trello app's secret"), 'short');
    change(within(f).getByLabelText(/^Boards/), 'AbCd1234 nope');
    const board = within(f).getByTestId('board-row-0');
    change(within(board).getByLabelText('Board (id or shortLink)'), 'AbCd1234');
    const list = within(f).getByTestId('list-row-0');
    change(within(list).getByLabelText('List name'), 'In Review');
    fireEvent.click(within(f).getByRole('button', { name: 'Connect' }));

    const boards = within(f).getByLabelText(/^Boards/);
    await waitFor(() => expect(boards.getAttribute('aria-invalid')).toBe('true'));
    expect(errorOf(boards)).toBe('item 2: must be a board id (24 hex digits) or shortLink');
    expect(errorOf(within(f).getByLabelText(/Key prefix/))).toContain('names one board');
    expect(errorOf(within(f).getByLabelText('Initiative from'))).toContain('cardLink');
    expect(errorOf(within(f).getByLabelText(/Points custom field/))).toContain('number field');
    expect(errorOf(within(f).getByLabelText(/Sprint label prefix/))).toBe('must be a label prefix');
    expect(errorOf(within(board).getByLabelText('Board (id or shortLink)'))).toBe(
      'no team with key "GONE"',
    );
    expect(errorOf(within(list).getByLabelText('List name'))).toBe(
      'must be one of TODO, IN_PROGRESS, DONE',
    );
    expect(errorOf(within(f).getByLabelText("Trello app's secret"))).toBe(
      'must be at least 16 characters',
    );
    expect(within(f).queryByRole('alert')).toBeNull();
  });
});
