import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';

/** What the control endpoint can do to the cluster; each resolves once the part is in its state. */
export interface ClusterActions {
  status(): unknown;
  killReplica(name: string): Promise<string>;
  startReplica(name: string): Promise<void>;
  stopStandby(): Promise<void>;
  startStandby(): Promise<void>;
}

export interface ControlServer {
  url: string;
  close(): Promise<void>;
}

const ROUTES: { method: string; path: RegExp; run: (a: ClusterActions, m: string[]) => unknown }[] =
  [
    { method: 'GET', path: /^\/status$/, run: (a) => a.status() },
    { method: 'POST', path: /^\/replicas\/([\w-]+)\/kill$/, run: (a, m) => a.killReplica(m[1]) },
    { method: 'POST', path: /^\/replicas\/([\w-]+)\/start$/, run: (a, m) => a.startReplica(m[1]) },
    { method: 'POST', path: /^\/standby\/stop$/, run: (a) => a.stopStandby() },
    { method: 'POST', path: /^\/standby\/start$/, run: (a) => a.startStandby() },
  ];

/**
 * The cluster's control endpoint, on loopback, for the load test's disturbances: kill (SIGKILL)
 * and start a replica, stop and start the standby, read the status. Each answer comes once the
 * part is in its new state (a started replica is ready), with the time it took. The cluster owns
 * the processes, so it is the one that restarts them; a bearer token (in DATA_DIR/cluster.json,
 * readable by its owner only) keeps other local users out.
 */
export function startControl(actions: ClusterActions, token: string): Promise<ControlServer> {
  const expected = Buffer.from(`Bearer ${token}`);
  const server = http.createServer((req, res) => {
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const given = Buffer.from(req.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      answer(401, { error: 'the control token of DATA_DIR/cluster.json is required' });
      return;
    }
    const path = new URL(req.url ?? '/', 'http://control').pathname;
    for (const route of ROUTES) {
      const match = route.path.exec(path);
      if (!match || route.method !== req.method) continue;
      const started = Date.now();
      Promise.resolve()
        .then(() => route.run(actions, match))
        .then(
          (result) =>
            answer(200, { ok: true, result: result ?? null, tookMs: Date.now() - started }),
          (error: unknown) =>
            answer(409, {
              ok: false,
              error: error instanceof Error ? error.message : String(error),
            }),
        );
      return;
    }
    answer(404, { error: `no ${req.method} ${path}: see apps/cluster/src/control.ts` });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
