import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** Clients (of `connect`) whose connection is acknowledged and open now. */
const CONNECTED = new WeakSet<Client>();

/** A graphql-ws subscriber for tests: collects what arrives, waits for the next event. */
export class LiveSubscriber<T = Record<string, any>> {
  readonly received: T[] = [];
  readonly errors: unknown[] = [];
  private waiters: (() => void)[] = [];
  private dispose: () => void = () => undefined;

  constructor(private readonly client: Client) {}

  static connect(httpUrl: string, token: string | null): Client {
    const client = createClient({
      url: `${httpUrl.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      retryAttempts: 0,
      lazy: true,
    });
    client.on('connected', () => CONNECTED.add(client));
    client.on('closed', () => CONNECTED.delete(client));
    return client;
  }

  /** Starts the subscription and resolves once the server has acknowledged the connection. */
  static async start<T = Record<string, any>>(
    client: Client,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<LiveSubscriber<T>> {
    const sub = new LiveSubscriber<T>(client);
    const connected = new Promise<void>((resolve) => {
      const off = client.on('connected', () => {
        off();
        resolve();
      });
    });
    sub.dispose = client.subscribe<T>(
      { query, variables },
      {
        next: (value) => {
          if (value.errors) sub.errors.push(value.errors);
          else sub.received.push(value.data as T);
          for (const wake of sub.waiters.splice(0)) wake();
        },
        error: (error) => {
          sub.errors.push(error);
          for (const wake of sub.waiters.splice(0)) wake();
        },
        complete: () => undefined,
      },
    );
    // a client already connected says nothing again: only a new connection is waited for
    if (!CONNECTED.has(client)) {
      await Promise.race([connected, new Promise((r) => setTimeout(r, 2000))]);
    }
    // the subscribe message follows the ack: give the server a moment to register it
    await new Promise((r) => setTimeout(r, 100));
    return sub;
  }

  /** Waits until `count` events (or an error) arrived, at most `ms`; returns what arrived. */
  async waitFor(count: number, ms = 1000): Promise<T[]> {
    const deadline = Date.now() + ms;
    while (this.received.length < count && !this.errors.length && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.received;
  }

  stop(): void {
    this.dispose();
  }
}
