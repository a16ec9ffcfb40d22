// What the Sources page knows of each tracker kind besides its settings: what the connection
// fields are called and hold, and where the webhook secret comes from (README "Live ticket
// sources" and each tracker's section).
import type { SourceKind } from '../../gql/graphql';
import { ASANA_API_URL } from './asanaSettings';
import { GITHUB_API_URL } from './githubSettings';
import { LINEAR_API_URL } from './linearSettings';
import { TRELLO_API_URL } from './trelloSettings';

/** The kinds the create form offers; the API answers BAD_USER_INPUT for one it cannot create. */
export const KINDS: { kind: SourceKind; label: string; available: boolean }[] = [
  { kind: 'JIRA_CLOUD', label: 'Jira Cloud', available: true },
  { kind: 'LINEAR', label: 'Linear', available: true },
  { kind: 'GITHUB', label: 'GitHub', available: true },
  { kind: 'ASANA', label: 'Asana', available: true },
  { kind: 'TRELLO', label: 'Trello', available: true },
];

export const TRACKER_NAME: Partial<Record<SourceKind, string>> = {
  JIRA_CLOUD: 'Jira Cloud',
  LINEAR: 'Linear',
  GITHUB: 'GitHub',
  ASANA: 'Asana',
  TRELLO: 'Trello',
};

/**
 * Where a kind's webhook secret comes from:
 * - generated: the API makes one, shown once, pasted into the tracker (Jira, GitHub);
 * - tracker-optional: the tracker's webhook form shows one of its own; paste it, or take a
 *   generated one (Linear);
 * - tracker: the tracker signs with a secret of its own, which must be pasted (Trello's app
 *   secret); one of ours would never match;
 * - handshake: the tracker hands over its own in its first request; ours is never used (Asana).
 */
export type SecretFrom = 'generated' | 'tracker-optional' | 'tracker' | 'handshake';

export const SECRET_FROM: Record<SourceKind, SecretFrom> = {
  JIRA_CLOUD: 'generated',
  LINEAR: 'tracker-optional',
  GITHUB: 'generated',
  ASANA: 'handshake',
  TRELLO: 'tracker',
};

export interface Connection {
  name: string;
  site: string;
  sitePlaceholder: string;
  siteHint?: string;
  credentials: string;
  secret: string;
  credentialsHint?: string;
  /**
   * a problem with the credentials as typed, said before sending: the API stores them unread (it
   * never contacts the tracker on create), so a bad shape would only show at the first sync
   */
  checkCredentials?: (credentials: string) => string | null;
  /** the field for the tracker's own webhook secret, for the kinds that have one */
  trackerSecret?: { label: string; hint: string; required?: boolean };
}

/** What the site and credential fields are called, and hold, for each kind. */
export const CONNECTION: Partial<Record<SourceKind, Connection>> = {
  JIRA_CLOUD: {
    name: 'Acme Jira',
    site: 'Site URL',
    sitePlaceholder: 'https://acme.atlassian.net',
    credentials: 'API credentials (email:api-token)',
    secret: 'you@acme.com:api-token',
  },
  LINEAR: {
    name: 'Acme Linear',
    site: `Site URL (optional; default ${LINEAR_API_URL})`,
    sitePlaceholder: LINEAR_API_URL,
    credentials: 'API key',
    secret: 'lin_api_…',
    credentialsHint: 'A personal API key (Settings → Security & access).',
    trackerSecret: {
      label: "Linear's signing secret (optional)",
      hint: "Linear's New webhook form shows a signing secret of its own: paste it here, or leave this empty for a generated one.",
    },
  },
  GITHUB: {
    name: 'Acme GitHub',
    site: `API URL (optional; default ${GITHUB_API_URL})`,
    sitePlaceholder: GITHUB_API_URL,
    siteHint: 'GitHub Enterprise Server: https://<host>/api/v3',
    credentials: 'Token',
    secret: 'github_pat_…',
    credentialsHint: 'A fine-grained token with read access to Issues.',
  },
  ASANA: {
    name: 'Acme Asana',
    site: `API URL (optional; default ${ASANA_API_URL})`,
    sitePlaceholder: ASANA_API_URL,
    credentials: 'Personal access token',
    secret: '2/1200…',
    credentialsHint:
      'A personal access token of a user who sees the projects (My apps → Personal access tokens).',
  },
  TRELLO: {
    name: 'Acme Trello',
    site: `API URL (optional; default ${TRELLO_API_URL})`,
    sitePlaceholder: TRELLO_API_URL,
    credentials: 'API key and token (key:token)',
    secret: '<api key>:<token>',
    credentialsHint:
      "The Trello app's API key and a user's token with read access to the boards, joined by a colon.",
    // as the Trello client reads them (trello-client.ts)
    checkCredentials: (text) =>
      /^[A-Za-z0-9]{1,200}:[A-Za-z0-9]{1,500}$/.test(text.trim())
        ? null
        : 'must be "<api key>:<token>" (letters and digits, joined by a colon)',
    trackerSecret: {
      label: "Trello app's secret",
      hint: "The Power-Up admin page: API key → Secret. Trello signs its webhooks with it, so it is required; it is the app's own and never shown back.",
      required: true,
    },
  },
};
