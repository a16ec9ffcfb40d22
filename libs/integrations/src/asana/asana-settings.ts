import type { SettingsCheck } from '../sources/tracker.js';
import { KEY_PREFIX } from '../tickets/file-tickets.js';
import { openSettings } from '../sources/settings-object.js';

/** An Asana source's settings, defaults written out (docs/design.md 4.4 ASANA). */
export interface AsanaSettings {
  /** project gids the source covers: reconciliation reads them, tasks of other projects are ignored */
  projects: string[];
  /** the number custom field holding the points; null: the first of Points, Story Points, Estimate */
  pointsField: string | null;
  /** where a task's sprint comes from: its section's name, its project's name, or nowhere */
  sprintFrom: 'section' | 'project' | 'none';
  /**
   * where the initiative's externalKey comes from: a tag `epic:<KEY>` (as the CSV import), the
   * project's name, or the parent task's name
   */
  initiativeFrom: 'tag' | 'project' | 'parent';
  /** ticket keys are `<keyPrefix>-<task gid>`: the CSV import's prefix, so both give one ticket */
  keyPrefix: string;
}

/** Asana's gids are strings of digits (16 today; room left for longer ones). */
export const GID = /^\d{1,30}$/;
const MAX_PROJECTS = 100;
const KNOWN = ['projects', 'pointsField', 'sprintFrom', 'initiativeFrom', 'keyPrefix'];

export { isJsonObject as isObject } from '../sources/settings-object.js';

export function asanaSettings(value: Record<string, unknown>): AsanaSettings {
  return checkAsanaSettings(value).settings as unknown as AsanaSettings;
}

/** Checks settings as an ADMIN typed them: every problem named by its path under `settings`. */
export function checkAsanaSettings(value: unknown): SettingsCheck {
  const { input, problems } = openSettings(value, KNOWN, 'Asana');
  const projects: string[] = [];
  const listed = input.projects;
  if (listed !== undefined && listed !== null) {
    if (!Array.isArray(listed) || listed.length > MAX_PROJECTS) {
      problems.push({
        path: 'settings.projects',
        message: `must be a list of at most ${MAX_PROJECTS} project gids`,
      });
    } else {
      listed.forEach((gid, i) => {
        if (typeof gid === 'string' && GID.test(gid)) {
          if (!projects.includes(gid)) projects.push(gid);
        } else {
          problems.push({
            path: `settings.projects[${i}]`,
            message: 'must be a project gid: a string of digits such as "1201234567890123"',
          });
        }
      });
    }
  }
  const choice = <T extends string>(name: string, options: T[], fallback: T): T => {
    const v = input[name];
    if (v === undefined || v === null) return fallback;
    if (typeof v === 'string' && (options as string[]).includes(v)) return v as T;
    problems.push({
      path: `settings.${name}`,
      message: `must be one of ${options.map((o) => `"${o}"`).join(', ')}`,
    });
    return fallback;
  };
  let pointsField: string | null = null;
  const field = input.pointsField;
  if (field !== undefined && field !== null && field !== '') {
    if (typeof field !== 'string' || field.trim() === '' || field.length > 100) {
      problems.push({
        path: 'settings.pointsField',
        message: 'must be a custom field name of 1-100 characters, such as "Story Points"',
      });
    } else pointsField = field.trim();
  }
  let keyPrefix = 'ASANA';
  const prefix = input.keyPrefix;
  if (prefix !== undefined && prefix !== null && prefix !== '') {
    if (typeof prefix !== 'string' || !KEY_PREFIX.test(prefix)) {
      problems.push({
        path: 'settings.keyPrefix',
        message:
          "must be 1-32 letters, digits or underscores, starting with a letter or digit (the file import's keyPrefix)",
      });
    } else keyPrefix = prefix;
  }
  return {
    settings: {
      projects,
      pointsField,
      sprintFrom: choice('sprintFrom', ['section', 'project', 'none'], 'none'),
      initiativeFrom: choice('initiativeFrom', ['tag', 'project', 'parent'], 'tag'),
      keyPrefix,
    },
    problems,
  };
}
