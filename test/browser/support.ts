import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags verified on these machines (shared/STACK.md "Browser tests"). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
  log(): string;
}

/**
 * `node dist/apps/api/src/main.js` on a new data directory (so a fresh embedded PostgreSQL) with
 * the demo organization, on free ports; resolves once the demo organization is seeded.
 */
export async function startServer(): Promise<RunningServer> {
  const main = 'dist/apps/api/src/main.js';
  if (!existsSync(main) || !existsSync('dist/dashboard/index.html'))
    throw new Error('build first: npm run build (dist/ has no server or no dashboard)');
  const dataDir = mkdtempSync(join(tmpdir(), 'throughline-browser-'));
  const port = await freePort();
  const pgPort = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    EMBEDDED_PG_PORT: String(pgPort),
    DEMO: 'true',
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
  };
  delete env.DATABASE_URL;
  delete env.JWT_SECRET;
  delete env.SECRETS_KEY;
  // rate limits counted in memory, not in a Redis shared with earlier runs: every run accepts
  // invites from 127.0.0.1, and Redis keeps those counts for an hour across runs
  delete env.REDIS_URL;
  const child: ChildProcess = spawn(process.execPath, [main], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the server did not seed the demo within 150 s:\n${output}`)),
      150_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Demo organization: log in as')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code} before it was ready:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    log: () => output,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timeout = new Promise((resolve) => setTimeout(resolve, 20_000));
        await Promise.race([exited, timeout]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      const cluster = linkedCluster(dataDir);
      rmSync(dataDir, { recursive: true, force: true });
      if (cluster) rmSync(cluster, { recursive: true, force: true });
    },
  };
}

/**
 * As root with a private (0700) DATA_DIR, the server keeps the cluster in a shared directory the
 * postgres user can reach, linked from DATA_DIR/postgres (libs/database/src/embedded): its
 * `<shared>/clusters/<id>` directory, to remove with the data dir.
 */
function linkedCluster(dataDir: string): string | null {
  try {
    const target = readlinkSync(join(dataDir, 'postgres'));
    return /\/clusters\/[^/]+\/pgdata$/.test(target) ? dirname(target) : null;
  } catch {
    return null;
  }
}

/** GraphQL over HTTP as any client would: what the API says, to compare with the screen. */
export async function gql<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data as T;
}

/** How the dashboard writes the API's display percent (one decimal) and its fractions. */
export const percentText = (percent: number) =>
  `${new Intl.NumberFormat('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(percent)}%`;
export const shareText = (share: number) =>
  new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 }).format(share);

/**
 * The standard deviation of a screenshot's grey levels, measured in the browser: a blank
 * (one-colour) page has none, a drawn view plenty.
 */
export async function pixelSpread(page: Page, file: string): Promise<number> {
  const dataUrl = `data:image/png;base64,${readFileSync(file).toString('base64')}`;
  return page.evaluate(async (url) => {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.min(image.width, 1000);
    canvas.height = Math.min(image.height, 1000);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(image, 0, 0);
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let sum = 0;
    let squares = 0;
    const n = data.length / 4;
    for (let i = 0; i < data.length; i += 4) {
      const v = (data[i] + data[i + 1] + data[i + 2]) / 3;
      sum += v;
      squares += v * v;
    }
    return Math.sqrt(squares / n - (sum / n) ** 2);
  }, dataUrl);
}
