import { existsSync } from 'node:fs';

export interface DashboardFigures {
  /** from pressing Sign in to the first goal's share on the overview */
  signInMs: number;
  /** a signed-in reload of the overview: navigation to the first goal's share (median of 5) */
  reloadMs: number;
}

const DEMO = { email: 'demo@throughline.local', password: 'throughline-demo' };
const FIRST_GOAL = '[data-testid^="goal-percent-"]';

/**
 * The dashboard's time to its first goal figure on the demo organization, in Chromium (Debian's, or
 * CHROMIUM_PATH). Null when there is no Chromium on the machine.
 */
export async function benchDashboard(url: string): Promise<DashboardFigures | null> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) return null;
  // a dev dependency, as the browser tests use it: loaded only when measured
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${url}/`);
    await page.waitForURL('**/sign-in');
    await page.getByLabel('Email').fill(DEMO.email);
    await page.getByLabel('Password').fill(DEMO.password);
    const pressed = performance.now();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator(FIRST_GOAL).first().waitFor({ timeout: 30_000 });
    const signInMs = performance.now() - pressed;
    const reloads: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await page.reload();
      await page.locator(FIRST_GOAL).first().waitFor({ timeout: 30_000 });
      reloads.push(performance.now() - started);
    }
    reloads.sort((a, b) => a - b);
    return { signInMs, reloadMs: reloads[2] };
  } finally {
    await browser.close();
  }
}
