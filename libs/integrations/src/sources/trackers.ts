import { SOURCE_KINDS, type SourceKind } from '@app/database';
import { DomainError } from '@app/domain';
import { asana } from '../asana/asana.adapter.js';
import { github } from '../github/github.adapter.js';
import { jiraCloud } from '../jira/cloud/jira-cloud.adapter.js';
import { linear } from '../linear/linear.adapter.js';
import { trello } from '../trello/trello.adapter.js';
import type { TrackerAdapter } from './tracker.js';

/** Every tracker the pipeline can take: one adapter per tracker folder. */
const TRACKERS: Partial<Record<SourceKind, TrackerAdapter>> = {
  JIRA_CLOUD: jiraCloud,
  LINEAR: linear,
  GITHUB: github,
  ASANA: asana,
  TRELLO: trello,
};

export function trackerFor(kind: SourceKind): TrackerAdapter | null {
  return TRACKERS[kind] ?? null;
}

/** The tracker of a source being created: a kind without an adapter yet is refused. */
export function requireTracker(kind: SourceKind): TrackerAdapter {
  const tracker = trackerFor(kind);
  if (!tracker) {
    throw DomainError.badInput(
      'kind',
      `${kind} sources are not available yet (available: ${Object.keys(TRACKERS).join(', ')})`,
    );
  }
  return tracker;
}

/** The path segment of a kind: /webhooks/jira_cloud/<id>. */
export const kindPath = (kind: SourceKind) => kind.toLowerCase();

/** The kind a path segment names, or null. */
export function kindOfPath(segment: string): SourceKind | null {
  const kind = segment.toUpperCase() as SourceKind;
  return SOURCE_KINDS.includes(kind) ? kind : null;
}

/** Who the pipeline writes as: the organization itself, named in the audit log by the source. */
export function sourceActor(organizationId: string, operation: string) {
  return { userId: '', organizationId, role: 'ADMIN' as const, operation };
}
