import type { TrackerAdapter } from '../sources/tracker.js';
import { readGithub } from './github-client.js';
import { describeGithubEvent, parseGithubEvent } from './github-events.js';
import { fetchGithubEvent } from './github-fetch.js';
import { checkGithubSettings, githubSettings } from './github-settings.js';
import { githubDeliveryId, verifyGithubSignature } from './github-signature.js';

/** GitHub Issues as a live ticket source (docs/design.md 4.4 GITHUB). */
export const github: TrackerAdapter = {
  kind: 'GITHUB',
  // GitHub Enterprise Server names its own (https://<host>/api/v3) as the source's baseUrl
  defaultBaseUrl: 'https://api.github.com',
  verify: verifyGithubSignature,
  deliveryId: githubDeliveryId,
  describe: describeGithubEvent,
  checkSettings: checkGithubSettings,
  parse: (body, settings) => parseGithubEvent(body, githubSettings(settings)),
  // with settings.project, the project's fields are read through GraphQL; without, it parses
  fetch: fetchGithubEvent,
  reconcile: readGithub,
};
