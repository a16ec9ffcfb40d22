// The Trello settings as the create form holds them, and as the API takes them (README "Trello"):
// the API checks them and names a bad one by its path under settings (settings.boards[0],
// settings.boardTeams.<board>, settings.listCategories.<list name>).

import type { TeamRow } from './jiraSettings';

export const TRELLO_API_URL = 'https://api.trello.com/1';
export const STATUS_CATEGORIES = ['TODO', 'IN_PROGRESS', 'DONE', 'CANCELLED'] as const;

export type TrelloInitiativeFrom = 'label' | 'cardLink';

export interface TrelloSettingsForm {
  /** as typed: board ids or shortLinks separated by commas or spaces */
  boards: string;
  /** board (id or shortLink) -> team key */
  boardRows: TeamRow[];
  /** list name -> status category (a TeamRow's `team` holds the category) */
  listRows: TeamRow[];
  /** empty: "Points" or "Story Points" */
  pointsField: string;
  /** empty: the board's shortLink */
  keyPrefix: string;
  initiativeFrom: TrelloInitiativeFrom;
  /** empty: cards have no sprint */
  sprintLabelPrefix: string;
}

/** A list name as the API keys it: trimmed, its case kept (lists are matched by name). */
export const listName = (text: string) => text.trim();

/** Rows to the map the API takes; rows left empty are left out. */
function rowMap(rows: TeamRow[], key: (text: string) => string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const row of rows) {
    const k = key(row.key);
    if (k || row.team) map[k] = row.team;
  }
  return map;
}

/** The settings JSON of a Trello source: what is left empty is left to the API's default. */
export function trelloSettingsInput(form: TrelloSettingsForm): Record<string, unknown> {
  const settings: Record<string, unknown> = {
    boards: [
      ...new Set(
        form.boards
          .split(/[\s,]+/)
          .map((b) => b.trim())
          .filter(Boolean),
      ),
    ],
    boardTeams: rowMap(form.boardRows, (b) => b.trim()),
    listCategories: rowMap(form.listRows, listName),
    initiativeFrom: form.initiativeFrom,
  };
  if (form.pointsField.trim()) settings.pointsField = form.pointsField.trim();
  if (form.keyPrefix.trim()) settings.keyPrefix = form.keyPrefix.trim();
  if (form.sprintLabelPrefix.trim()) settings.sprintLabelPrefix = form.sprintLabelPrefix.trim();
  return settings;
}
