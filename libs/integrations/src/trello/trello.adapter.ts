import { PermanentEventError, type TrackerAdapter } from '../sources/tracker.js';
import { checkTrelloCredentials, readTrello } from './trello-client.js';
import { describeTrelloAction, fetchTrelloAction } from './trello-events.js';
import { checkTrelloSettings } from './trello-settings.js';
import { trelloDeliveryId, verifyTrelloSignature } from './trello-signature.js';

/** Trello boards as a live ticket source (docs/design.md 4.4 TRELLO). */
export const trello: TrackerAdapter = {
  kind: 'TRELLO',
  defaultBaseUrl: 'https://api.trello.com/1',
  // Trello signs with the app's secret, which the user pastes; a generated one would never match
  secretGiven: true,
  checkCredentials: checkTrelloCredentials,
  verify: verifyTrelloSignature,
  deliveryId: trelloDeliveryId,
  describe: describeTrelloAction,
  checkSettings: checkTrelloSettings,
  // the worker calls fetch for trackers that have it: an action never holds a card's whole state
  parse: () => {
    throw new PermanentEventError('Trello actions are read through the API (fetch)');
  },
  fetch: fetchTrelloAction,
  reconcile: readTrello,
};
