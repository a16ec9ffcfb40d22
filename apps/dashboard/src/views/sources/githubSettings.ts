// The GitHub settings as the create form holds them, and as the API takes them (README "GitHub"
// and its "Projects (v2) fields"): the API checks them and names a bad one by its path under
// settings (settings.repositories[0], settings.project.number).

export const GITHUB_API_URL = 'https://api.github.com';
export const DEFAULT_POINTS_LABEL_PREFIX = 'points:';
export const DEFAULT_INITIATIVE_LABEL_PREFIX = 'epic:';

export type InitiativeFrom = 'milestone' | 'label';

export interface GithubSettingsForm {
  /** as typed: owner/repo separated by commas or spaces */
  repositories: string;
  pointsLabelPrefix: string;
  initiativeFrom: InitiativeFrom;
  initiativeLabelPrefix: string;
  /** as typed: label names separated by commas (a label may hold spaces: "in progress") */
  inProgressLabels: string;
  /** empty: no sprints from labels */
  sprintLabelPrefix: string;
  /** Projects (v2): the project's owner and number as typed; both empty: no project */
  projectOwner: string;
  projectNumber: string;
  /** the project's number field holding the points; empty: the points label */
  pointsField: string;
  /** the project's iteration field holding the sprint; empty: the sprint label */
  iterationField: string;
  /** the team whose sprints the iterations are (with iterationField) */
  iterationTeam: string;
}

/** Whether the form names a project: its fields are sent only then (the API refuses them else). */
export const hasProject = (form: Pick<GithubSettingsForm, 'projectOwner' | 'projectNumber'>) =>
  Boolean(form.projectOwner.trim() || form.projectNumber.trim());

const unique = (items: string[]) => [...new Set(items.map((i) => i.trim()).filter(Boolean))];

/** Repositories as typed ("acme/web, acme/payments") to the list the API takes. */
export function repositoryList(text: string): string[] {
  return unique(text.split(/[\s,]+/));
}

/** Label names as typed ("in progress, doing") to a list: only commas and lines separate them. */
export function labelList(text: string): string[] {
  return unique(text.split(/[,\n]+/));
}

/** The settings JSON of a GitHub source: an empty prefix is left to the API's default. */
export function githubSettingsInput(form: GithubSettingsForm): Record<string, unknown> {
  const settings: Record<string, unknown> = {
    repositories: repositoryList(form.repositories),
    pointsLabelPrefix: form.pointsLabelPrefix.trim() || DEFAULT_POINTS_LABEL_PREFIX,
    initiativeFrom: form.initiativeFrom,
    inProgressLabels: labelList(form.inProgressLabels),
  };
  if (form.initiativeFrom === 'label') {
    settings.initiativeLabelPrefix =
      form.initiativeLabelPrefix.trim() || DEFAULT_INITIATIVE_LABEL_PREFIX;
  }
  const sprint = form.sprintLabelPrefix.trim();
  if (sprint) settings.sprintLabelPrefix = sprint;
  if (hasProject(form)) {
    const number = form.projectNumber.trim();
    // a number as typed that is none goes as typed: the API names settings.project.number
    settings.project = {
      owner: form.projectOwner.trim(),
      number: /^\d+$/.test(number) ? Number(number) : number,
    };
    const optional = { pointsField: form.pointsField, iterationField: form.iterationField };
    for (const [name, value] of Object.entries(optional)) {
      if (value.trim()) settings[name] = value.trim();
    }
    if (form.iterationTeam) settings.iterationTeam = form.iterationTeam;
  }
  return settings;
}
