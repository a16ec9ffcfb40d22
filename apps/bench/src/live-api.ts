import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { SignedDelivery } from './jira-payloads.js';

/** The API as a client sees it over HTTP and WebSocket: what the live-sources bench measures. */
export class LiveApi {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  /** One GraphQL request; an answer with errors throws (the bench must not count failures). */
  async gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: unknown };
    if (body.errors || !body.data) throw new Error(JSON.stringify(body.errors ?? body));
    return body.data;
  }

  /** POSTs a signed delivery; resolves when the answer is in, with its status. */
  async deliver(path: string, delivery: SignedDelivery): Promise<number> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: delivery.headers,
      body: delivery.raw,
    });
    // read the (empty) body so the keep-alive socket is free for the next request
    await res.arrayBuffer();
    return res.status;
  }

  /** A graphql-ws subscriber at /graphql, with the same token. */
  async subscribe<T>(query: string, onData: (data: T, at: number) => void): Promise<Subscriber> {
    const client = createClient({
      url: `${this.baseUrl.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${this.token}` },
      retryAttempts: 0,
    });
    const errors: unknown[] = [];
    const connected = new Promise<void>((resolve, reject) => {
      client.on('connected', () => resolve());
      client.on('closed', (event) =>
        reject(new Error(`subscriber closed: ${JSON.stringify(event)}`)),
      );
    });
    const unsubscribe = client.subscribe<T>(
      { query },
      {
        // the arrival time is taken first, before any work of the bench's own
        next: (value) => {
          const at = performance.now();
          if (value.errors) errors.push(value.errors);
          else if (value.data) onData(value.data, at);
        },
        error: (error) => errors.push(error),
        complete: () => undefined,
      },
    );
    await connected;
    return new Subscriber(client, unsubscribe, errors);
  }
}

export class Subscriber {
  constructor(
    private readonly client: Client,
    private readonly unsubscribe: () => void,
    readonly errors: unknown[],
  ) {}

  async close(): Promise<void> {
    this.unsubscribe();
    await this.client.dispose();
  }
}
