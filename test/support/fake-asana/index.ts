export {
  FakeAsana,
  pick,
  type AsanaFault,
  type AsanaRequest,
  type TaskInput,
} from './fake-asana-server.js';
export * from './asana-shapes.js';
export { AsanaWebhookSender, signAsana, type WebhookResponse } from './webhook-sender.js';
