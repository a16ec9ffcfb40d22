import { PermanentEventError, type TrackerEvent } from '../sources/tracker.js';
import { AsanaRowReader } from './asana-csv.js';
import { asanaTaskChanges, describeAsanaEvent, parseAsanaEvent } from './asana-events.js';
import { asanaSettings, checkAsanaSettings } from './asana-settings.js';
import { asanaTaskEvent, asanaTombstone } from './asana-task.js';

const PROJECT = '1201000000000001';
const settings = asanaSettings({ projects: [PROJECT] });

/** A task as GET /tasks/{gid}?opt_fields=... answers it (Asana docs "Get a task"). */
function task(fields: Record<string, unknown> = {}) {
  return {
    gid: '1209000000000042',
    resource_type: 'task',
    resource_subtype: 'default_task',
    name: 'Card form',
    completed: false,
    completed_at: null,
    modified_at: '2026-12-05T10:00:00.000Z',
    memberships: [
      {
        project: { gid: PROJECT, resource_type: 'project', name: 'Sprint 12' },
        section: { gid: '1201000000000100', resource_type: 'section', name: 'In Progress' },
      },
    ],
    custom_fields: [
      {
        gid: '1201000000000200',
        resource_type: 'custom_field',
        name: 'Story Points',
        resource_subtype: 'number',
        number_value: 5,
        display_value: '5',
      },
    ],
    tags: [
      { gid: '1', resource_type: 'tag', name: 'frontend' },
      { gid: '2', resource_type: 'tag', name: 'epic:PAY-100' },
    ],
    parent: null,
    num_subtasks: 0,
    ...fields,
  };
}

const issue = (event: TrackerEvent) => {
  if (event.kind !== 'issue') throw new Error(`expected an issue, got ${JSON.stringify(event)}`);
  return event.issue;
};

describe('Asana task mapping', () => {
  it('maps a task as the CSV import does: key, points, epic tag, section as raw status', () => {
    const state = issue(asanaTaskEvent(task(), settings, null));
    expect(state.updatedAt.toISOString()).toBe('2026-12-05T10:00:00.000Z');
    expect(state.sprints).toEqual([]);
    expect(state.ticket).toEqual({
      externalKey: 'ASANA-1209000000000042',
      externalId: '1209000000000042',
      title: 'Card form',
      type: 'Task',
      labels: ['frontend'],
      rawStatus: 'In Progress',
      sourceCategory: null,
      points: 5,
      sprintNames: [],
      epicKey: 'PAY-100',
      parentKey: null,
      origin: 'ASANA-1209000000000042',
    });
  });

  it('gives the same ticket as the CSV export of the same task', () => {
    const reader = new AsanaRowReader();
    const header = ['Task ID', 'Name', 'Section/Column', 'Completed At', 'Tags', 'Parent task'];
    reader.add({ line: 1, fields: [...header, 'Story Points'] });
    reader.add({
      line: 2,
      fields: [
        '1209000000000042',
        'Card form',
        'In Progress',
        '',
        'frontend,epic:PAY-100',
        '',
        '5',
      ],
    });
    const [fromFile] = reader.finish().tickets;
    const live = issue(asanaTaskEvent(task(), settings, null)).ticket;
    expect({ ...live, origin: '' }).toEqual({ ...fromFile, origin: '' });
    const done = issue(
      asanaTaskEvent(
        task({ completed: true, completed_at: '2026-12-05T10:00:00.000Z' }),
        settings,
        null,
      ),
    ).ticket;
    expect(done).toMatchObject({ rawStatus: 'Completed', sourceCategory: 'DONE' });
  });

  it('takes the key prefix, the points field and the initiative from settings', () => {
    const byProject = asanaSettings({
      projects: [PROJECT],
      keyPrefix: 'PAY',
      pointsField: 'Size',
      initiativeFrom: 'project',
      sprintFrom: 'section',
    });
    const state = issue(
      asanaTaskEvent(
        task({
          custom_fields: [
            { name: 'Size', number_value: 3 },
            { name: 'Points', number_value: 9 },
          ],
          memberships: [
            { project: { gid: PROJECT, name: 'PAY-200' }, section: { name: 'Sprint 12' } },
          ],
        }),
        byProject,
        null,
      ),
    );
    expect(state.ticket).toMatchObject({ externalKey: 'PAY-1209000000000042', points: 3 });
    expect(state.ticket.epicKey).toBe('PAY-200');
    expect(state.sprints).toEqual([expect.objectContaining({ name: 'Sprint 12', nameOnly: true })]);
    const sprintByProject = asanaSettings({ projects: [PROJECT], sprintFrom: 'project' });
    expect(issue(asanaTaskEvent(task(), sprintByProject, null)).sprints.map((s) => s.name)).toEqual(
      ['Sprint 12'],
    );
  });

  it('a task with a parent is a sub-task of it; with initiativeFrom parent, the parent is the initiative', () => {
    const child = task({ parent: { gid: '1209000000000001', name: 'PAY-300' }, memberships: [] });
    expect(issue(asanaTaskEvent(child, settings, null)).ticket).toMatchObject({
      type: 'Sub-task',
      parentKey: 'ASANA-1209000000000001',
      epicKey: null,
    });
    const byParent = asanaSettings({ projects: [PROJECT], initiativeFrom: 'parent' });
    expect(issue(asanaTaskEvent(child, byParent, null)).ticket).toMatchObject({
      type: 'Task',
      parentKey: null,
      epicKey: 'PAY-300',
    });
  });

  it('ignores tasks of other projects and section tasks', () => {
    const other = task({ memberships: [{ project: { gid: '99', name: 'Other' }, section: null }] });
    expect(asanaTaskEvent(other, settings, null)).toMatchObject({ kind: 'ignored' });
    expect(asanaTaskEvent(task({ resource_subtype: 'section' }), settings, null)).toMatchObject({
      kind: 'ignored',
    });
  });

  it('refuses points out of bounds, a text estimate and a missing modified_at, naming field and key', () => {
    const huge = task({ custom_fields: [{ name: 'Points', number_value: 20000 }] });
    expect(() => asanaTaskEvent(huge, settings, null)).toThrow(
      /ASANA-1209000000000042: custom_fields\.Points must be .*10,000/,
    );
    const text = task({
      custom_fields: [{ name: 'Estimate', number_value: null, display_value: 'big' }],
    });
    expect(() => asanaTaskEvent(text, settings, null)).toThrow(
      /ASANA-1209000000000042: custom_fields\.Estimate must be a number of points/,
    );
    expect(() => asanaTaskEvent(task({ modified_at: 'yesterday' }), settings, null)).toThrow(
      PermanentEventError,
    );
    expect(() => asanaTaskEvent(task({ name: 'x'.repeat(501) }), settings, null)).toThrow(
      /ASANA-1209000000000042: name must be at most 500/,
    );
  });

  it('a tombstone is dated by the deletion', () => {
    const at = new Date('2026-12-05T11:00:00.000Z');
    expect(asanaTombstone('42', settings, at)).toMatchObject({
      kind: 'issueDeleted',
      webhookAt: at,
      issue: { updatedAt: at, ticket: { externalKey: 'ASANA-42' } },
    });
  });
});

describe('Asana webhook bodies', () => {
  const event = (gid: string, action: string, at: string, resourceType = 'task') => ({
    user: { gid: '1', resource_type: 'user' },
    created_at: at,
    action,
    resource: { gid, resource_type: resourceType, resource_subtype: 'default_task' },
    parent: null,
    change: action === 'changed' ? { field: 'name', action: 'changed' } : undefined,
  });

  it('lists each task once, in order, with its last action and latest time; skips other resources', () => {
    const changes = asanaTaskChanges({
      events: [
        event('11', 'changed', '2026-12-05T10:00:00.000Z'),
        event('77', 'added', '2026-12-05T10:00:01.000Z', 'story'),
        event('22', 'added', '2026-12-05T10:00:02.000Z'),
        event('11', 'deleted', '2026-12-05T10:00:03.000Z'),
      ],
    });
    expect(changes).toEqual([
      { gid: '11', action: 'deleted', at: new Date('2026-12-05T10:00:03.000Z'), removedFrom: null },
      { gid: '22', action: 'added', at: new Date('2026-12-05T10:00:02.000Z'), removedFrom: null },
    ]);
  });

  it('a heartbeat and story-only deliveries are ignored; malformed bodies are permanent errors', () => {
    expect(parseAsanaEvent({ events: [] })).toEqual({ kind: 'ignored', reason: 'heartbeat' });
    expect(describeAsanaEvent({ events: [] })).toEqual({ eventType: 'heartbeat', subject: null });
    expect(
      parseAsanaEvent({ events: [event('1', 'added', '2026-12-05T10:00:00Z', 'story')] }),
    ).toMatchObject({ kind: 'ignored' });
    expect(() => asanaTaskChanges({ data: [] })).toThrow(/no "events" list/);
    expect(() => asanaTaskChanges({ events: [event('x', 'changed', '2026')] })).toThrow(
      /events\[0\]\.resource\.gid/,
    );
    expect(() => asanaTaskChanges({ events: [event('1', 'exploded', '2026')] })).toThrow(
      /events\[0\]\.action/,
    );
    expect(
      describeAsanaEvent({ events: [event('11', 'changed', 'x'), event('2', 'added', 'x')] }),
    ).toEqual({ eventType: 'task.changed (+1)', subject: 'task 11' });
  });
});

describe('Asana settings', () => {
  it('writes defaults out and names every wrong field', () => {
    expect(checkAsanaSettings({})).toEqual({
      settings: {
        projects: [],
        pointsField: null,
        sprintFrom: 'none',
        initiativeFrom: 'tag',
        keyPrefix: 'ASANA',
      },
      problems: [],
    });
    const bad = checkAsanaSettings({
      projects: ['abc'],
      sprintFrom: 'cycle',
      initiativeFrom: 'milestone',
      keyPrefix: 'has space',
      pointsField: 7,
      colour: 'red',
    });
    expect(bad.problems.map((p) => p.path).sort()).toEqual([
      'settings.colour',
      'settings.initiativeFrom',
      'settings.keyPrefix',
      'settings.pointsField',
      'settings.projects[0]',
      'settings.sprintFrom',
    ]);
  });
});
