import { PermanentEventError, type TrackerEvent } from '../sources/tracker.js';
import { parseGithubEvent } from './github-events.js';
import { fetchGithubEvent } from './github-fetch.js';
import { githubGraphqlUrl } from './github-graphql.js';
import type { GqlIssue, GqlItem } from './github-project-queries.js';
import { iterationSprint, projectIssueEvents } from './github-project.js';
import { checkGithubSettings, githubSettings } from './github-settings.js';

const projectSettings = githubSettings({
  repositories: ['acme/payments'],
  project: { owner: 'acme', number: 7 },
  pointsField: 'Estimate',
  iterationField: 'Sprint',
  iterationTeam: 'PLAT',
});

/** an Issue as the GithubIssueItems query answers it */
const issue = (over: Partial<GqlIssue> = {}): GqlIssue => ({
  __typename: 'Issue',
  id: 'I_kwDOA1',
  databaseId: 1347,
  number: 7,
  title: 'Card form',
  state: 'OPEN',
  stateReason: null,
  updatedAt: '2026-12-05T10:00:00Z',
  repository: { nameWithOwner: 'acme/payments' },
  labels: { nodes: [{ name: 'points:5' }, { name: 'sprint:Old' }] },
  milestone: { title: 'PAY-100' },
  issueType: null,
  ...over,
});

const item = (values: object[], updatedAt = '2026-12-05T11:00:00Z'): GqlItem => ({
  id: 'PVTI_1',
  updatedAt,
  project: { id: 'PVT_kwDOBm0001' },
  fieldValues: { nodes: [{ __typename: 'ProjectV2ItemFieldTextValue' }, ...values] as never },
});

const estimate = (n: number) => ({
  __typename: 'ProjectV2ItemFieldNumberValue',
  number: n,
  field: { name: 'Estimate' },
});
const sprint = (startDate: string, duration = 14, title = 'Sprint 3') => ({
  __typename: 'ProjectV2ItemFieldIterationValue',
  iterationId: 'cfc16e4d',
  title,
  startDate,
  duration,
  field: { name: 'Sprint' },
});

const issueOf = (events: TrackerEvent[]) => {
  const found = events.find((e) => e.kind === 'issue');
  if (found?.kind !== 'issue') throw new Error(JSON.stringify(events));
  return found.issue;
};

describe('GitHub Projects settings', () => {
  it('writes out the project, its fields and boardTeams mapping the project to iterationTeam', () => {
    const checked = checkGithubSettings({
      project: { owner: 'acme', number: 7 },
      pointsField: 'Estimate',
      iterationField: 'Sprint',
      iterationTeam: 'PLAT',
    });
    expect(checked.problems).toEqual([]);
    expect(checked.settings).toMatchObject({
      project: { owner: 'acme', number: 7 },
      pointsField: 'Estimate',
      iterationField: 'Sprint',
      iterationTeam: 'PLAT',
      boardTeams: { 'acme/projects/7': 'PLAT' },
    });
    // the written-out settings sent back are accepted as they are
    expect(checkGithubSettings(checked.settings).problems).toEqual([]);
    const byId = checkGithubSettings({ project: 'PVT_kwDOBm0001', pointsField: 'Estimate' });
    expect(byId.problems).toEqual([]);
    expect(byId.settings).toMatchObject({ project: { id: 'PVT_kwDOBm0001' }, boardTeams: {} });
  });

  it('without a project, the settings are exactly those of before', () => {
    expect(Object.keys(checkGithubSettings({ repositories: ['acme/payments'] }).settings)).toEqual([
      'repositories',
      'pointsLabelPrefix',
      'initiativeFrom',
      'initiativeLabelPrefix',
      'inProgressLabels',
      'sprintLabelPrefix',
    ]);
  });

  it('refuses with a message per field', () => {
    const paths = (settings: unknown) => checkGithubSettings(settings).problems.map((p) => p.path);
    expect(paths({ pointsField: 'Estimate' })).toEqual(['settings.pointsField']);
    expect(paths({ project: { owner: 'a b', number: 0 }, pointsField: 'E' })).toEqual([
      'settings.project.owner',
      'settings.project.number',
    ]);
    expect(paths({ project: 'nope', pointsField: 'E' })).toEqual(['settings.project']);
    expect(paths({ project: { owner: 'acme', number: 7, x: 1 }, pointsField: 'E' })).toEqual([
      'settings.project.x',
    ]);
    expect(paths({ project: { owner: 'acme', number: 7 } })).toEqual(['settings.project']);
    expect(paths({ project: { owner: 'acme', number: 7 }, iterationField: 'Sprint' })).toEqual([
      'settings.iterationTeam',
    ]);
    expect(
      paths({ project: { owner: 'acme', number: 7 }, pointsField: ' E', iterationTeam: 'a b' }),
    ).toEqual(['settings.pointsField', 'settings.iterationTeam', 'settings.iterationTeam']);
    expect(
      paths({
        project: { owner: 'acme', number: 7 },
        iterationField: 'Sprint',
        iterationTeam: 'PLAT',
        boardTeams: { other: 'PLAT' },
      }),
    ).toEqual(['settings.boardTeams']);
    const message = checkGithubSettings({
      project: { owner: 'acme', number: 7 },
      iterationField: 'Sprint',
    }).problems[0].message;
    expect(message).toMatch(/team/);
  });
});

describe('GitHub Projects field mapping', () => {
  const today = '2026-12-05';

  it('points from the number field, the sprint from the iteration (ACTIVE today), labels not read for them', () => {
    const events = projectIssueEvents(
      issue(),
      item([estimate(8), sprint('2026-12-01')]),
      projectSettings,
      {
        today,
      },
    );
    expect(events[0]).toEqual({
      kind: 'sprint',
      action: 'updated',
      webhookAt: null,
      sprint: {
        externalId: 'cfc16e4d',
        name: 'Sprint 3',
        startDate: '2026-12-01',
        endDate: '2026-12-14',
        state: 'ACTIVE',
        boardId: 'acme/projects/7',
      },
    });
    const state = issueOf(events);
    expect(state.ticket).toMatchObject({
      externalKey: 'acme/payments#7',
      externalId: '1347',
      points: 8,
      epicKey: 'PAY-100',
      sourceCategory: 'TODO',
      labels: ['points:5', 'sprint:Old'],
    });
    expect(state.sprints.map((s) => s.externalId)).toEqual(['cfc16e4d']);
    // the item's edit is later than the issue's: it orders the event
    expect(state.updatedAt.toISOString()).toBe('2026-12-05T11:00:00.000Z');
  });

  it('iteration states from today: FUTURE before its start, CLOSED after its last day', () => {
    const at = 'x';
    expect(iterationSprint(sprint('2026-12-06'), projectSettings, at, today).state).toBe('FUTURE');
    expect(iterationSprint(sprint('2026-11-21'), projectSettings, at, today)).toMatchObject({
      endDate: '2026-12-04',
      state: 'CLOSED',
    });
    expect(iterationSprint(sprint('2026-11-22'), projectSettings, at, today).state).toBe('ACTIVE');
    expect(iterationSprint(sprint('2026-12-05', 1), projectSettings, at, today)).toMatchObject({
      endDate: '2026-12-05',
      state: 'ACTIVE',
    });
  });

  it('an issue outside the project (or its item removed) has no points and no sprint', () => {
    const events = projectIssueEvents(issue(), null, projectSettings, {
      removedAt: new Date('2026-12-05T12:00:00Z'),
    });
    expect(events).toHaveLength(1);
    const state = issueOf(events);
    expect(state.ticket.points).toBeNull();
    expect(state.sprints).toEqual([]);
    expect(state.updatedAt.toISOString()).toBe('2026-12-05T12:00:00.000Z');
  });

  it('with only pointsField, the sprint label still gives the sprint', () => {
    const s = githubSettings({
      project: { owner: 'acme', number: 7 },
      pointsField: 'Estimate',
      sprintLabelPrefix: 'sprint:',
    });
    const state = issueOf(projectIssueEvents(issue(), item([estimate(2)]), s));
    expect(state.ticket.points).toBe(2);
    expect(state.sprints).toMatchObject([{ name: 'Old', nameOnly: true }]);
  });

  it('maps GraphQL enums as REST does: CLOSED NOT_PLANNED is cancelled', () => {
    const state = issueOf(
      projectIssueEvents(
        issue({ state: 'CLOSED', stateReason: 'NOT_PLANNED' }),
        null,
        projectSettings,
      ),
    );
    expect(state.ticket).toMatchObject({ rawStatus: 'not planned', sourceCategory: 'CANCELLED' });
  });

  it('points outside the bounds and a bad iteration are dead letters naming the field and the issue', () => {
    const fail = (values: object[]) => () =>
      projectIssueEvents(issue(), item(values), projectSettings, { today });
    expect(fail([estimate(10_001)])).toThrow(PermanentEventError);
    expect(fail([estimate(-1)])).toThrow(/acme\/payments#7: project field "Estimate"/);
    expect(fail([sprint('2026-12-01', 0)])).toThrow(
      /acme\/payments#7: project field "Sprint": the iteration's duration/,
    );
    expect(fail([sprint('12/01/2026')])).toThrow(/startDate must be a date/);
    expect(fail([sprint('2026-12-01', 14, 'x'.repeat(201))])).toThrow(/title must be 1-200/);
  });

  it('ignores issues of repositories the source does not list', () => {
    const other = issue({ repository: { nameWithOwner: 'acme/web' } });
    expect(projectIssueEvents(other, null, projectSettings)).toEqual([
      { kind: 'ignored', reason: 'acme/web is not in settings.repositories' },
    ]);
  });
});

describe('GitHub fetch without a project', () => {
  it('parses the body as before, with no request (the API is not reachable here)', async () => {
    const body = {
      action: 'opened',
      issue: {
        id: 1,
        node_id: 'I_1',
        number: 3,
        title: 't',
        state: 'open',
        labels: [{ name: 'points:3' }],
        updated_at: '2026-12-05T10:00:00Z',
      },
      repository: { full_name: 'acme/payments' },
    };
    const settings = { repositories: ['acme/payments'] };
    const events = await fetchGithubEvent(
      body,
      { baseUrl: 'http://127.0.0.1:9', credentials: null, settings },
      AbortSignal.timeout(1000),
    );
    expect(events).toEqual([parseGithubEvent(body, githubSettings(settings))]);
  });

  it('names the GraphQL endpoint beside the REST base URL (github.com and Enterprise Server)', () => {
    expect(githubGraphqlUrl('https://api.github.com')).toBe('https://api.github.com/graphql');
    expect(githubGraphqlUrl('https://ghe.acme.test/api/v3/')).toBe(
      'https://ghe.acme.test/api/graphql',
    );
  });
});
