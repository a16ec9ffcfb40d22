import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../gql/graphql';
import { renderWithApi, type Responses } from '../../test/render';
import SourcesView from './SourcesView';

const GENERATED = 'generated-secret-asana-never-uses-000000000';

function renderSources(role: Role, responses: Partial<Responses> = {}) {
  return renderWithApi(<SourcesView />, {
    role,
    route: '/sources',
    path: '/sources',
    responses: {
      TicketSources: { ticketSources: [] },
      SourceTeams: { teams: { __typename: 'TeamPage', nodes: [] } },
      ...responses,
    } as Responses,
  });
}

const created = {
  createTicketSource: {
    __typename: 'TicketSourceCreated',
    webhookSecret: GENERATED,
    source: {
      __typename: 'TicketSource',
      id: 'src-7',
      name: 'Acme Asana',
      webhookPath: '/webhooks/asana/src-7',
      version: 1,
    },
  },
};

const change = (el: HTMLElement, value: string) => fireEvent.change(el, { target: { value } });

async function openAsana() {
  const f = await screen.findByRole('form', { name: 'Connect a ticket source' });
  change(within(f).getByLabelText('Tracker'), 'ASANA');
  return f;
}

describe('SourcesView: Asana sources', () => {
  it('creates an Asana source with its settings; the panel shows the URL and no secret to copy', async () => {
    const { calls } = renderSources('ADMIN', { CreateTicketSource: created });
    const f = await openAsana();
    expect(within(f).getByLabelText('Personal access token').getAttribute('type')).toBe('password');
    expect(
      within(f)
        .getByLabelText(/^API URL/)
        .getAttribute('placeholder'),
    ).toBe('https://app.asana.com/api/1.0');
    change(within(f).getByLabelText('Name'), 'Acme Asana');
    change(within(f).getByLabelText('Personal access token'), '2/1200/1209:abc');
    change(
      within(f).getByLabelText(/^Projects/),
      '1201000000000001, 1201000000000002 1201000000000001',
    );
    change(within(f).getByLabelText(/Points custom field/), 'Size');
    change(within(f).getByLabelText('Sprint from'), 'project');
    change(within(f).getByLabelText('Initiative from'), 'parent');
    change(within(f).getByLabelText(/Key prefix/), 'PAY');
    fireEvent.click(within(f).getByRole('button', { name: 'Connect' }));

    const panel = await screen.findByTestId('secret-panel');
    expect(calls.find((c) => c.operationName === 'CreateTicketSource')?.variables).toEqual({
      input: {
        kind: 'ASANA',
        name: 'Acme Asana',
        baseUrl: null,
        credentials: '2/1200/1209:abc',
        settings: {
          projects: ['1201000000000001', '1201000000000002'],
          pointsField: 'Size',
          sprintFrom: 'project',
          initiativeFrom: 'parent',
          keyPrefix: 'PAY',
        },
      },
    });
    expect(within(panel).getByRole('heading', { level: 2 }).textContent).toBe(
      'Set up the Asana webhook for Acme Asana',
    );
    // the target Asana is given carries the generated secret as its one-time handshake token:
    // only that URL may hand over Asana's own secret
    expect((within(panel).getByTestId('webhook-url') as HTMLInputElement).value).toMatch(
      new RegExp(`/webhooks/asana/src-7\\?handshake=${encodeURIComponent(GENERATED)}$`),
    );
    // Asana hands over its own secret in the handshake: no secret field to copy
    expect(within(panel).queryByTestId('webhook-secret')).toBeNull();
    const steps = within(panel).getByTestId('webhook-steps').textContent;
    expect(steps).toContain('POST /api/1.0/webhooks');
    expect(steps).toContain('handshake');
  });

  it('sends only the defaults when left as they are', async () => {
    const { calls } = renderSources('ADMIN', { CreateTicketSource: created });
    const f = await openAsana();
    change(within(f).getByLabelText('Name'), 'Acme Asana');
    fireEvent.click(within(f).getByRole('button', { name: 'Connect' }));
    await screen.findByTestId('secret-panel');
    expect(calls.find((c) => c.operationName === 'CreateTicketSource')?.variables).toEqual({
      input: {
        kind: 'ASANA',
        name: 'Acme Asana',
        baseUrl: null,
        credentials: null,
        settings: { projects: [], sprintFrom: 'none', initiativeFrom: 'tag' },
      },
    });
  });
});
