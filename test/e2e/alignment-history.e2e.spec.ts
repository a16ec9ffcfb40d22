import { expectError, TestApp, type Session } from '../support/test-app.js';
import { alignmentOrganization } from './alignment-fixture.js';

const TREND = `query($teams: [String!], $measure: Measure) { alignmentTrend(teamKeys: $teams, last: 6, measure: $measure) {
  sprint { key state } live recomputed report { totalEffort goals { goal { key } effort } unaligned { reason effort } } } }`;

describe('history: sprint snapshots and the trend', () => {
  let app: TestApp;
  let s: Session;
  beforeAll(async () => {
    app = await TestApp.start();
    s = await alignmentOrganization(app);
  });
  afterAll(() => app.close());

  const goals = (r: { goals: { goal: { key: string }; effort: number }[] }) =>
    Object.fromEntries(r.goals.map((g) => [g.goal.key, g.effort]));

  it('recomputes a closed sprint without a snapshot from its ticket history, and marks it', async () => {
    const trend = (await app.ok(TREND, { teams: ['A'] }, s.token)).alignmentTrend;
    expect(
      trend.map((p: { sprint: { key: string }; live: boolean; recomputed: boolean }) => [
        p.sprint.key,
        p.live,
        p.recomputed,
      ]),
    ).toEqual([
      ['A-S1', false, true],
      ['A-S2', true, false],
    ]);
    // A-S1: T12 and T3 (carried over into A-S2, so it counts in both sprints).
    expect(trend[0].report.totalEffort).toBe(11);
    expect(goals(trend[0].report)).toEqual({ G1: 8.25, G2: 2.75, G3: 0 });
    expect(trend[1].report.totalEffort).toBe(23);
  });

  it('stores an immutable snapshot when a sprint closes; the trend reads it afterwards', async () => {
    const closed = await app.ok(`mutation { closeSprint(key: "B-S1") { key state } }`, {}, s.token);
    expect(closed.closeSprint).toEqual({ key: 'B-S1', state: 'CLOSED' });
    expectError(
      await app.gql(`mutation { closeSprint(key: "B-S1") { key } }`, {}, s.token),
      'CONFLICT',
    );

    // Later changes to the tree do not change the snapshot.
    const i8 = await app.ok(`{ initiative(key: "I8") { id } }`, {}, s.token);
    await app.ok(
      `mutation($id: ID!) { archiveInitiative(id: $id) { key } }`,
      { id: i8.initiative.id },
      s.token,
    );
    const trend = (await app.ok(TREND, { teams: ['B'] }, s.token)).alignmentTrend;
    expect(trend).toHaveLength(1);
    expect(trend[0]).toMatchObject({
      sprint: { key: 'B-S1', state: 'CLOSED' },
      live: false,
      recomputed: false,
    });
    expect(goals(trend[0].report)).toEqual({ G1: 0.75, G2: 3.25, G3: 0 });
    const count = (await app.ok(TREND, { teams: ['B'], measure: 'COUNT' }, s.token)).alignmentTrend;
    expect(count[0].report.totalEffort).toBe(3);

    // The app role can read snapshots but never change them.
    const attempt = app.db.transaction({ organizationId: s.organizationId }, (em) =>
      em.query(`UPDATE sprint_snapshots SET report = '{}'`),
    );
    await expect(attempt).rejects.toThrow(/permission denied/);
  });

  it('shows another organization nothing, and lets it close nothing', async () => {
    const other = await app.signUp('Other');
    expectError(
      await app.gql(`mutation { closeSprint(key: "A-S2") { key } }`, {}, other.token),
      'NOT_FOUND',
    );
    expect((await app.ok(TREND, {}, other.token)).alignmentTrend).toEqual([]);
  });
});
