// Renders a piece of the dashboard against a fake GraphQL server: a real urql client whose fetch
// answers each operation by name, so the tests exercise the same requests the browser sends.
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { Provider as UrqlProvider } from 'urql';
import { RoleContext } from '../auth/role';
import { SessionProvider, type Session } from '../auth/session';
import type { Role } from '../gql/graphql';
import { createGraphqlClient, type LiveTransport } from '../graphql/client';

export interface GraphqlCall {
  operationName: string;
  variables: Record<string, unknown>;
  authorization: string | null;
}

type Answer =
  Record<string, unknown> | { errors: { message: string; extensions?: Record<string, unknown> }[] };
export type Responses = Record<string, Answer | ((variables: Record<string, unknown>) => Answer)>;

export function fakeGraphql(responses: Responses) {
  const calls: GraphqlCall[] = [];
  const fetchImpl = (async (_url: RequestInfo | URL, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as {
      operationName: string;
      variables?: Record<string, unknown>;
    };
    const headers = new Headers(init?.headers);
    calls.push({
      operationName: body.operationName,
      variables: body.variables ?? {},
      authorization: headers.get('authorization'),
    });
    const answer = responses[body.operationName];
    if (!answer) throw new Error(`no fake answer for ${body.operationName}`);
    const value = typeof answer === 'function' ? answer(body.variables ?? {}) : answer;
    const payload = 'errors' in value ? value : { data: value };
    return new Response(JSON.stringify(payload), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  return { calls, fetchImpl };
}

/** Shows the current location, so tests can check what went into the URL. */
function LocationProbe() {
  const location = useLocation();
  return <div data-testid="location">{`${location.pathname}${location.search}`}</div>;
}

export function renderWithApi(
  ui: ReactElement,
  {
    responses,
    route = '/',
    path = '/',
    role = null,
    session = { token: 'test-token', organizationName: 'Acme' },
    // views subscribe to live updates: by default to a stand-in that never pushes
    live = fakeLive().transport,
  }: {
    responses: Responses;
    live?: LiveTransport | null;
    route?: string;
    path?: string;
    role?: Role | null;
    session?: Session | null;
  },
) {
  const { calls, fetchImpl } = fakeGraphql(responses);
  const client = createGraphqlClient(session?.token ?? null, () => undefined, fetchImpl, live);
  const utils = render(
    <SessionProvider initial={session}>
      <UrqlProvider value={client}>
        <RoleContext.Provider value={role}>
          <MemoryRouter initialEntries={[route]}>
            <Routes>
              <Route path={path} element={ui} />
              <Route path="*" element={<p>elsewhere</p>} />
            </Routes>
            <LocationProbe />
          </MemoryRouter>
        </RoleContext.Provider>
      </UrqlProvider>
    </SessionProvider>,
  );
  return { ...utils, calls };
}

/** A stand-in for graphql-ws: records the subscriptions and lets a test push events to them. */
export function fakeLive() {
  const active = new Map<string, { next(value: unknown): void }[]>();
  const requests: { name: string; variables: Record<string, unknown> }[] = [];
  const transport: LiveTransport = {
    subscribe(request, sink) {
      const name = /subscription\s+(\w+)/.exec(request.query)?.[1] ?? '';
      requests.push({ name, variables: request.variables ?? {} });
      const sinks = active.get(name) ?? [];
      sinks.push(sink);
      active.set(name, sinks);
      return () =>
        active.set(
          name,
          (active.get(name) ?? []).filter((s) => s !== sink),
        );
    },
  };
  return {
    transport,
    requests,
    subscribed: (name: string) => (active.get(name) ?? []).length,
    push(name: string, data: Record<string, unknown>) {
      for (const sink of active.get(name) ?? []) sink.next({ data });
    },
  };
}
