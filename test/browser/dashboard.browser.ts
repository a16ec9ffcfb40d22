import { mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  gql,
  launchChromium,
  percentText,
  shareText,
  startServer,
  type RunningServer,
  pixelSpread,
} from './support.js';

const DEMO = { email: 'demo@throughline.local', password: 'throughline-demo' };
const SHOTS = resolve(process.env.SCREENSHOT_DIR ?? 'dist/screenshots');

interface Alignment {
  alignment: {
    goals: { percent: number; effort: number; goal: { key: string; title: string } }[];
    unaligned: { reason: string; percent: number }[];
  };
}
const ALIGNMENT = `query($scope: AlignmentScopeInput) { alignment(scope: $scope) {
  goals { percent effort goal { key title } } unaligned { reason percent } } }`;

const alignedGoals = (api: Alignment) => api.alignment.goals.filter((g) => g.effort > 0).length;

describe('the dashboard in Chromium, on the real server with the demo organization', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let token: string;
  const shots: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    const login = await gql<{ logIn: { token: string } }>(
      server.url,
      `mutation($input: LogInInput!) { logIn(input: $input) { token } }`,
      { input: DEMO },
    );
    token = login.logIn.token;
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function screenshot(name: string) {
    // charts draw after their chunk loads: wait until every chart on the page has its SVG
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.chart')].every((c) => c.querySelector('svg path')),
    );
    await page.waitForLoadState('networkidle');
    const path = join(SHOTS, `${name}.png`);
    await page.screenshot({ path, fullPage: true });
    shots.push(path);
  }

  /** The goals' percentages in the overview table, by goal key. */
  async function percentsOnScreen(): Promise<Record<string, string>> {
    await page.getByTestId('goals-table').waitFor();
    return page.$$eval('[data-testid^="goal-percent-"]', (cells) =>
      Object.fromEntries(
        cells.map((c) => [
          c.getAttribute('data-testid')!.replace('goal-percent-', ''),
          c.textContent,
        ]),
      ),
    );
  }

  it('signs in with the demo login and shows the overview', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForURL('**/sign-in');
    await page.getByLabel('Email').fill(DEMO.email);
    await page.getByLabel('Password').fill(DEMO.password);
    const started = Date.now();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('goals-table').waitFor();
    const firstView = Date.now() - started;
    // how fast (the goal: within 5 s) is the bench's figure (npm run bench: start); here the
    // overview must come, and waitFor's timeout guards a hang
    console.log(`first view (sign-in click to the goals on screen): ${firstView} ms`);
    expect(await page.getByTestId('role').textContent()).toBe('OWNER');
    expect(await page.evaluate(() => sessionStorage.getItem('throughline.session'))).toContain(
      'token',
    );
  });

  it("shows each goal's percentage exactly as the API's alignment report", async () => {
    const api = await gql<Alignment>(server.url, ALIGNMENT, {}, token);
    const expected = Object.fromEntries(
      api.alignment.goals.map((g) => [g.goal.key, percentText(g.percent)]),
    );
    expect(Object.keys(expected).length).toBeGreaterThan(0);
    expect(await percentsOnScreen()).toEqual(expected);
    for (const bucket of api.alignment.unaligned)
      expect(await page.getByTestId(`unaligned-percent-${bucket.reason}`).textContent()).toBe(
        percentText(bucket.percent),
      );
    await page.getByTestId('alignment-sunburst').locator('svg').waitFor();
    // the rings and the list beside them are the API's alignmentTree: every node with effort, once
    // per route (a node's children sum to it, so a node with effort has ancestors with effort)
    const tree = await gql<{ alignmentTree: { nodes: { effort: number }[] } }>(
      server.url,
      `{ alignmentTree { nodes { effort } } }`,
      {},
      token,
    );
    const withEffort = tree.alignmentTree.nodes.filter((n) => n.effort > 0).length;
    expect(withEffort).toBeGreaterThan(alignedGoals(api));
    expect(await page.locator('.tree-list li').count()).toBe(withEffort);
    await screenshot('overview');
  });

  let ticketKey = '';

  it('drills into a goal: where its effort comes from, as explainGoal says', async () => {
    const api = await gql<Alignment>(server.url, ALIGNMENT, {}, token);
    const goal = [...api.alignment.goals].sort((a, b) => b.effort - a.effort)[0].goal;
    await page
      .getByRole('link', { name: new RegExp(goal.title) })
      .first()
      .click();
    await page.waitForURL(`**/goals/${goal.key}`);
    const explained = await gql<{
      explainGoal: { share: number; tickets: { ticket: { key: string } }[] };
    }>(
      server.url,
      `query($key: String!) { explainGoal(key: $key) { share tickets { ticket { key } } } }`,
      { key: goal.key },
      token,
    );
    expect(await page.getByTestId('goal-share').textContent()).toBe(
      shareText(explained.explainGoal.share),
    );
    const rows = page.getByTestId('goal-tickets').locator('tbody tr');
    expect(await rows.count()).toBe(explained.explainGoal.tickets.length);
    ticketKey = explained.explainGoal.tickets[0].ticket.key;
    await screenshot('goal');
  });

  it('drills into a ticket: its paths and fractions, as explainTicket says', async () => {
    await page.getByRole('link', { name: new RegExp(`^${ticketKey} `) }).click();
    await page.waitForURL(`**/tickets/${ticketKey}`);
    const api = await gql<{ explainTicket: { paths: { fraction: number }[] } }>(
      server.url,
      `query($key: String!) { explainTicket(key: $key) { paths { fraction } } }`,
      { key: ticketKey },
      token,
    );
    await page.getByTestId('ticket-paths').waitFor();
    expect(await page.getByTestId('path-fraction').allTextContents()).toEqual(
      api.explainTicket.paths.map((p) => shareText(p.fraction)),
    );
    await page.screenshot({ path: join(SHOTS, 'ticket.png'), fullPage: true });
    shots.push(join(SHOTS, 'ticket.png'));
  });

  it('filters by team: the URL carries it and the numbers follow the API', async () => {
    await page.getByRole('link', { name: 'Overview', exact: true }).first().click();
    await page.getByTestId('goals-table').waitFor();
    await page.getByRole('checkbox', { name: 'Payments' }).click();
    await page.waitForURL(/team=PAY/);
    const api = await gql<Alignment>(
      server.url,
      ALIGNMENT,
      { scope: { teamKeys: ['PAY'] } },
      token,
    );
    const expected = Object.fromEntries(
      api.alignment.goals.map((g) => [g.goal.key, percentText(g.percent)]),
    );
    await expect.poll(() => percentsOnScreen(), { timeout: 10_000 }).toEqual(expected);
    expect(await page.getByTestId('scope-summary').textContent()).toContain('teams PAY');
    // a shared link opens the same view
    const shared = await browser.newPage();
    await shared.goto(page.url());
    await shared.waitForURL('**/sign-in');
    await shared.close();
    await screenshot('overview-team-pay');
    // the checkbox follows the URL, which changes just after the click
    await page.getByRole('checkbox', { name: 'Payments' }).click();
    await page.waitForURL((url) => !url.search.includes('team='));
  });

  it('shows the trend per goal with its target line', async () => {
    await page.getByRole('link', { name: 'Trend' }).click();
    await page.getByTestId('trend-table').waitFor();
    const api = await gql<{ alignmentTrend: unknown[] }>(
      server.url,
      `{ alignmentTrend(last: 6) { live } }`,
      {},
      token,
    );
    expect(await page.getByTestId('trend-table').locator('tbody tr').count()).toBe(
      api.alignmentTrend.length,
    );
    await screenshot('trend');
  });

  it('lists the gaps, with fixes for an owner', async () => {
    await page.getByRole('link', { name: 'Gaps' }).click();
    await page.getByRole('heading', { name: 'Unaligned tickets by reason' }).waitFor();
    expect(await page.getByRole('button', { name: 'Link' }).count()).toBeGreaterThan(0);
    await screenshot('gaps');
  });

  it('shows a VIEWER no edit controls', async () => {
    const email = `viewer-${Date.now()}@example.com`;
    const invite = await gql<{ inviteMember: { inviteToken: string } }>(
      server.url,
      `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { inviteToken } }`,
      { input: { email, role: 'VIEWER' } },
      token,
    );
    await gql(
      server.url,
      `mutation($input: AcceptInviteInput!) { acceptInvite(input: $input) { token } }`,
      { input: { token: invite.inviteMember.inviteToken, password: 'viewer password 1' } },
    );
    const context = await browser.newContext();
    const viewer = await context.newPage();
    await viewer.goto(`${server.url}/gaps`);
    await viewer.getByLabel('Email').fill(email);
    await viewer.getByLabel('Password').fill('viewer password 1');
    await viewer.getByRole('button', { name: 'Sign in' }).click();
    await viewer.waitForURL('**/gaps');
    await viewer.getByRole('heading', { name: 'Unaligned tickets by reason' }).waitFor();
    await viewer.getByTestId('role').waitFor();
    expect(await viewer.getByTestId('role').textContent()).toBe('VIEWER');
    expect(await viewer.getByRole('button', { name: 'Link' }).count()).toBe(0);
    expect(await viewer.locator('form.link-form').count()).toBe(0);
    await context.close();
  });

  it('lets an owner link an unlinked ticket to an initiative right in the gaps view', async () => {
    const form = page.locator('form.link-form').first();
    const label = (await form.getAttribute('aria-label'))!.replace('Link ', '');
    const select = form.getByRole('combobox');
    await expect.poll(() => select.locator('option').count()).toBeGreaterThan(1);
    await select.selectOption({ index: 1 });
    await form.getByLabel('Weight').fill('2');
    await form.getByRole('button', { name: 'Link' }).click();
    await expect
      .poll(() =>
        page
          .getByRole('status')
          .filter({ hasText: `Linked ${label}` })
          .count(),
      )
      .toBe(1);
    const api = await gql<{ ticket: { initiativeLinks: { weight: number }[] } }>(
      server.url,
      `query($key: String!) { ticket(key: $key) { initiativeLinks { weight } } }`,
      { key: label },
      token,
    );
    expect(api.ticket.initiativeLinks).toEqual([{ weight: 2 }]);
  });

  it('saved a full-page screenshot of each view, none of them blank', async () => {
    expect(shots.map((s) => s.split('/').pop())).toEqual([
      'overview.png',
      'goal.png',
      'ticket.png',
      'overview-team-pay.png',
      'trend.png',
      'gaps.png',
    ]);
    const blank = await browser.newPage();
    for (const shot of shots) {
      expect(statSync(shot).size).toBeGreaterThan(20_000);
      // the pixels' spread: a blank (one-color) page has none
      const spread = await pixelSpread(blank, shot);
      expect(spread, shot).toBeGreaterThan(10);
    }
    await blank.close();
    console.log(`screenshots in ${SHOTS}`);
  });
});
