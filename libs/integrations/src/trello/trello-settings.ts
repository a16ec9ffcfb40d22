import { MAX_KEY, STATUS_CATEGORIES, type StatusCategory } from '@app/domain';
import type { SettingsCheck } from '../sources/tracker.js';
import { SHORT_LINK } from './trello-json.js';
import { isJsonObject, openSettings } from '../sources/settings-object.js';

/** A Trello source's settings, defaults written out (docs/design.md 4.4 TRELLO). */
export interface TrelloSettings {
  /**
   * the boards (ids or shortLinks) the source covers: reconciliation reads them, and a webhook's
   * action on any other board is ignored; with none listed, the boards of boardTeams
   */
  boards: string[];
  /** board (id or shortLink) -> Throughline team key: the team that works from the board */
  boardTeams: Record<string, string>;
  /**
   * list name -> status category, for lists the organization's status mapping does not know
   * (the list name is the raw status, as in the board-export import)
   */
  listCategories: Record<string, StatusCategory>;
  /** the number custom field holding the points; null: "Points" or "Story Points" */
  pointsField: string | null;
  /** ticket keys are `<keyPrefix>-<idShort>`; null: the board's shortLink (as the import) */
  keyPrefix: string | null;
  /**
   * where the initiative key comes from: a label `epic:<KEY>` (as the import), or a card link (an
   * attachment linking to another Trello card, whose name starts with the key: "PAY-100 Payments")
   */
  initiativeFrom: 'label' | 'cardLink';
  /**
   * a label `<prefix><sprint name>` (`sprint:Sprint 12`) puts the card in the stored sprint of that
   * name (Trello has no sprints); null (the default): cards have no sprint
   */
  sprintLabelPrefix: string | null;
}

/** A board id (24 hex digits) or a board's shortLink (8 letters and digits). */
const BOARD = /^(?:[0-9a-f]{24}|[A-Za-z0-9]{8})$/;
/** ticket keys are `<prefix>-<idShort>` and at most 64 characters: the prefix leaves room */
const KEY_PREFIX = /^[A-Za-z0-9][A-Za-z0-9_]{0,31}$/;
const MAX_BOARDS = 100;
const MAX_LISTS = 500;
const KNOWN = [
  'boards',
  'boardTeams',
  'listCategories',
  'pointsField',
  'keyPrefix',
  'initiativeFrom',
  'sprintLabelPrefix',
];

export function trelloSettings(value: Record<string, unknown>): TrelloSettings {
  return checkTrelloSettings(value).settings as unknown as TrelloSettings;
}

/** The boards a source covers: `boards`, else the boards of `boardTeams`. */
export function coveredBoards(settings: TrelloSettings): string[] {
  return settings.boards.length ? settings.boards : Object.keys(settings.boardTeams);
}

/** Checks settings as an ADMIN typed them: every problem named by its path under `settings`. */
export function checkTrelloSettings(value: unknown): SettingsCheck {
  const { input, problems } = openSettings(value, KNOWN, 'Trello');
  const boardWhat = 'a board id (24 hex digits) or shortLink (8 characters, from the board URL)';

  const boards: string[] = [];
  if (input.boards !== undefined && input.boards !== null) {
    if (!Array.isArray(input.boards) || input.boards.length > MAX_BOARDS) {
      problems.push({
        path: 'settings.boards',
        message: `must be a list of at most ${MAX_BOARDS} boards`,
      });
    } else {
      input.boards.forEach((b, i) => {
        if (typeof b === 'string' && BOARD.test(b)) boards.push(b);
        else problems.push({ path: `settings.boards[${i}]`, message: `must be ${boardWhat}` });
      });
    }
  }

  const boardTeams: Record<string, string> = {};
  const teams = input.boardTeams;
  if (teams !== undefined && teams !== null) {
    if (!isJsonObject(teams) || Object.keys(teams).length > MAX_BOARDS) {
      problems.push({
        path: 'settings.boardTeams',
        message: `must map at most ${MAX_BOARDS} boards to team keys`,
      });
    } else {
      for (const [board, team] of Object.entries(teams)) {
        if (!BOARD.test(board)) {
          problems.push({
            path: 'settings.boardTeams',
            message: `"${board.slice(0, 40)}" is not ${boardWhat}`,
          });
        } else if (typeof team !== 'string' || team.length === 0 || team.length > MAX_KEY) {
          problems.push({ path: `settings.boardTeams.${board}`, message: 'must be a team key' });
        } else boardTeams[board] = team;
      }
    }
  }

  const listCategories: Record<string, StatusCategory> = {};
  const lists = input.listCategories;
  if (lists !== undefined && lists !== null) {
    if (!isJsonObject(lists) || Object.keys(lists).length > MAX_LISTS) {
      problems.push({
        path: 'settings.listCategories',
        message: `must map at most ${MAX_LISTS} list names to status categories`,
      });
    } else {
      for (const [list, category] of Object.entries(lists)) {
        if (list.trim() === '' || list.length > 100) {
          problems.push({
            path: 'settings.listCategories',
            message: `"${list.slice(0, 40)}" must be a list name of 1-100 characters`,
          });
        } else if (!STATUS_CATEGORIES.includes(category as StatusCategory)) {
          problems.push({
            path: `settings.listCategories.${list.slice(0, 100)}`,
            message: `must be one of ${STATUS_CATEGORIES.join(', ')}`,
          });
        } else listCategories[list.trim()] = category as StatusCategory;
      }
    }
  }

  const text = (name: string, test: (v: string) => boolean, what: string): string | null => {
    const v = input[name];
    if (v === undefined || v === null || v === '') return null;
    if (typeof v === 'string' && test(v)) return v;
    problems.push({ path: `settings.${name}`, message: `must be ${what}` });
    return null;
  };
  const pointsField = text(
    'pointsField',
    (v) => v.trim() === v && v.length <= 100,
    'the name of a number custom field, at most 100 characters',
  );
  const keyPrefix = text(
    'keyPrefix',
    (v) => KEY_PREFIX.test(v),
    'letters, digits and _ (1-32 characters, such as TRL)',
  );
  if (keyPrefix && boards.length + Object.keys(boardTeams).length > 1) {
    const covered = new Set([...boards, ...Object.keys(boardTeams)]);
    if (covered.size > 1) {
      problems.push({
        path: 'settings.keyPrefix',
        message:
          'names one board: card numbers of several boards would share keys (leave it unset: each board keys by its shortLink)',
      });
    }
  }
  const sprintLabelPrefix = text(
    'sprintLabelPrefix',
    (v) => v.length <= 50 && !/^\s|\s$/.test(v),
    'a label prefix of at most 50 characters, such as "sprint:"',
  );
  const from = input.initiativeFrom ?? 'label';
  if (from !== 'label' && from !== 'cardLink') {
    problems.push({ path: 'settings.initiativeFrom', message: 'must be "label" or "cardLink"' });
  }
  return {
    settings: {
      boards,
      boardTeams,
      listCategories,
      pointsField,
      keyPrefix,
      initiativeFrom: from === 'cardLink' ? 'cardLink' : 'label',
      sprintLabelPrefix,
    },
    problems,
  };
}

/** Whether a board (its id and shortLink) is one the settings cover (all, when none listed). */
export function boardCovered(
  settings: TrelloSettings,
  board: { id: string | null; shortLink: string | null },
): boolean {
  const listed = coveredBoards(settings);
  if (listed.length === 0) return true;
  return listed.some((b) => b === board.id || b === board.shortLink);
}

/** A board's key prefix when the settings name none: its shortLink (as the import). */
export function boardPrefix(settings: TrelloSettings, shortLink: string | null): string {
  return settings.keyPrefix ?? (shortLink && SHORT_LINK.test(shortLink) ? shortLink : 'TRELLO');
}
