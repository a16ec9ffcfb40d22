import { ticketFieldProblem } from '../tickets/incoming-ticket.js';
import { PermanentEventError, type TrackerEvent, type TrackerSprint } from '../sources/tracker.js';
import { githubIssueEvent } from './github-events.js';
import { projectBoardId } from './github-project-settings.js';
import type { GqlFieldValue, GqlIssue, GqlItem } from './github-project-queries.js';
import type { GithubSettings } from './github-settings.js';

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d\d-\d\d$/;

/**
 * The label rules that still apply with a project: the points label is not read when pointsField
 * gives the points, nor the sprint label when iterationField gives the sprint (an issue outside
 * the project then has neither). Without a project: the settings as they are.
 */
export function labelRules(settings: GithubSettings): GithubSettings {
  if (!settings.project) return settings;
  return {
    ...settings,
    pointsLabelPrefix: settings.pointsField ? '' : settings.pointsLabelPrefix,
    sprintLabelPrefix: settings.iterationField ? null : settings.sprintLabelPrefix,
  };
}

/**
 * An issue read through GraphQL, with its item in the source's project (null: the issue is not,
 * or no longer, in it: its points and sprint from the project are cleared), as the events to
 * apply: the iteration's sprint first (the tracker owns its name, dates and state, as Jira's
 * sprint events do; GitHub sends no iteration events), then the issue. The issue's updated time
 * is the later of the issue's and the item's (a field edit moves only the item's); `removedAt`
 * (an item deleted or archived: the webhook's time of it, GitHub's clock) stamps the removal.
 */
export function projectIssueEvents(
  issue: GqlIssue,
  item: GqlItem | null,
  settings: GithubSettings,
  options: { removedAt?: Date; today?: string } = {},
): TrackerEvent[] {
  const repo = issue.repository?.nameWithOwner;
  if (typeof repo !== 'string' || !repo.includes('/')) {
    throw new PermanentEventError(`issue ${issue.id}: repository.nameWithOwner is missing`);
  }
  const listed = settings.repositories.map((r) => r.toLowerCase());
  if (listed.length && !listed.includes(repo.toLowerCase())) {
    return [{ kind: 'ignored', reason: `${repo} is not in settings.repositories` }];
  }
  const event = githubIssueEvent(restShape(issue), repo, labelRules(settings));
  if (event.kind !== 'issue') return [event];
  const key = event.issue.ticket.externalKey;
  const values = item?.fieldValues?.nodes ?? [];
  const named = (type: string, name: string | null | undefined) =>
    name ? values.find((v) => v?.__typename === type && v.field?.name === name) : undefined;
  const ticket = { ...event.issue.ticket };
  if (settings.pointsField) {
    const value = named('ProjectV2ItemFieldNumberValue', settings.pointsField);
    ticket.points = typeof value?.number === 'number' ? value.number : null;
    const problem = ticketFieldProblem(ticket, {
      points: `project field "${settings.pointsField}"`,
    });
    if (problem) throw new PermanentEventError(`${key}: ${problem}`);
  }
  const events: TrackerEvent[] = [];
  let sprints = event.issue.sprints;
  if (settings.iterationField) {
    const value = named('ProjectV2ItemFieldIterationValue', settings.iterationField);
    const sprint = value
      ? iterationSprint(
          value,
          settings,
          `${key}: project field "${settings.iterationField}"`,
          options.today,
        )
      : null;
    sprints = sprint ? [sprint] : [];
    if (sprint) events.push({ kind: 'sprint', action: 'updated', sprint, webhookAt: null });
  }
  const times = [event.issue.updatedAt.getTime()];
  const itemTime = item ? Date.parse(item.updatedAt) : NaN;
  if (!Number.isNaN(itemTime)) times.push(itemTime);
  if (options.removedAt) times.push(options.removedAt.getTime());
  events.push({
    kind: 'issue',
    issue: { ticket, sprints, updatedAt: new Date(Math.max(...times)) },
    webhookAt: null,
  });
  return events;
}

/** The REST shape githubIssueEvent reads, from GraphQL's Issue (enums in lower case). */
function restShape(issue: GqlIssue): Record<string, unknown> {
  return {
    id: issue.databaseId ?? issue.id,
    number: issue.number,
    title: issue.title,
    state: typeof issue.state === 'string' ? issue.state.toLowerCase() : issue.state,
    state_reason: typeof issue.stateReason === 'string' ? issue.stateReason.toLowerCase() : null,
    labels: (issue.labels?.nodes ?? []).filter((l) => l !== null),
    milestone: issue.milestone,
    type: issue.issueType ?? null,
    updated_at: issue.updatedAt,
  };
}

/**
 * An iteration as a sprint of iterationTeam: its id, title and dates (an iteration runs
 * `duration` days from startDate: the end is the last of them); its state from today's date
 * (UTC): before the start FUTURE, after the end CLOSED, else ACTIVE.
 */
export function iterationSprint(
  value: GqlFieldValue,
  settings: GithubSettings,
  at: string,
  today = new Date().toISOString().slice(0, 10),
): TrackerSprint {
  const { iterationId, title, startDate, duration } = value;
  if (typeof iterationId !== 'string' || !/^\S{1,50}$/.test(iterationId)) {
    throw new PermanentEventError(`${at}: iterationId must be 1-50 characters without spaces`);
  }
  if (typeof title !== 'string' || title.trim().length === 0 || title.length > 200) {
    throw new PermanentEventError(`${at}: the iteration's title must be 1-200 characters`);
  }
  const start = typeof startDate === 'string' && DATE.test(startDate) ? Date.parse(startDate) : NaN;
  if (Number.isNaN(start)) {
    throw new PermanentEventError(`${at}: the iteration's startDate must be a date (YYYY-MM-DD)`);
  }
  if (
    typeof duration !== 'number' ||
    !Number.isInteger(duration) ||
    duration < 1 ||
    duration > 366
  ) {
    throw new PermanentEventError(`${at}: the iteration's duration must be 1-366 days`);
  }
  const endDate = new Date(start + (duration - 1) * DAY_MS).toISOString().slice(0, 10);
  return {
    externalId: iterationId,
    name: title.trim(),
    startDate: startDate!,
    endDate,
    state: today < startDate! ? 'FUTURE' : today > endDate ? 'CLOSED' : 'ACTIVE',
    boardId: settings.project ? projectBoardId(settings.project) : null,
  };
}
