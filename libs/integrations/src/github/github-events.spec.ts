import { createHmac } from 'node:crypto';
import { PermanentEventError } from '../sources/tracker.js';
import { nextLink } from './github-client.js';
import { describeGithubEvent, parseGithubEvent } from './github-events.js';
import { checkGithubSettings, githubSettings } from './github-settings.js';
import { githubDeliveryId, verifyGithubSignature } from './github-signature.js';

const settings = githubSettings({ inProgressLabels: ['doing'] });
const repository = { id: 1, name: 'payments', full_name: 'acme/payments' };

/** an `issues` payload as GitHub documents it (the fields read, and a few more) */
function issuesBody(action: string, issue: Record<string, unknown> = {}) {
  return {
    action,
    issue: {
      id: 1347,
      number: 7,
      title: 'Card form',
      state: 'open',
      state_reason: null,
      labels: [{ id: 1, name: 'points:5', color: 'f29513', default: false }],
      milestone: { id: 10, number: 1, title: 'PAY-100', state: 'open' },
      updated_at: '2026-12-05T10:00:00Z',
      ...issue,
    },
    repository,
    sender: { login: 'octocat', id: 1 },
  };
}

const ticketOf = (body: unknown, s = settings) => {
  const event = parseGithubEvent(body, s);
  if (event.kind !== 'issue' && event.kind !== 'issueDeleted') throw new Error(event.kind);
  return event;
};

describe('GitHub issues payload mapping', () => {
  it('maps an opened issue: key, title, points label, milestone as initiative, to do', () => {
    const event = ticketOf(issuesBody('opened'));
    expect(event.kind).toBe('issue');
    expect(event.issue.ticket).toMatchObject({
      externalKey: 'acme/payments#7',
      externalId: '1347',
      title: 'Card form',
      type: 'Issue',
      labels: ['points:5'],
      rawStatus: 'open',
      sourceCategory: 'TODO',
      points: 5,
      epicKey: 'PAY-100',
      parentKey: null,
    });
    expect(event.issue.sprints).toEqual([]);
    expect(event.issue.updatedAt.toISOString()).toBe('2026-12-05T10:00:00.000Z');
    expect(describeGithubEvent(issuesBody('opened'))).toEqual({
      eventType: 'issues.opened',
      subject: 'acme/payments#7',
    });
  });

  it('maps states: in-progress label, completed, not planned, duplicate', () => {
    const labels = [{ name: 'doing' }];
    expect(ticketOf(issuesBody('labeled', { labels })).issue.ticket.sourceCategory).toBe(
      'IN_PROGRESS',
    );
    const closed = (reason: string) =>
      ticketOf(issuesBody('closed', { state: 'closed', state_reason: reason })).issue.ticket;
    expect(closed('completed')).toMatchObject({ rawStatus: 'closed', sourceCategory: 'DONE' });
    expect(closed('not_planned')).toMatchObject({ sourceCategory: 'CANCELLED' });
    expect(closed('duplicate')).toMatchObject({ sourceCategory: 'CANCELLED' });
  });

  it('ignores repositories not in settings.repositories (when listed)', () => {
    const s = githubSettings({ repositories: ['Acme/Payments'] });
    expect(parseGithubEvent(issuesBody('opened'), s).kind).toBe('issue');
    const other = { ...issuesBody('opened'), repository: { full_name: 'acme/web' } };
    expect(parseGithubEvent(other, s)).toMatchObject({ kind: 'ignored' });
  });

  it('deleted and transferred are tombstones', () => {
    expect(ticketOf(issuesBody('deleted')).kind).toBe('issueDeleted');
    expect(ticketOf(issuesBody('transferred')).kind).toBe('issueDeleted');
  });

  it('takes the initiative from a label when set so; a prose milestone links nothing', () => {
    const byLabel = githubSettings({ initiativeFrom: 'label' });
    const body = issuesBody('edited', { labels: [{ name: 'epic:PAY-200' }] });
    expect(ticketOf(body, byLabel).issue.ticket.epicKey).toBe('PAY-200');
    const prose = issuesBody('milestoned', { milestone: { title: 'Release 1.2' } });
    expect(ticketOf(prose).issue.ticket.epicKey).toBeNull();
  });

  it('puts the issue in a sprint named by a label when sprintLabelPrefix is set', () => {
    const s = githubSettings({ sprintLabelPrefix: 'sprint:' });
    const event = ticketOf(issuesBody('labeled', { labels: [{ name: 'sprint:Sprint 12' }] }), s);
    expect(event.issue.sprints).toMatchObject([{ name: 'Sprint 12', boardId: null }]);
  });

  it('ignores ping, pull requests and comments', () => {
    const ping = { zen: 'Keep it logically awesome.', hook_id: 30, hook: {}, repository };
    expect(parseGithubEvent(ping, settings).kind).toBe('ignored');
    expect(describeGithubEvent(ping).eventType).toBe('ping');
    const pr = issuesBody('opened', { pull_request: { url: 'x' } });
    expect(parseGithubEvent(pr, settings).kind).toBe('ignored');
    const comment = { ...issuesBody('deleted'), comment: { id: 1 } };
    expect(parseGithubEvent(comment, settings).kind).toBe('ignored');
  });

  it('refuses values outside their bounds, naming the field and the issue', () => {
    const poison = issuesBody('labeled', { labels: [{ name: 'points:1e308' }] });
    expect(() => parseGithubEvent(poison, settings)).toThrow(PermanentEventError);
    expect(() => parseGithubEvent(poison, settings)).toThrow(
      /acme\/payments#7: labels \(points:\)/,
    );
    const nan = issuesBody('labeled', { labels: [{ name: 'points:lots' }] });
    expect(() => parseGithubEvent(nan, settings)).toThrow(/acme\/payments#7: issue\.labels/);
    const long = issuesBody('edited', { title: 'x'.repeat(600) });
    expect(() => parseGithubEvent(long, settings)).toThrow(/acme\/payments#7: title/);
    const noTime = issuesBody('edited', { updated_at: 'yesterday' });
    expect(() => parseGithubEvent(noTime, settings)).toThrow(/updated_at/);
    expect(() => parseGithubEvent('x', settings)).toThrow(PermanentEventError);
  });

  it('checks settings', () => {
    const ok = checkGithubSettings({ repositories: ['acme/payments'] });
    expect(ok.problems).toEqual([]);
    expect(ok.settings).toEqual({
      repositories: ['acme/payments'],
      pointsLabelPrefix: 'points:',
      initiativeFrom: 'milestone',
      initiativeLabelPrefix: 'epic:',
      inProgressLabels: [],
      sprintLabelPrefix: null,
    });
    const bad = checkGithubSettings({ repositories: ['nope'], initiativeFrom: 'x', other: 1 });
    expect(bad.problems.map((p) => p.path).sort()).toEqual([
      'settings.initiativeFrom',
      'settings.other',
      'settings.repositories[0]',
    ]);
  });
});

describe('GitHub signature, delivery id and Link paging', () => {
  const raw = Buffer.from('{"zen":"x"}');
  const url = 'https://throughline.example.com/webhooks/github/1';
  const sign = (secret: string) =>
    `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;

  it('verifies X-Hub-Signature-256 over the raw bytes', () => {
    const headers = { 'x-hub-signature-256': sign('s3cret'), 'x-github-delivery': 'abc-1' };
    expect(verifyGithubSignature({ headers, raw, url }, 's3cret')).toBe(true);
    expect(verifyGithubSignature({ headers, raw, url }, 'other')).toBe(false);
    expect(verifyGithubSignature({ headers: {}, raw, url }, 's3cret')).toBe(false);
    expect(
      verifyGithubSignature(
        { headers: { 'x-hub-signature-256': 'sha256=zz' }, raw, url },
        's3cret',
      ),
    ).toBe(false);
    expect(githubDeliveryId({ headers, raw, url })).toBe('abc-1');
  });

  it('follows rel="next" on the API host only', () => {
    const base = 'https://api.github.com';
    const header =
      '<https://api.github.com/repositories/1/issues?page=2>; rel="next", <https://api.github.com/repositories/1/issues?page=5>; rel="last"';
    expect(nextLink(header, base)).toBe('https://api.github.com/repositories/1/issues?page=2');
    expect(nextLink('<https://evil.test/x>; rel="next"', base)).toBeNull();
    expect(nextLink('<https://api.github.com/x?page=1>; rel="prev"', base)).toBeNull();
    expect(nextLink(null, base)).toBeNull();
  });
});
