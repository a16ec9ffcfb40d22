import type { SecretBox } from '@app/common';
import type { SourceKind } from '@app/database';
import type { TrackerAdapter, TrackerConnection } from './tracker.js';
import type { SprintOwner } from './tracker-sprints.js';
import { credentialsContext } from './webhook-inbox.service.js';

/** A source as the pipeline reads it (credentials still sealed). */
export interface SourceRow {
  id: string;
  organization_id: string;
  kind: SourceKind;
  name: string;
  base_url: string | null;
  settings: Record<string, unknown>;
  credentials: string | null;
  enabled: boolean;
  archived_at: Date | null;
  synced_through: Date | null;
}

export const SOURCE_COLUMNS = `id, organization_id, kind, name, base_url, settings, credentials, enabled, archived_at, synced_through`;

const KEY_PREFIX: Record<SourceKind, string> = {
  JIRA_CLOUD: 'JIRA',
  LINEAR: 'LINEAR',
  GITHUB: 'GH',
  ASANA: 'ASANA',
  TRELLO: 'TRELLO',
};

/** The source as the sprint and issue writers need it. */
export function sprintOwner(source: SourceRow): SprintOwner & { id: string; kind: string } {
  // Jira maps boards to teams; Linear maps its team keys (a cycle's "board") in teamTeams
  const boards = source.settings.boardTeams ?? source.settings.teamTeams;
  return {
    id: source.id,
    kind: source.kind,
    organizationId: source.organization_id,
    keyPrefix: KEY_PREFIX[source.kind],
    boardTeams:
      typeof boards === 'object' && boards !== null ? (boards as Record<string, string>) : {},
  };
}

/** How the pipeline reaches the source's tracker: its API, the credentials opened, its settings. */
export function connectionOf(
  source: SourceRow,
  tracker: TrackerAdapter,
  secrets: SecretBox,
): TrackerConnection {
  return {
    baseUrl: source.base_url ?? tracker.defaultBaseUrl!,
    credentials: source.credentials
      ? secrets.open(source.credentials, credentialsContext(source.id))
      : null,
    settings: source.settings,
  };
}
