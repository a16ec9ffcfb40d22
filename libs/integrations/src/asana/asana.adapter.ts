import type { TrackerAdapter } from '../sources/tracker.js';
import { ASANA_API, fetchAsana, readAsana } from './asana-client.js';
import { describeAsanaEvent, parseAsanaEvent } from './asana-events.js';
import { checkAsanaSettings } from './asana-settings.js';
import { asanaDeliveryId, asanaHandshake, verifyAsanaSignature } from './asana-signature.js';

/**
 * Asana as a live ticket source (docs/design.md 4.4 ASANA): a handshake hands over the secret,
 * events are compact, so the worker reads each task through the API (`fetch`).
 */
export const asana: TrackerAdapter = {
  kind: 'ASANA',
  defaultBaseUrl: ASANA_API,
  verify: verifyAsanaSignature,
  handshake: asanaHandshake,
  deliveryId: asanaDeliveryId,
  describe: describeAsanaEvent,
  checkSettings: checkAsanaSettings,
  parse: (body) => parseAsanaEvent(body),
  fetch: fetchAsana,
  reconcile: readAsana,
};
