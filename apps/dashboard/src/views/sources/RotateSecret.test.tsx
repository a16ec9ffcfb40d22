import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SourceKind } from '../../gql/graphql';
import { renderWithApi, type Responses } from '../../test/render';
import SourcesView from './SourcesView';

const NEW_APP_SECRET = 'fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210';
const GENERATED = 'generated-0123456789abcdefghijklmnopqrstuvwxyz';

const source = (kind: SourceKind, name: string) => ({
  __typename: 'TicketSource',
  id: 'src-3',
  kind,
  name,
  baseUrl: null,
  webhookPath: `/webhooks/${kind.toLowerCase()}/src-3`,
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
  version: 7,
  createdAt: '2026-12-01T00:00:00.000Z',
});

/** The API answers the secret it now checks: the pasted one, else a generated one. */
function renderWith(kind: SourceKind, name: string) {
  return renderWithApi(<SourcesView />, {
    role: 'ADMIN',
    route: '/sources',
    path: '/sources',
    responses: {
      TicketSources: { ticketSources: [source(kind, name)] },
      SourceTeams: { teams: { __typename: 'TeamPage', nodes: [] } },
      RotateTicketSourceSecret: (variables) => ({
        rotateTicketSourceSecret: {
          __typename: 'TicketSourceCreated',
          webhookSecret: (variables.webhookSecret as string | undefined) ?? GENERATED,
          source: {
            __typename: 'TicketSource',
            id: 'src-3',
            name,
            webhookPath: `/webhooks/${kind.toLowerCase()}/src-3`,
            version: 8,
          },
        },
      }),
    } as Responses,
  });
}

const rotations = (calls: { operationName: string; variables: unknown }[]) =>
  calls.filter((c) => c.operationName === 'RotateTicketSourceSecret').map((c) => c.variables);

describe("SourcesView: rotating a secret that is the tracker's", () => {
  it('Trello: the new app secret is pasted and sent; the panel shows no secret and says the webhooks stay', async () => {
    const { calls } = renderWith('TRELLO', 'Boards');
    const card = await screen.findByTestId('source-Boards');
    fireEvent.click(within(card).getByRole('button', { name: 'Rotate secret' }));
    const rotate = within(card).getByRole('form', { name: 'Rotate the Trello secret' });
    const input = within(rotate).getByLabelText("Trello's new app secret");
    expect(input.getAttribute('type')).toBe('password');
    // nothing to send until the secret is there: a generated one would never match Trello's
    expect(within(rotate).getByRole('button', { name: 'Rotate' }).hasAttribute('disabled')).toBe(
      true,
    );
    fireEvent.change(input, { target: { value: ` ${NEW_APP_SECRET} ` } });
    fireEvent.click(within(rotate).getByRole('button', { name: 'Rotate' }));

    const panel = await screen.findByTestId('secret-panel');
    expect(rotations(calls)).toEqual([
      { id: 'src-3', expectedVersion: 7, webhookSecret: NEW_APP_SECRET },
    ]);
    expect(within(panel).getByRole('heading', { level: 2 }).textContent).toBe(
      'New webhook secret for Boards',
    );
    expect(within(panel).queryByTestId('webhook-secret')).toBeNull();
    expect(panel.textContent).not.toContain(NEW_APP_SECRET);
    expect(panel.textContent).toContain("checks Trello's signatures with the new secret");
    expect(within(panel).getByTestId('webhook-steps').textContent).toContain(
      'The webhooks stay registered',
    );
    // the pasted secret left the card
    expect(within(card).queryByRole('form')).toBeNull();
    expect(document.body.innerHTML).not.toContain(NEW_APP_SECRET);
  });

  it('Trello: cancelling sends nothing', async () => {
    const { calls } = renderWith('TRELLO', 'Boards');
    const card = await screen.findByTestId('source-Boards');
    fireEvent.click(within(card).getByRole('button', { name: 'Rotate secret' }));
    fireEvent.change(within(card).getByLabelText("Trello's new app secret"), {
      target: { value: NEW_APP_SECRET },
    });
    fireEvent.click(within(card).getByRole('button', { name: 'Cancel' }));
    expect(within(card).queryByLabelText("Trello's new app secret")).toBeNull();
    expect(rotations(calls)).toEqual([]);
  });

  it('Linear: the signing secret may be pasted, or left empty for a generated one shown once', async () => {
    const { calls } = renderWith('LINEAR', 'Lin');
    const card = await screen.findByTestId('source-Lin');
    fireEvent.click(within(card).getByRole('button', { name: 'Rotate secret' }));
    const rotate = within(card).getByRole('form', { name: 'Rotate the Linear secret' });
    expect(within(rotate).getByLabelText(/Linear's new signing secret \(optional\)/)).toBeTruthy();
    fireEvent.click(within(rotate).getByRole('button', { name: 'Rotate' }));
    const panel = await screen.findByTestId('secret-panel');
    expect(rotations(calls)).toEqual([{ id: 'src-3', expectedVersion: 7 }]);
    expect((within(panel).getByTestId('webhook-secret') as HTMLInputElement).value).toBe(GENERATED);
  });

  it('Asana: rotating (after confirming) reopens the handshake; the panel says to register again', async () => {
    const { calls } = renderWith('ASANA', 'Tasks');
    const card = await screen.findByTestId('source-Tasks');
    fireEvent.click(within(card).getByRole('button', { name: 'Rotate secret' }));
    expect(within(card).getByRole('group', { name: /new handshake/ })).toBeTruthy();
    fireEvent.click(within(card).getByRole('button', { name: 'Rotate' }));
    const panel = await screen.findByTestId('secret-panel');
    expect(rotations(calls)).toEqual([{ id: 'src-3', expectedVersion: 7 }]);
    expect(within(panel).queryByTestId('webhook-secret')).toBeNull();
    expect(panel.textContent).not.toContain(GENERATED);
    expect(panel.textContent).toContain('takes one new handshake: register the webhook again');
  });
});
