import { mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendWebhook } from '../support/fake-jira/webhook-sender.js';
import { gql, launchChromium, pixelSpread, startServer, type RunningServer } from './support.js';

const DEMO = { email: 'demo@throughline.local', password: 'throughline-demo' };
const SHOTS = resolve(process.env.SCREENSHOT_DIR ?? 'dist/screenshots');
const NAME = 'Demo Jira Cloud';

interface Sources {
  ticketSources: {
    id: string;
    name: string;
    webhookPath: string;
    lastEventAt: string | null;
    pendingEvents: number;
    deadLetters: number;
    settings: Record<string, unknown>;
  }[];
}
const SOURCES = `{ ticketSources { id name webhookPath lastEventAt pendingEvents deadLetters settings } }`;

/** A Jira Cloud issue_created delivery, shaped as Jira sends it (the fields the writer reads). */
const issueCreated = () => ({
  timestamp: Date.now(),
  webhookEvent: 'jira:issue_created',
  issue: {
    id: '10001',
    key: 'DEMO-1',
    fields: {
      summary: 'x',
      issuetype: { name: 'Story', subtask: false, hierarchyLevel: 0 },
      status: { name: 'In Progress', statusCategory: { key: 'indeterminate' } },
      labels: [],
      updated: '2026-12-05T10:00:00.000+0000',
    },
  },
});

/**
 * The sources page on the real server: the demo OWNER connects a Jira Cloud source, is shown its
 * webhook URL and secret once, and a webhook signed with that secret shows up on the page as the
 * last event, its pending event drained.
 */
describe('the sources page in Chromium, on the real server with the demo organization', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let token: string;
  let webhookUrl = '';
  let secret = '';
  const shots: string[] = [];

  const api = <T>(query: string, variables: Record<string, unknown> = {}) =>
    gql<T>(server.url, query, variables, token);
  const card = () => page.getByTestId(`source-${NAME}`);

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    token = (
      await gql<{ logIn: { token: string } }>(
        server.url,
        `mutation($input: LogInInput!) { logIn(input: $input) { token } }`,
        { input: DEMO },
      )
    ).logIn.token;
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function screenshot(name: string) {
    await page.waitForLoadState('networkidle');
    const path = join(SHOTS, `${name}.png`);
    await page.screenshot({ path, fullPage: true });
    shots.push(path);
  }

  it('signs in as the demo owner and opens Sources from the navigation', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForURL('**/sign-in');
    await page.getByLabel('Email').fill(DEMO.email);
    await page.getByLabel('Password').fill(DEMO.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('goals-table').waitFor();
    await page.getByRole('link', { name: 'Sources', exact: true }).click();
    await page.waitForURL('**/sources');
    await page.getByRole('heading', { name: 'Sources', level: 1 }).waitFor();
    expect(await page.getByTestId('role').textContent()).toBe('OWNER');
    await page.getByText('No live source yet.').waitFor();
  });

  it('creates a Jira Cloud source and shows its webhook URL and secret once', async () => {
    const form = page.getByRole('form', { name: 'Connect a ticket source' });
    await form.getByLabel('Name').fill(NAME);
    await form.getByLabel('Site URL').fill('https://demo-throughline.atlassian.net');
    await form.getByLabel('API credentials (email:api-token)').fill('demo@example.com:token');
    await form.getByLabel('Story points field').selectOption('customfield_10028');
    const row = form.getByTestId('board-row-0');
    await row.getByLabel('Board id').fill('3');
    // the teams arrive from the API: wait for PLAT among the options
    await expect.poll(() => row.getByLabel('Team').locator('option[value="PLAT"]').count()).toBe(1);
    await row.getByLabel('Team').selectOption('PLAT');
    await form.getByLabel(/Projects/).fill('PLAT, PAY');
    await form.getByRole('button', { name: 'Connect' }).click();

    const panel = page.getByTestId('secret-panel');
    await panel.waitFor();
    webhookUrl = await panel.getByTestId('webhook-url').inputValue();
    secret = await panel.getByTestId('webhook-secret').inputValue();
    const [source] = (await api<Sources>(SOURCES)).ticketSources;
    expect(source.name).toBe(NAME);
    expect(webhookUrl).toBe(`${server.url}${source.webhookPath}`);
    expect(webhookUrl).toMatch(/\/webhooks\/jira_cloud\/[0-9a-f-]{36}$/);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(await panel.textContent()).toContain('cannot be shown again');
    expect(source.settings).toEqual({
      storyPointsField: 'customfield_10028',
      sprintField: 'customfield_10020',
      boardTeams: { '3': 'PLAT' },
      projects: ['PLAT', 'PAY'],
    });
    await card().waitFor();
    expect(await card().getByTestId('last-event').textContent()).toBe('never');
    await screenshot('sources-created');
  });

  it('hides the secret for good once dismissed', async () => {
    await page.getByRole('button', { name: /hide the secret/ }).click();
    await page.getByTestId('secret-panel').waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(secret);
  });

  it('shows a signed webhook as the last event, its pending event drained to 0', async () => {
    const delivered = await sendWebhook(webhookUrl, issueCreated(), { secret });
    expect(delivered.status).toBe(202);
    // the page refreshes itself every 5 s: no reload here
    await expect
      .poll(() => card().getByTestId('last-event').textContent(), { timeout: 20_000 })
      .not.toBe('never');
    await expect
      .poll(() => card().getByTestId('pending-events').textContent(), { timeout: 20_000 })
      .toBe('0');
    const [source] = (await api<Sources>(SOURCES)).ticketSources;
    expect(source.lastEventAt).not.toBeNull();
    expect(source.pendingEvents).toBe(0);
    expect(source.deadLetters).toBe(0);
    expect(await card().getByTestId('dead-letters').textContent()).toBe('0');
    expect(await card().getByTestId('last-event').locator('time').getAttribute('datetime')).toBe(
      source.lastEventAt,
    );
    const ticket = await api<{ ticket: { key: string; title: string } }>(
      `query($key: String!) { ticket(key: $key) { key title } }`,
      { key: 'DEMO-1' },
    );
    expect(ticket.ticket).toEqual({ key: 'DEMO-1', title: 'x' });
    await screenshot('sources');
  });

  it('saved full-page screenshots, none of them blank', async () => {
    expect(shots.map((s) => s.split('/').pop())).toEqual(['sources-created.png', 'sources.png']);
    const blank = await browser.newPage();
    for (const shot of shots) {
      expect(statSync(shot).size).toBeGreaterThan(20_000);
      expect(await pixelSpread(blank, shot), shot).toBeGreaterThan(10);
    }
    await blank.close();
  });
});
