import { TrackerHttpError } from '../sources/tracker-http.js';

/** A token (fine-grained or classic, read access to issues) as a Bearer token. */
export function githubAuthHeaders(credentials: string | null): Record<string, string> {
  if (!credentials) {
    throw new TrackerHttpError(
      'the source has no API credentials: set a GitHub token to reconcile through GitHub',
      null,
    );
  }
  return {
    authorization: `Bearer ${credentials}`,
    accept: 'application/vnd.github+json',
    'x-github-api-version': '2022-11-28',
  };
}
