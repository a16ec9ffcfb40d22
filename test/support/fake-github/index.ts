export {
  FakeGithub,
  type GithubFault,
  type GithubRequest,
  type IssueInput,
} from './fake-github-server.js';
export * from './github-shapes.js';
export {
  sendGithubWebhook,
  signGithub,
  type SendGithubOptions,
  type WebhookResponse,
} from './webhook-sender.js';
