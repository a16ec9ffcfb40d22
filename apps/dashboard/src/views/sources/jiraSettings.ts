// The Jira Cloud settings as the create form holds them, and as the API takes them (README
// "Jira Cloud settings"): the API checks them and names a bad one by its path under settings.

/** Team-managed projects use the first, company-managed ones often the second. */
export const STORY_POINT_FIELDS = [
  { id: 'customfield_10016', label: 'customfield_10016 (team-managed: Story point estimate)' },
  { id: 'customfield_10028', label: 'customfield_10028 (company-managed: Story Points)' },
] as const;
export const DEFAULT_SPRINT_FIELD = 'customfield_10020';

/** One row of a tracker-to-team mapping (a Jira board id, a Linear team key) and its team. */
export interface TeamRow {
  /** a stable React key: rows are added and removed in any order */
  rowId: number;
  /** the tracker's side: a board id (Jira), a team key (Linear) */
  key: string;
  team: string;
}
export type BoardRow = TeamRow;

export interface JiraSettingsForm {
  storyPointsField: string;
  sprintField: string;
  boards: BoardRow[];
  /** as typed: keys separated by commas or spaces */
  projects: string;
}

/** Project keys as typed ("pay, PLAT") to the list the API takes (["PAY", "PLAT"]). */
export function projectKeys(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,]+/)
        .map((p) => p.trim().toUpperCase())
        .filter(Boolean),
    ),
  ];
}

/** A key listed twice would silently keep one team: said before anything is sent. */
export function duplicateKey(
  rows: TeamRow[],
  normalize: (key: string) => string = (k) => k.trim(),
): string | null {
  const seen = new Set<string>();
  for (const row of rows) {
    const key = normalize(row.key);
    if (!key) continue;
    if (seen.has(key)) return key;
    seen.add(key);
  }
  return null;
}

/** The settings JSON of a Jira Cloud source; rows left empty are left out. */
export function jiraSettingsInput(form: JiraSettingsForm): Record<string, unknown> {
  const boardTeams: Record<string, string> = {};
  for (const row of form.boards) {
    const board = row.key.trim();
    if (board || row.team) boardTeams[board] = row.team;
  }
  return {
    storyPointsField: form.storyPointsField.trim(),
    sprintField: form.sprintField.trim() || DEFAULT_SPRINT_FIELD,
    boardTeams,
    projects: projectKeys(form.projects),
  };
}
