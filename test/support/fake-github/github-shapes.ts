/**
 * Builders for the shapes GitHub documents for the REST issues list and the `issues` webhook
 * (fields a ticket source reads, plus enough of the rest to look like the real thing).
 */

export interface GithubLabel {
  id: number;
  node_id: string;
  url: string;
  name: string;
  color: string;
  default: boolean;
  description: string | null;
}

export interface GithubMilestone {
  id: number;
  number: number;
  title: string;
  state: 'open' | 'closed';
  description: string | null;
  due_on: string | null;
}

export interface GithubUser {
  login: string;
  id: number;
  type: 'User' | 'Bot';
}

export interface GithubIssue {
  id: number;
  node_id: string;
  url: string;
  repository_url: string;
  html_url: string;
  number: number;
  title: string;
  body: string | null;
  user: GithubUser;
  labels: GithubLabel[];
  state: 'open' | 'closed';
  state_reason: 'completed' | 'not_planned' | 'duplicate' | 'reopened' | null;
  locked: boolean;
  assignee: GithubUser | null;
  assignees: GithubUser[];
  milestone: GithubMilestone | null;
  comments: number;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  author_association: string;
  /** present on the issues list for pull requests only */
  pull_request?: { url: string; html_url: string; merged_at: string | null };
}

export interface GithubRepository {
  id: number;
  node_id: string;
  name: string;
  full_name: string;
  private: boolean;
  owner: GithubUser;
  html_url: string;
  url: string;
}

export type IssuesAction =
  | 'opened'
  | 'edited'
  | 'closed'
  | 'reopened'
  | 'labeled'
  | 'unlabeled'
  | 'milestoned'
  | 'demilestoned'
  | 'assigned'
  | 'unassigned'
  | 'deleted'
  | 'transferred';

/** The `issues` webhook payload: action, issue, repository, sender (+ action-specific fields). */
export interface IssuesWebhookBody {
  action: IssuesAction;
  issue: GithubIssue;
  repository: GithubRepository;
  sender: GithubUser;
  label?: GithubLabel;
  milestone?: GithubMilestone;
  assignee?: GithubUser;
  changes?: Record<string, unknown>;
}

/** The `ping` payload GitHub sends when a webhook is created. */
export interface PingBody {
  zen: string;
  hook_id: number;
  hook: { type: string; id: number; events: string[]; active: boolean; config: object };
  repository?: GithubRepository;
  sender: GithubUser;
}

export const githubUser = (login = 'octocat', id = 1): GithubUser => ({ login, id, type: 'User' });

export function githubRepository(fullName: string, api: string, id = 1296269): GithubRepository {
  const [owner, name] = fullName.split('/');
  return {
    id,
    node_id: `R_${id}`,
    name,
    full_name: fullName,
    private: false,
    owner: githubUser(owner, 2),
    html_url: `https://github.com/${fullName}`,
    url: `${api}/repos/${fullName}`,
  };
}

let labelIds = 208045946;
export function githubLabel(name: string, api: string, repo: string): GithubLabel {
  return {
    id: labelIds++,
    node_id: `LA_${labelIds}`,
    url: `${api}/repos/${repo}/labels/${encodeURIComponent(name)}`,
    name,
    color: 'f29513',
    default: false,
    description: null,
  };
}

export function pingBody(repository: GithubRepository, hookId = 30): PingBody {
  return {
    zen: 'Keep it logically awesome.',
    hook_id: hookId,
    hook: {
      type: 'Repository',
      id: hookId,
      events: ['issues'],
      active: true,
      config: { content_type: 'json', insecure_ssl: '0', url: 'https://example.test/hook' },
    },
    repository,
    sender: githubUser(),
  };
}
