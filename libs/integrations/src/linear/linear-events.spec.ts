import { createHmac } from 'node:crypto';
import { PermanentEventError } from '../sources/tracker.js';
import { linearCycle, parseLinearEvent } from './linear-events.js';
import { checkLinearSettings, linearSettings } from './linear-settings.js';
import { linearDeliveryId, verifyLinearSignature } from './linear-signature.js';

const settings = linearSettings({ teamTeams: { ENG: 'PLAT' } });
const day = 86_400_000;

/** An Issue webhook as Linear documents it (data-change webhook payload). */
function issueBody(data: Record<string, unknown>, action = 'update') {
  return {
    action,
    type: 'Issue',
    createdAt: '2026-12-05T10:00:00.000Z',
    url: 'https://linear.app/acme/issue/ENG-123',
    organizationId: 'org-1',
    webhookTimestamp: 1_796_000_000_000,
    webhookId: 'wh-1',
    data: {
      id: 'issue-uuid',
      identifier: 'ENG-123',
      title: 'Card form',
      estimate: 5,
      updatedAt: '2026-12-05T09:59:00.000Z',
      state: { id: 's1', name: 'In Review', type: 'started' },
      labels: [{ id: 'l1', name: 'frontend' }],
      labelIds: ['l1'],
      project: { id: 'p-uuid', name: 'Payments' },
      team: { id: 't-uuid', key: 'ENG' },
      cycle: null,
      ...data,
    },
  };
}

describe('Linear payload mapping', () => {
  it('maps an issue to the ticket the pipeline writes', () => {
    const event = parseLinearEvent(issueBody({}), settings);
    expect(event).toMatchObject({
      kind: 'issue',
      webhookAt: new Date(1_796_000_000_000),
      issue: {
        updatedAt: new Date('2026-12-05T09:59:00.000Z'),
        sprints: [],
        ticket: {
          externalKey: 'ENG-123',
          externalId: 'issue-uuid',
          title: 'Card form',
          type: 'Issue',
          labels: ['frontend'],
          rawStatus: 'In Review',
          sourceCategory: 'IN_PROGRESS',
          points: 5,
          epicKey: 'Payments',
          parentKey: null,
        },
      },
    });
  });

  it('maps state types, projects by id, sub-issues, unestimated issues and remove', () => {
    const types = {
      triage: 'TODO',
      backlog: 'TODO',
      unstarted: 'TODO',
      completed: 'DONE',
      canceled: 'CANCELLED',
    };
    for (const [type, category] of Object.entries(types)) {
      const e = parseLinearEvent(issueBody({ state: { id: 's', name: 'X', type } }), settings);
      expect(e.kind === 'issue' && e.issue.ticket.sourceCategory).toBe(category);
    }
    const byId = parseLinearEvent(issueBody({}), linearSettings({ projectsBy: 'id' }));
    expect(byId.kind === 'issue' && byId.issue.ticket.epicKey).toBe('p-uuid');
    const spaced = parseLinearEvent(
      issueBody({ project: { id: 'p', name: 'Two words' } }),
      settings,
    );
    expect(spaced.kind === 'issue' && spaced.issue.ticket.epicKey).toBeNull();
    const sub = parseLinearEvent(
      issueBody({ parent: { identifier: 'ENG-1' }, estimate: null }),
      settings,
    );
    expect(sub.kind === 'issue' && sub.issue.ticket).toMatchObject({
      type: 'Sub-issue',
      parentKey: 'ENG-1',
      epicKey: null,
      points: null,
    });
    expect(parseLinearEvent(issueBody({}, 'remove'), settings).kind).toBe('issueDeleted');
    const graphql = parseLinearEvent(issueBody({ labels: { nodes: [{ name: 'api' }] } }), settings);
    expect(graphql.kind === 'issue' && graphql.issue.ticket.labels).toEqual(['api']);
  });

  it('maps a cycle to a sprint of the team key, its state from the dates', () => {
    const now = Date.parse('2026-12-05T00:00:00.000Z');
    const cycle = (startsAt: number, endsAt: number, completedAt: string | null = null) =>
      linearCycle(
        {
          id: 'c1',
          number: 7,
          startsAt: new Date(startsAt).toISOString(),
          endsAt: new Date(endsAt).toISOString(),
          completedAt,
        },
        'cycle',
        'ENG',
        now,
      );
    expect(cycle(now - day, now + day)).toEqual({
      externalId: 'c1',
      name: 'ENG Cycle 7',
      state: 'ACTIVE',
      boardId: 'ENG',
      startDate: '2026-12-04',
      endDate: '2026-12-06',
    });
    expect(cycle(now + day, now + 2 * day).state).toBe('FUTURE');
    expect(cycle(now - 2 * day, now - day).state).toBe('CLOSED');
    expect(cycle(now - day, now + day, '2026-12-04T12:00:00.000Z').state).toBe('CLOSED');
    const event = parseLinearEvent(
      {
        type: 'Cycle',
        action: 'remove',
        webhookTimestamp: now,
        data: { id: 'c1', number: 7, name: 'Sprint 7', team: { key: 'ENG' } },
      },
      settings,
    );
    expect(event).toMatchObject({
      kind: 'sprint',
      action: 'deleted',
      sprint: { name: 'Sprint 7', boardId: 'ENG' },
    });
  });

  it('ignores other types and refuses values outside their bounds naming field and issue', () => {
    expect(parseLinearEvent({ type: 'Comment', action: 'create', data: {} }, settings)).toEqual({
      kind: 'ignored',
      reason: 'event type "Comment" is not used',
    });
    const poisoned = () => parseLinearEvent(issueBody({ estimate: 1e308 }), settings);
    expect(poisoned).toThrow(PermanentEventError);
    expect(poisoned).toThrow(/^ENG-123: estimate must be/);
    expect(() => parseLinearEvent(issueBody({ title: 'x'.repeat(501) }), settings)).toThrow(
      /ENG-123: title/,
    );
    expect(() => parseLinearEvent(issueBody({ estimate: 'five' }), settings)).toThrow(
      /ENG-123: estimate must be a number/,
    );
    expect(() => parseLinearEvent(issueBody({ identifier: undefined }), settings)).toThrow(
      /data\.identifier is missing/,
    );
  });
});

describe('Linear signature and settings', () => {
  const secret = 'lin_wh_secret';
  const delivery = (body: object, sign = secret) => {
    const raw = Buffer.from(JSON.stringify(body));
    const signature = createHmac('sha256', Buffer.from(sign, 'utf8')).update(raw).digest('hex');
    return { raw, url: '', headers: { 'linear-signature': signature, 'linear-delivery': 'd-1' } };
  };

  it('accepts a fresh, validly signed body and refuses forged or replayed ones', () => {
    const now = 1_796_000_000_000;
    expect(verifyLinearSignature(delivery({ webhookTimestamp: now }), secret, now)).toBe(true);
    expect(verifyLinearSignature(delivery({ webhookTimestamp: now }, 'other'), secret, now)).toBe(
      false,
    );
    expect(verifyLinearSignature(delivery({ webhookTimestamp: now - 61_000 }), secret, now)).toBe(
      false,
    );
    expect(verifyLinearSignature(delivery({}), secret, now)).toBe(false);
    expect(
      verifyLinearSignature({ raw: Buffer.from('{}'), url: '', headers: {} }, secret, now),
    ).toBe(false);
    expect(linearDeliveryId(delivery({}))).toBe('d-1');
  });

  it('checks settings field by field, with defaults written out', () => {
    expect(checkLinearSettings({})).toEqual({
      settings: { teamTeams: {}, projectsBy: 'name', teams: [] },
      problems: [],
    });
    expect(
      checkLinearSettings({
        teamTeams: { eng: 'PLAT', ENG: '' },
        projectsBy: 'key',
        teams: ['ok', 3],
        boards: {},
      }).problems.map((p) => p.path),
    ).toEqual([
      'settings.boards',
      'settings.teamTeams',
      'settings.teamTeams.ENG',
      'settings.projectsBy',
      'settings.teams[0]',
      'settings.teams[1]',
    ]);
  });
});
