import WebSocket from 'ws';
import { LIVE_LIMITS } from '../../apps/api/src/live-options.js';
import { TestApp, type Session } from '../support/test-app.js';

/**
 * What one live connection (graphql-ws over WebSocket) may hold of the server, over a real socket:
 * a message no larger than an HTTP body, a bounded number of operations at once, a bounded number
 * of connections per member. Each refusal leaves the server answering everyone else.
 */
describe('live connection limits', () => {
  let app: TestApp;
  let owner: Session;
  const sockets: WebSocket[] = [];

  beforeAll(async () => {
    app = await TestApp.start();
    owner = await app.signUp('Live Limits');
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.terminate();
  });
  afterAll(() => app.close());

  /** A graphql-ws connection that has sent its connection_init (and not yet been answered). */
  async function open(token: string): Promise<Live> {
    const socket = new WebSocket(
      `${app.url.replace(/^http/, 'ws')}/graphql`,
      'graphql-transport-ws',
    );
    sockets.push(socket);
    const live = new Live(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    live.send({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } });
    return live;
  }

  /** A graphql-ws connection, acknowledged. */
  async function connect(token: string): Promise<Live> {
    const live = await open(token);
    await live.next((m) => m.type === 'connection_ack');
    return live;
  }

  /** The server still answers a plain query. */
  async function stillAnswers(): Promise<void> {
    const res = await app.ok('{ me { role } }', {}, owner.token);
    expect(res.me.role).toBe('OWNER');
  }

  it('closes a connection whose message is larger than a request body may be (1009), and only it', async () => {
    const live = await connect(owner.token);
    const other = await connect(owner.token);
    const query = `{ __typename }`;
    const padding = 'x'.repeat(LIVE_LIMITS.messageBytes);
    live.socket.send(
      JSON.stringify({
        id: '1',
        type: 'subscribe',
        payload: { query, variables: { padding } },
      }),
    );
    const closed = await live.closed;
    expect(closed.code).toBe(1009);
    // the other connection and the HTTP API go on
    other.send({ id: 'a', type: 'subscribe', payload: { query } });
    const answer = await other.next((m) => m.id === 'a' && m.type === 'next');
    expect(answer.payload).toEqual({ data: { __typename: 'Query' } });
    await stillAnswers();
  });

  it(`runs at most ${LIVE_LIMITS.operationsPerConnection} operations at once on a connection, and another once one completes`, async () => {
    const live = await connect(owner.token);
    const subscription = 'subscription { planChanged(cycleKey: "Q1") { cycleKey } }';
    for (let i = 1; i <= LIVE_LIMITS.operationsPerConnection; i++) {
      live.send({ id: `s${i}`, type: 'subscribe', payload: { query: subscription } });
    }
    live.send({ id: 'over', type: 'subscribe', payload: { query: subscription } });
    const refused = await live.next((m) => m.id === 'over');
    expect(refused.type).toBe('error');
    expect(refused.payload).toEqual([
      expect.objectContaining({
        message: `at most ${LIVE_LIMITS.operationsPerConnection} operations run at once on one connection: complete one first`,
        extensions: expect.objectContaining({ code: 'RATE_LIMITED' }),
      }),
    ]);
    // the connection stays open: one completed, another runs
    live.send({ id: 's1', type: 'complete' });
    live.send({ id: 'again', type: 'subscribe', payload: { query: '{ __typename }' } });
    const answer = await live.next((m) => m.id === 'again' && m.type === 'next');
    expect(answer.payload).toEqual({ data: { __typename: 'Query' } });
  });

  it(`lets a member hold ${LIVE_LIMITS.connectionsPerMember} connections and refuses the next (4429), not someone else`, async () => {
    const someoneElse = await app.signUp('Someone Else');
    const held: Live[] = [];
    for (let i = 0; i < LIVE_LIMITS.connectionsPerMember; i++)
      held.push(await connect(owner.token));
    const over = await open(owner.token);
    const closed = await over.closed;
    expect(closed.code).toBe(4429);
    expect(closed.reason).toContain(`at most ${LIVE_LIMITS.connectionsPerMember} live connections`);
    // another member's connections are their own
    await connect(someoneElse.token);
    // one closed: the member may connect again
    held[0].socket.close(1000);
    await held[0].closed;
    await waitUntil(async () => {
      const live = await open(owner.token);
      return Promise.race([
        live
          .next((m) => m.type === 'connection_ack')
          .then(
            () => true,
            () => false,
          ),
        live.closed.then(() => false),
      ]);
    });
    await stillAnswers();
  });
});

interface Message {
  id?: string;
  type: string;
  payload?: unknown;
}

/** One raw graphql-transport-ws socket: what it received, and how it closed. */
class Live {
  private readonly received: Message[] = [];
  private readonly waiters: (() => void)[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.received.push(JSON.parse(String(data)) as Message);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) =>
      socket.once('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        for (const wake of this.waiters.splice(0)) wake();
      }),
    );
  }

  send(message: Message): void {
    this.socket.send(JSON.stringify(message));
  }

  /** The first message (received or to come) that `matches`, within 5 s. */
  async next(matches: (m: Message) => boolean): Promise<Message> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const found = this.received.find(matches);
      if (found) return found;
      if (this.socket.readyState === WebSocket.CLOSED || Date.now() > deadline) {
        throw new Error(`no such message; received ${JSON.stringify(this.received)}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

/** Tries `attempt` every 50 ms until it succeeds, for at most 5 s. */
async function waitUntil(attempt: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await attempt())) {
    if (Date.now() > deadline) throw new Error('never succeeded');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
