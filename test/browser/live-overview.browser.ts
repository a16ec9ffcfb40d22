import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendWebhook } from '../support/fake-jira/webhook-sender.js';
import { gql, launchChromium, percentText, startServer, type RunningServer } from './support.js';

const DEMO = { email: 'demo@throughline.local', password: 'throughline-demo' };

interface Alignment {
  alignment: {
    totalEffort: number;
    ticketCount: number;
    goals: { percent: number; effort: number; goal: { key: string } }[];
  };
}
const ALIGNMENT = `{ alignment { totalEffort ticketCount goals { percent effort goal { key } } } }`;

const points = (n: number) => `${new Intl.NumberFormat('en').format(n)} points`;

/**
 * A Jira Cloud issue_created delivery for a story in Platform Sprint 25 (ACTIVE in demo/plan.yaml,
 * matched by name), under the epic PLAT-100 (the initiative I-SSO), so it counts in the default
 * scope and reaches a goal.
 */
const storyInActiveSprint = (storyPoints: number) => ({
  timestamp: Date.now(),
  webhookEvent: 'jira:issue_created',
  issue: {
    id: '990001',
    key: 'PLAT-9901',
    fields: {
      summary: 'SCIM group push',
      issuetype: { name: 'Story', subtask: false, hierarchyLevel: 0 },
      status: { name: 'In Progress', statusCategory: { key: 'indeterminate' } },
      labels: [],
      updated: '2026-12-05T10:00:00.000+0000',
      customfield_10016: storyPoints,
      customfield_10020: [{ id: 99, name: 'Platform Sprint 25', state: 'active', boardId: 1 }],
      parent: {
        key: 'PLAT-100',
        fields: { issuetype: { name: 'Epic', hierarchyLevel: 1 } },
      },
    },
  },
});

/**
 * The overview open in Chromium follows a live source: a signed Jira webhook adds a ticket, the
 * API pushes ticketsChanged over graphql-ws, and the page shows the API's new figures without a
 * reload.
 */
describe('the overview in Chromium updates live after a Jira webhook', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let token: string;
  const sent: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    token = (
      await gql<{ logIn: { token: string } }>(
        server.url,
        `mutation($input: LogInInput!) { logIn(input: $input) { token } }`,
        { input: DEMO },
      )
    ).logIn.token;
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    // what the page sends over graphql-ws: to know its subscription is in place
    page.on('websocket', (ws) => ws.on('framesent', (f) => sent.push(String(f.payload))));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function percentsOnScreen(): Promise<Record<string, string>> {
    return page.$$eval('[data-testid^="goal-percent-"]', (cells) =>
      Object.fromEntries(
        cells.map((c) => [
          c.getAttribute('data-testid')!.replace('goal-percent-', ''),
          c.textContent,
        ]),
      ),
    );
  }
  const percentsOf = (api: Alignment) =>
    Object.fromEntries(api.alignment.goals.map((g) => [g.goal.key, percentText(g.percent)]));

  it('shows the new total and goal figures after a signed webhook, without a reload', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForURL('**/sign-in');
    await page.getByLabel('Email').fill(DEMO.email);
    await page.getByLabel('Password').fill(DEMO.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('goals-table').waitFor();

    const before = await gql<Alignment>(server.url, ALIGNMENT, {}, token);
    expect(await page.getByTestId('total-effort').textContent()).toBe(
      points(before.alignment.totalEffort),
    );
    expect(await percentsOnScreen()).toEqual(percentsOf(before));
    expect(await page.getByTestId('live-updated').count()).toBe(0);
    // the overview subscribes to ticketsChanged and reads its own scope again on each push
    await expect
      .poll(() => sent.some((m) => m.includes('"subscribe"') && m.includes('ticketsChanged')))
      .toBe(true);
    // a reload would drop this marker
    await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));

    const created = await gql<{
      createTicketSource: { source: { webhookPath: string }; webhookSecret: string };
    }>(
      server.url,
      `mutation($input: CreateTicketSourceInput!) {
        createTicketSource(input: $input) { source { webhookPath } webhookSecret } }`,
      {
        input: {
          kind: 'JIRA_CLOUD',
          name: 'Live Jira',
          baseUrl: 'https://demo-throughline.atlassian.net',
          credentials: 'demo@example.com:token',
          settings: { boardTeams: { '1': 'PLAT' }, projects: ['PLAT'] },
        },
      },
      token,
    );
    const { webhookPath } = created.createTicketSource.source;
    const delivered = await sendWebhook(`${server.url}${webhookPath}`, storyInActiveSprint(5), {
      secret: created.createTicketSource.webhookSecret,
    });
    expect(delivered.status).toBe(202);

    // the page changes on its own, to the API's figures
    await expect
      .poll(() => page.getByTestId('total-effort').textContent(), { timeout: 15_000 })
      .toBe(points(before.alignment.totalEffort + 5));
    const after = await gql<Alignment>(server.url, ALIGNMENT, {}, token);
    expect(after.alignment.totalEffort).toBe(before.alignment.totalEffort + 5);
    expect(after.alignment.ticketCount).toBe(before.alignment.ticketCount + 1);
    await expect.poll(() => percentsOnScreen()).toEqual(percentsOf(after));
    expect(percentsOf(after)).not.toEqual(percentsOf(before));
    expect(await page.getByTestId('ticket-count').textContent()).toBe(
      String(after.alignment.ticketCount),
    );
    expect(await page.getByTestId('live-updated').textContent()).toBe(' · updated just now');
    expect(await page.evaluate(() => 'stillTheSamePage' in window)).toBe(true);
  });
});
