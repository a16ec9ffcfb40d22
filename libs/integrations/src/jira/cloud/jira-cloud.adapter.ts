import type { TrackerAdapter } from '../../sources/tracker.js';
import { readJira } from './jira-client.js';
import { describeJiraEvent, parseJiraEvent } from './jira-events.js';
import { checkJiraSettings, jiraSettings } from './jira-settings.js';
import { jiraDeliveryId, verifyJiraSignature } from './jira-signature.js';

/** Jira Cloud as a live ticket source (docs/design.md 4.4 JIRA_CLOUD). */
export const jiraCloud: TrackerAdapter = {
  kind: 'JIRA_CLOUD',
  verify: verifyJiraSignature,
  deliveryId: jiraDeliveryId,
  describe: describeJiraEvent,
  checkSettings: checkJiraSettings,
  parse: (body, settings) => parseJiraEvent(body, jiraSettings(settings)),
  reconcile: readJira,
};
