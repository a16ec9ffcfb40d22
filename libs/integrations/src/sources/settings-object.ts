import type { SettingsCheck } from './tracker.js';

export const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The first step of every tracker's settings check: the settings as an object (absent: empty),
 * with a problem for a value that is not one and for each key the tracker does not know (a typo
 * would otherwise fall back to a default without a word), named by its path under `settings`.
 */
export function openSettings(
  value: unknown,
  known: readonly string[],
  tracker: string,
): { input: Record<string, unknown>; problems: SettingsCheck['problems'] } {
  const problems: SettingsCheck['problems'] = [];
  const input = isJsonObject(value) ? value : {};
  if (value !== null && value !== undefined && !isJsonObject(value)) {
    problems.push({ path: 'settings', message: 'must be an object' });
  }
  for (const key of Object.keys(input)) {
    if (!known.includes(key)) {
      problems.push({
        path: `settings.${key.slice(0, 64)}`,
        message: `is not ${/^[AEIOU]/.test(tracker) ? 'an' : 'a'} ${tracker} setting (known: ${known.join(', ')})`,
      });
    }
  }
  return { input, problems };
}
