import type { SettingsCheck } from '../sources/tracker.js';
import {
  checkProjectSettings,
  PROJECT_SETTINGS,
  type GithubProject,
} from './github-project-settings.js';
import { openSettings } from '../sources/settings-object.js';

export type { GithubProject };

/** A GitHub source's settings, defaults written out (docs/design.md 4.4 GITHUB). */
export interface GithubSettings {
  /** `owner/repo` of every repository reconciliation reads (webhooks come from any) */
  repositories: string[];
  /** a label `<prefix><number>` (`points:3`) gives the story points */
  pointsLabelPrefix: string;
  /** where the initiative (epic) key comes from: the milestone's title, or a label */
  initiativeFrom: 'milestone' | 'label';
  /** with initiativeFrom 'label': a label `<prefix><key>` (`epic:PAY-100`) names the initiative */
  initiativeLabelPrefix: string;
  /** an open issue with one of these labels is in progress (else to do) */
  inProgressLabels: string[];
  /**
   * a label `<prefix><sprint name>` (`sprint:Sprint 12`) puts the issue in the stored sprint of
   * that name; null (the default): issues have no sprint
   */
  sprintLabelPrefix: string | null;
  /**
   * The Projects (v2) project whose fields give points and sprints; absent: labels, as without it.
   * Only written out when set (see checkProjectSettings).
   */
  project?: GithubProject;
  /** the name of the project's number field holding the points; absent: the points label */
  pointsField?: string | null;
  /** the name of the project's iteration field holding the sprint; absent: the sprint label */
  iterationField?: string | null;
  /** the team key the project's iterations are sprints of */
  iterationTeam?: string | null;
  /** written out from project and iterationTeam: the project's iterations' "board" -> team */
  boardTeams?: Record<string, string>;
}

/** owner (1-39) / repository (1-100), as GitHub allows them */
const REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;
const MAX_LIST = 100;

export { isJsonObject as isObject } from '../sources/settings-object.js';

export function githubSettings(value: Record<string, unknown>): GithubSettings {
  return checkGithubSettings(value).settings as unknown as GithubSettings;
}

/** Checks settings as an ADMIN typed them: every problem named by its path under `settings`. */
export function checkGithubSettings(value: unknown): SettingsCheck {
  const { input, problems } = openSettings(
    value,
    [
      'repositories',
      'pointsLabelPrefix',
      'initiativeFrom',
      'initiativeLabelPrefix',
      'inProgressLabels',
      'sprintLabelPrefix',
      ...PROJECT_SETTINGS,
    ],
    'GitHub',
  );
  const prefix = (name: string, fallback: string | null): string | null => {
    const v = input[name];
    if (v === undefined || v === null || v === '') return fallback;
    if (typeof v !== 'string' || v.length > 50 || /^\s|\s$/.test(v)) {
      problems.push({
        path: `settings.${name}`,
        message: 'must be a label prefix of at most 50 characters, such as "points:"',
      });
      return fallback;
    }
    return v;
  };
  const list = (name: string, test: (v: string) => boolean, what: string): string[] => {
    const v = input[name];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v) || v.length > MAX_LIST) {
      problems.push({ path: `settings.${name}`, message: `must be a list of at most ${MAX_LIST}` });
      return [];
    }
    const out: string[] = [];
    v.forEach((item, i) => {
      if (typeof item === 'string' && test(item)) out.push(item);
      else problems.push({ path: `settings.${name}[${i}]`, message: `must be ${what}` });
    });
    return out;
  };
  const from = input.initiativeFrom ?? 'milestone';
  if (from !== 'milestone' && from !== 'label') {
    problems.push({ path: 'settings.initiativeFrom', message: 'must be "milestone" or "label"' });
  }
  const settings: Record<string, unknown> = {
    repositories: list('repositories', (r) => REPOSITORY.test(r), 'owner/repo'),
    pointsLabelPrefix: prefix('pointsLabelPrefix', 'points:'),
    initiativeFrom: from === 'label' ? 'label' : 'milestone',
    initiativeLabelPrefix: prefix('initiativeLabelPrefix', 'epic:'),
    inProgressLabels: list(
      'inProgressLabels',
      (l) => l.length > 0 && l.length <= 100,
      'a label name of 1-100 characters',
    ),
    sprintLabelPrefix: prefix('sprintLabelPrefix', null),
  };
  Object.assign(settings, checkProjectSettings(input, problems));
  return { settings, problems };
}
