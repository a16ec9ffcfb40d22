import type { TrackerAdapter } from '../sources/tracker.js';
import { LINEAR_API, readLinear } from './linear-client.js';
import { describeLinearEvent, parseLinearEvent } from './linear-events.js';
import { checkLinearSettings, linearSettings } from './linear-settings.js';
import { linearDeliveryId, verifyLinearSignature } from './linear-signature.js';

/** Linear as a live ticket source (docs/design.md 4.4 LINEAR). */
export const linear: TrackerAdapter = {
  kind: 'LINEAR',
  defaultBaseUrl: LINEAR_API,
  verify: (delivery, secret) => verifyLinearSignature(delivery, secret),
  deliveryId: linearDeliveryId,
  describe: describeLinearEvent,
  checkSettings: checkLinearSettings,
  parse: (body, settings) => parseLinearEvent(body, linearSettings(settings)),
  reconcile: readLinear,
};
