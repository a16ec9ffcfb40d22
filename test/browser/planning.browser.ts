import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  gql,
  launchChromium,
  percentText,
  pixelSpread,
  shareText,
  startServer,
  type RunningServer,
} from './support.js';

const DEMO = { email: 'demo@throughline.local', password: 'throughline-demo' };
const EDITOR = { email: `planner-${Date.now()}@example.com`, password: 'planner password 1' };
const SHOTS = resolve(process.env.SCREENSHOT_DIR ?? 'dist/screenshots');
const CYCLE = 'Q1-27';
const OBJECTIVE = 'O-ROOM';
const KEY_RESULTS = [
  { key: 'O-ROOM-KR1', title: 'EU merchants live on instant payouts', target: '50' },
  { key: 'O-ROOM-KR2', title: 'EU checkout conversion', target: '80' },
];
const INITIATIVES = [
  {
    key: 'I-ROOM-1',
    title: 'Instant payouts in the EU',
    team: 'PAY',
    estimate: '20',
    priority: 'MUST',
    supports: 'O-ROOM-KR1',
  },
  {
    key: 'I-ROOM-2',
    title: 'EU checkout copy and currencies',
    team: 'GROW',
    estimate: '15',
    priority: 'COULD',
    supports: 'O-ROOM-KR2',
  },
  {
    key: 'I-ROOM-3',
    title: 'Payout status in the mobile app',
    team: 'MOB',
    estimate: '10',
    priority: 'SHOULD',
    supports: 'O-ROOM-KR1',
  },
];
const SCENARIO = 'Room';

interface GoalShares {
  goals: { share: number; percent: number; goal: { key: string } }[];
}
const PROJECTED = `query($cycleKey: String!) { projectedAlignment(cycleKey: $cycleKey) {
  goals { share percent goal { key } } } }`;

/**
 * The quarterly planning session as the room runs it, in Chromium, as two members of the demo
 * organization (the owner and an EDITOR) in two browser contexts: the owner drafts an objective,
 * two key results and three initiatives in the planning view and the EDITOR sees them arrive live;
 * the EDITOR forks a scenario, changes an estimate and a priority in it, compares it with the
 * plan, promotes it and locks the quarter; a check-in moves a key result's progress; plan vs
 * actual shows afterwards. Every figure on screen is compared with what the API answers, and each
 * step saves a screenshot.
 */
describe('a whole planning session in Chromium, two members live', () => {
  let server: RunningServer;
  let browser: Browser;
  let ownerToken: string;
  let owner: Page;
  let editor: Page;
  const contexts: BrowserContext[] = [];
  const shots: string[] = [];

  const api = <T>(query: string, variables: Record<string, unknown> = {}) =>
    gql<T>(server.url, query, variables, ownerToken);

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    ownerToken = (
      await gql<{ logIn: { token: string } }>(
        server.url,
        `mutation($input: LogInInput!) { logIn(input: $input) { token } }`,
        { input: DEMO },
      )
    ).logIn.token;
    const invite = await api<{ inviteMember: { inviteToken: string } }>(
      `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { inviteToken } }`,
      { input: { email: EDITOR.email, role: 'EDITOR', name: 'Pat Planner' } },
    );
    await gql(
      server.url,
      `mutation($input: AcceptInviteInput!) { acceptInvite(input: $input) { token } }`,
      { input: { token: invite.inviteMember.inviteToken, password: EDITOR.password } },
    );
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  async function signIn(credentials: { email: string; password: string }): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.url}/planning?cycle=${CYCLE}`);
    await page.waitForURL('**/sign-in');
    await page.getByLabel('Email').fill(credentials.email);
    await page.getByLabel('Password').fill(credentials.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`**/planning?cycle=${CYCLE}`);
    await page.getByTestId('projected-table').waitFor();
    await page.getByRole('heading', { name: 'Edit the plan' }).waitFor();
    return page;
  }

  async function screenshot(page: Page, name: string) {
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.chart')].every((c) => c.querySelector('svg path')),
    );
    const path = join(SHOTS, `${name}.png`);
    await page.screenshot({ path, fullPage: true });
    shots.push(path);
  }

  /** The page's projected percent of every goal equals the API's. */
  async function expectProjectionOnScreen(page: Page) {
    const { projectedAlignment } = await api<{ projectedAlignment: GoalShares }>(PROJECTED, {
      cycleKey: CYCLE,
    });
    for (const g of projectedAlignment.goals)
      await expect
        .poll(() => page.getByTestId(`projected-percent-${g.goal.key}`).textContent(), {
          timeout: 10_000,
        })
        .toBe(percentText(g.percent));
    return projectedAlignment;
  }

  /** Waits for `what`; when it does not come, fails with what `where` says (the API's message). */
  async function shownOr(what: Locator, where: Locator) {
    await what.waitFor({ timeout: 15_000 }).catch(async (error: unknown) => {
      throw new Error(`${String(error)}\n${await where.innerText()}`);
    });
  }

  const authoring = (page: Page) =>
    page.locator('section.authoring', {
      has: page.getByRole('heading', { name: 'Edit the plan' }),
    });

  /** Adds the first link row of a form and points it at a key. */
  async function linkTo(form: Locator, noun: string, kind: string, key: string) {
    await form.getByRole('button', { name: new RegExp(`^Add link`) }).click();
    await form.getByLabel(`${noun} 1 kind`).selectOption(kind);
    await form.getByLabel(`${noun} 1 target`).fill(key);
    await form.getByLabel(`${noun} 1 weight`).fill('1');
  }

  it('opens the draft for the owner and an EDITOR, both showing the API projection', async () => {
    [owner, editor] = await Promise.all([signIn(DEMO), signIn(EDITOR)]);
    expect(await owner.getByTestId('role').textContent()).toBe('OWNER');
    expect(await editor.getByTestId('role').textContent()).toBe('EDITOR');
    await expectProjectionOnScreen(owner);
    await expectProjectionOnScreen(editor);
    await screenshot(owner, 'session-1-draft');
  });

  it('lets the owner draft an objective, two key results and three initiatives', async () => {
    const card = authoring(owner);
    const objective = card.getByRole('form', { name: 'New objective' });
    await objective.getByLabel('Objective key').fill(OBJECTIVE);
    await objective.getByLabel('Objective title').fill('Launch instant payouts in the EU');
    await linkTo(objective, 'Aligns to', 'goal', 'G-EU');
    await objective.getByRole('button', { name: 'Create objective' }).click();
    await card.locator(`[data-objective="${OBJECTIVE}"]`).waitFor();

    for (const kr of KEY_RESULTS) {
      // the form stays open after a key result is created, ready for the next one
      const form = card.getByRole('form', { name: `New key result for ${OBJECTIVE}` });
      if (!(await form.isVisible()))
        await card.getByRole('button', { name: `New key result for ${OBJECTIVE}` }).click();
      await form.getByLabel('Key result key').fill(kr.key);
      await form.getByLabel('Key result title').fill(kr.title);
      await form.getByLabel('Kind').selectOption('PERCENT');
      await form.getByLabel('Start').fill('0');
      await form.getByLabel('Target').fill(kr.target);
      await form.getByLabel('Unit').fill('%');
      await form.getByRole('button', { name: 'Create key result' }).click();
      await shownOr(card.locator(`[data-key-result="${kr.key}"]`), form);
      await expect.poll(() => form.getByLabel('Key result key').inputValue()).toBe('');
    }

    const teams = await api<{ teams: { nodes: { id: string; key: string }[] } }>(
      `{ teams(first: 50) { nodes { id key } } }`,
    );
    const teamId = (key: string) => teams.teams.nodes.find((t) => t.key === key)!.id;
    for (const initiative of INITIATIVES) {
      const form = card.getByRole('form', { name: 'New initiative' });
      await form.getByLabel('Initiative key').fill(initiative.key);
      await form.getByLabel('Initiative title').fill(initiative.title);
      await form.getByLabel('Team').selectOption(teamId(initiative.team));
      await form.getByLabel('Estimate (points)').fill(initiative.estimate);
      await form.getByLabel('Priority').selectOption(initiative.priority);
      await linkTo(form, 'Supports', 'keyResult', initiative.supports);
      await form.getByRole('button', { name: 'Propose initiative' }).click();
      await shownOr(card.locator(`[data-initiative="${initiative.key}"]`), form);
      // the form empties once the initiative and its links are written: then the next one
      await expect.poll(() => form.getByLabel('Initiative key').inputValue()).toBe('');
    }

    const { initiatives } = await api<{
      initiatives: { nodes: { key: string; estimate: number; priority: string }[] };
    }>(`{ initiatives(first: 100) { nodes { key estimate priority } } }`);
    for (const expected of INITIATIVES)
      expect(initiatives.nodes.find((i) => i.key === expected.key)).toEqual({
        key: expected.key,
        estimate: Number(expected.estimate),
        priority: expected.priority,
      });
    await screenshot(owner, 'session-2-drafted');
  });

  it("shows the EDITOR the owner's objective, key results and initiatives live", async () => {
    const card = authoring(editor);
    for (const selector of [
      `[data-objective="${OBJECTIVE}"]`,
      ...KEY_RESULTS.map((kr) => `[data-key-result="${kr.key}"]`),
      ...INITIATIVES.map((i) => `[data-initiative="${i.key}"]`),
    ])
      await card.locator(selector).waitFor({ timeout: 10_000 });
    const shares = await expectProjectionOnScreen(editor);
    expect(shares.goals.find((g) => g.goal.key === 'G-EU')!.share).toBeGreaterThan(0);
    await screenshot(editor, 'session-3-arrived-live');
  });

  let compared: { label: string; projected: GoalShares }[] = [];

  it('lets the EDITOR fork a scenario, change an estimate and a priority, and compare', async () => {
    const fork = editor.getByRole('form', { name: 'Fork a scenario' });
    await fork.getByLabel('Scenario name').fill(SCENARIO);
    await fork.getByRole('button', { name: 'Fork the plan' }).click();
    const scenario = editor.getByRole('region', { name: `Scenario ${SCENARIO}` });
    const estimate = scenario.getByLabel(`Estimate of I-ROOM-1 in scenario ${SCENARIO}`);
    await estimate.fill('45');
    await estimate.press('Enter');
    await scenario.getByLabel(`Priority of I-ROOM-2 in scenario ${SCENARIO}`).selectOption('MUST');

    // the scenario holds the values, the plan does not move
    type Rows = {
      initiatives: {
        included: boolean;
        estimate: number | null;
        priority: string;
        initiative: { key: string };
      }[];
    };
    const scenarioRows = async () => {
      const { scenarios } = await api<{ scenarios: ({ id: string; name: string } & Rows)[] }>(
        `query($c: String!) { scenarios(cycleKey: $c) { id name initiatives {
          included estimate priority initiative { key } } } }`,
        { c: CYCLE },
      );
      return scenarios.find((s) => s.name === SCENARIO)!;
    };
    await expect
      .poll(async () => {
        const rows = (await scenarioRows()).initiatives;
        const of = (key: string) => rows.find((r) => r.initiative.key === key);
        return [of('I-ROOM-1')?.estimate, of('I-ROOM-2')?.priority];
      })
      .toEqual([45, 'MUST']);
    const { initiatives } = await api<{
      initiatives: { nodes: { key: string; estimate: number; priority: string }[] };
    }>(`{ initiatives(first: 100) { nodes { key estimate priority } } }`);
    expect(initiatives.nodes.find((i) => i.key === 'I-ROOM-1')!.estimate).toBe(20);
    expect(initiatives.nodes.find((i) => i.key === 'I-ROOM-2')!.priority).toBe('COULD');

    await scenario.getByLabel(`Compare ${SCENARIO}`).check();
    const table = editor.getByRole('table', { name: 'Scenario comparison' });
    await table.waitFor();
    const { id } = await scenarioRows();
    const answer = await api<{
      compareScenarios: { columns: { label: string; projected: GoalShares }[] };
    }>(
      `query($c: String!, $ids: [ID!]!) { compareScenarios(cycleKey: $c, scenarioIds: $ids) {
        columns { label projected { goals { share percent goal { key } } } } } }`,
      { c: CYCLE, ids: [id] },
    );
    compared = answer.compareScenarios.columns;
    const [plan, room] = compared;
    for (const g of plan.projected.goals) {
      await expect
        .poll(() => table.getByLabel(`${g.goal.key} share in the plan`).textContent())
        .toContain(shareText(g.share));
      const inRoom = room.projected.goals.find((x) => x.goal.key === g.goal.key)!;
      await expect
        .poll(() => table.getByLabel(`${g.goal.key} share in ${SCENARIO}`).textContent())
        .toContain(shareText(inRoom.share));
    }
    const eu = (c: { projected: GoalShares }) =>
      c.projected.goals.find((g) => g.goal.key === 'G-EU')!.share;
    expect(eu(room)).toBeGreaterThan(eu(plan)); // a larger estimate on the EU objective's work
    await screenshot(editor, 'session-4-scenario-compared');
  });

  it('promotes the scenario into the plan, which both members see', async () => {
    await editor.getByRole('button', { name: `Promote ${SCENARIO}` }).click();
    await editor.getByRole('button', { name: `Yes, promote ${SCENARIO}` }).click();
    const room = compared[1];
    await expect
      .poll(async () => {
        const { projectedAlignment } = await api<{ projectedAlignment: GoalShares }>(PROJECTED, {
          cycleKey: CYCLE,
        });
        return projectedAlignment.goals.map((g) => [g.goal.key, g.share]);
      })
      .toEqual(room.projected.goals.map((g) => [g.goal.key, g.share]));
    // the owner's page follows without a reload
    await expectProjectionOnScreen(owner);
    await expectProjectionOnScreen(editor);
    await screenshot(owner, 'session-5-promoted');
  });

  it('lets the EDITOR lock the quarter, then download the locked plan', async () => {
    // at most one cycle is ACTIVE: the quarter that ends is closed first, as in the room
    await api(`mutation { closeCycle(cycleKey: "Q4-26") { cycle { key } } }`);
    await editor.getByRole('button', { name: `Lock ${CYCLE}` }).click();
    await editor.getByRole('heading', { name: 'Plan vs actual' }).waitFor({ timeout: 10_000 });
    const download = editor.waitForEvent('download');
    await editor.getByRole('button', { name: 'Download the locked plan (YAML)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`plan-${CYCLE}.yaml`);
    const text = readFileSync((await file.path())!, 'utf8');
    expect(text).toContain('I-ROOM-1');
    expect(text).toMatch(/key: I-ROOM-1[\s\S]*?estimate: 45/);
    await screenshot(editor, 'session-6-locked');
  });

  it("moves a key result's progress with a check-in on the overview", async () => {
    await owner.goto(`${server.url}/`);
    const kr = KEY_RESULTS[0];
    await owner.getByRole('button', { name: `Check in ${kr.key}` }).click();
    const form = owner.getByRole('form', { name: `Check in ${kr.key}` });
    await shownOr(form, owner.locator('main'));
    await form.getByLabel(/New value/).fill('20');
    await form.getByLabel('Note').fill('Two merchants live after the first week.');
    await form.getByRole('button', { name: 'Save check-in' }).click();
    await expect
      .poll(() => owner.getByLabel(`${kr.title} progress`).getAttribute('value'))
      .toBe('0.4');
    const { keyResult } = await api<{ keyResult: { progress: number; current: number } }>(
      `query($k: String!) { keyResult(key: $k) { progress current } }`,
      { k: kr.key },
    );
    expect(keyResult).toEqual({ progress: 0.4, current: 20 });
    await screenshot(owner, 'session-7-check-in');
  });

  it('shows plan vs actual for the locked quarter, as the API has it', async () => {
    await owner.goto(`${server.url}/planning?cycle=${CYCLE}`);
    await owner.getByRole('heading', { name: 'Plan vs actual' }).waitFor();
    const { planVsActual } = await api<{
      planVsActual: { goals: { plannedShare: number | null; goal: { key: string } }[] };
    }>(
      `query($c: String!) { planVsActual(cycleKey: $c) { goals { plannedShare goal { key } } } }`,
      { c: CYCLE },
    );
    expect(await owner.getByTestId('plan-vs-actual').locator('tbody tr').count()).toBe(
      planVsActual.goals.length,
    );
    const planned = compared[1].projected.goals.find((g) => g.goal.key === 'G-EU')!.share;
    expect(planVsActual.goals.find((g) => g.goal.key === 'G-EU')!.plannedShare).toBeCloseTo(
      planned,
      9,
    );
    await screenshot(owner, 'session-8-plan-vs-actual');
  });

  it('saved a non-blank screenshot of every step', async () => {
    expect(shots.map((s) => s.split('/').pop())).toEqual([
      'session-1-draft.png',
      'session-2-drafted.png',
      'session-3-arrived-live.png',
      'session-4-scenario-compared.png',
      'session-5-promoted.png',
      'session-6-locked.png',
      'session-7-check-in.png',
      'session-8-plan-vs-actual.png',
    ]);
    const blank = await browser.newPage();
    for (const shot of shots) {
      expect(statSync(shot).size).toBeGreaterThan(20_000);
      expect(await pixelSpread(blank, shot), shot).toBeGreaterThan(10);
    }
    await blank.close();
  });
});
