export {
  FakeGithub,
  type GithubFault,
  type GithubRequest,
  type IssueInput,
} from './fake-github-server.js';
export * from './github-shapes.js';
export {
  sendGithubWebhook,
  sendProjectItemWebhook,
  signGithub,
  type SendGithubOptions,
  type WebhookResponse,
} from './webhook-sender.js';
export { FakeProjects, type ProjectInput } from './fake-github-projects.js';
export * from './github-projects.js';
