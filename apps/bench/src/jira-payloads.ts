import { createHmac } from 'node:crypto';

/**
 * Just enough of Jira Cloud's webhook shape for the live-sources bench: an issue event as the
 * API's Jira adapter reads it, signed as Jira signs it. The bench does not import the tests' fake
 * Jira (test/ code stays out of the build), so this is a deliberately small copy of that shape.
 */

/** The active sprint every bench issue sits in, on the board the source maps to a team. */
export const BENCH_SPRINT = { id: 12, name: 'Bench Sprint 1', boardId: 3 } as const;

export interface BenchIssue {
  key: string;
  /** numeric id, as Jira's issue ids are */
  id: number;
  /** the epic (hierarchy level 1) whose key is an initiative's externalKey */
  epicKey: string;
  points: number;
}

/** A `jira:issue_created` / `jira:issue_updated` body; `updatedAt` orders states of one issue. */
export function issueEvent(
  event: 'jira:issue_created' | 'jira:issue_updated',
  issue: BenchIssue,
  updatedAt: number,
): object {
  const time = jiraTime(updatedAt);
  return {
    timestamp: updatedAt,
    webhookEvent: event,
    issue_event_type_name: event === 'jira:issue_created' ? 'issue_created' : 'issue_updated',
    user: { accountId: 'bench', displayName: 'Bench', active: true, accountType: 'atlassian' },
    issue: {
      id: String(issue.id),
      key: issue.key,
      fields: {
        summary: `Bench issue ${issue.key}`,
        issuetype: { id: '10001', name: 'Story', subtask: false, hierarchyLevel: 0 },
        status: {
          id: '10001',
          name: 'In Progress',
          statusCategory: { id: 4, key: 'indeterminate', name: 'In Progress' },
        },
        project: { id: '10000', key: 'BENCH', name: 'Bench' },
        labels: [],
        created: time,
        updated: time,
        parent: {
          id: String(100_000 + Number(issue.epicKey.replace(/\D/g, ''))),
          key: issue.epicKey,
          fields: {
            summary: issue.epicKey,
            issuetype: { id: '10000', name: 'Epic', subtask: false, hierarchyLevel: 1 },
          },
        },
        customfield_10016: issue.points,
        customfield_10020: [
          {
            id: BENCH_SPRINT.id,
            name: BENCH_SPRINT.name,
            state: 'active',
            boardId: BENCH_SPRINT.boardId,
            goal: '',
            startDate: '2026-12-01T09:00:00.000Z',
            endDate: '2026-12-14T17:00:00.000Z',
          },
        ],
      },
    },
  };
}

/** A delivery ready to POST: the exact bytes and the headers Jira Cloud sends with them. */
export interface SignedDelivery {
  raw: Buffer;
  headers: Record<string, string>;
}

/** `X-Hub-Signature: sha256=<hex HMAC-SHA256 of the raw body, keyed with the secret>`. */
export function signDelivery(secret: string, body: object, deliveryId: string): SignedDelivery {
  const raw = Buffer.from(JSON.stringify(body), 'utf8');
  const signature = createHmac('sha256', Buffer.from(secret, 'utf8')).update(raw).digest('hex');
  return {
    raw,
    headers: {
      'content-type': 'application/json',
      'x-atlassian-webhook-identifier': deliveryId,
      'x-hub-signature': `sha256=${signature}`,
    },
  };
}

/** Jira writes times with a colon-less offset: 2026-12-05T10:00:00.000+0000. */
const jiraTime = (at: number) => new Date(at).toISOString().replace('Z', '+0000');

/**
 * Strictly increasing times: two states of one issue sent within the same millisecond must
 * still be ordered (the API keeps the state with the later updated time).
 */
export function monotonicClock(): () => number {
  let last = 0;
  return () => (last = Math.max(Date.now(), last + 1));
}
