// The Asana settings as the create form holds them, and as the API takes them (README "Asana"):
// the API checks them and names a bad one by its path under settings (settings.projects[0]).

export const ASANA_API_URL = 'https://app.asana.com/api/1.0';
export const DEFAULT_ASANA_KEY_PREFIX = 'ASANA';

export type AsanaSprintFrom = 'none' | 'section' | 'project';
export type AsanaInitiativeFrom = 'tag' | 'project' | 'parent';

export interface AsanaSettingsForm {
  /** as typed: project gids separated by commas or spaces */
  projects: string;
  /** empty: the first of Points, Story Points, Estimate */
  pointsField: string;
  sprintFrom: AsanaSprintFrom;
  initiativeFrom: AsanaInitiativeFrom;
  /** empty: ASANA, the CSV import's default */
  keyPrefix: string;
}

/** The settings JSON of an Asana source: what is left empty is left to the API's default. */
export function asanaSettingsInput(form: AsanaSettingsForm): Record<string, unknown> {
  const settings: Record<string, unknown> = {
    projects: [
      ...new Set(
        form.projects
          .split(/[\s,]+/)
          .map((p) => p.trim())
          .filter(Boolean),
      ),
    ],
    sprintFrom: form.sprintFrom,
    initiativeFrom: form.initiativeFrom,
  };
  if (form.pointsField.trim()) settings.pointsField = form.pointsField.trim();
  if (form.keyPrefix.trim()) settings.keyPrefix = form.keyPrefix.trim();
  return settings;
}
