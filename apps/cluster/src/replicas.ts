import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startChild, type Child } from './child.js';
import { answersOk, logHas, logSize, until } from './waits.js';

/** The line the API logs once the demo organization is there (seeded now or earlier). */
const DEMO_READY = 'Demo organization: log in as';
/** Migrations on an empty database and the demo seed take a while on a busy machine. */
const START_TIMEOUT_MS = 180_000;
/** The API drains its requests within 15 s of SIGTERM (apps/api/src/main.ts). */
const STOP_GRACE_MS = 20_000;

/** One API replica: `node dist/apps/api/src/main.js` on its own port, restartable. */
export class Replica {
  private child: Child | null = null;
  private lastExit: string | null = null;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly main: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly dataDir: string,
    private readonly onCrash: (replica: Replica, how: string) => void,
  ) {}

  get pid(): number | null {
    return this.child?.running() ? this.child.pid : null;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  running(): boolean {
    return this.child?.running() ?? false;
  }

  /** how its last run ended, when it is not running */
  exit(): string | null {
    return this.running() ? null : this.lastExit;
  }

  /**
   * Starts it (when it is not running) and resolves once it is ready: /health/ready answers 200
   * (database reachable, migrations applied, the demo seeded when this replica seeds it) and the
   * demo organization is there (seeded by whichever replica took the lock).
   */
  async start(): Promise<void> {
    if (this.running()) return;
    const dir = join(this.dataDir, this.name);
    mkdirSync(dir, { recursive: true });
    const logFile = join(this.dataDir, 'logs', `${this.name}.log`);
    const from = logSize(logFile);
    const child = startChild(this.name, process.execPath, [this.main], logFile, {
      env: { ...this.env, PORT: String(this.port), DATA_DIR: dir },
      onUnexpectedExit: (how) => this.onCrash(this, how),
    });
    this.child = child;
    void child.exited.then((how) => (this.lastExit = how));
    await until(
      'ready answer',
      () => answersOk(`${this.url}/health/ready`),
      START_TIMEOUT_MS,
      child,
    );
    await until(
      'demo organization',
      () => logHas(logFile, DEMO_READY, from),
      START_TIMEOUT_MS,
      child,
    );
  }

  /** SIGKILL, as a crash would end it (no draining); resolves once it is gone. */
  async kill(): Promise<string> {
    return (await this.child?.stop('SIGKILL', 0)) ?? 'was not running';
  }

  /** SIGTERM (the API drains the requests in flight), SIGKILL after 20 s. */
  async stop(): Promise<string> {
    return (await this.child?.stop('SIGTERM', STOP_GRACE_MS)) ?? 'was not running';
  }
}
