export {
  FakeJira,
  type Fault,
  type FakeJiraOptions,
  type RecordedRequest,
} from './fake-jira-server.js';
export type { IssueInput, SprintInput } from './jira-state.js';
export {
  agileSprint,
  issueSprint,
  issueWebhookBody,
  jiraDate,
  jiraError,
  jiraIssue,
  jiraIssueType,
  jiraStatus,
  jiraWebhookUser,
  parseJiraDate,
  sprintWebhookBody,
  type IssueSpec,
  type IssueTypeName,
  type IssueWebhookBody,
  type IssueWebhookEvent,
  type JiraChangelog,
  type JiraChangelogItem,
  type JiraErrorBody,
  type JiraIssue,
  type JiraIssueSprint,
  type JiraSprint,
  type SprintState,
  type SprintWebhookBody,
  type SprintWebhookEvent,
  type StatusCategoryKey,
} from './jira-shapes.js';
export type { SearchPage } from './rest-endpoints.js';
export {
  sendWebhook,
  signJira,
  type SendWebhookOptions,
  type WebhookResponse,
} from './webhook-sender.js';
