export {
  FakeTrello,
  type CardInput,
  type TrelloFault,
  type TrelloRequest,
} from './fake-trello-server.js';
export * from './trello-shapes.js';
export {
  sendTrelloWebhook,
  signTrello,
  type SendTrelloOptions,
  type WebhookResponse,
} from './webhook-sender.js';
