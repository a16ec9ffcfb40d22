import { DomainError, formatBound, ProblemList } from '@app/domain';
import { ticketFieldProblem, type IncomingTicket } from '../tickets/incoming-ticket.js';
import { pointsOf, shownKey } from '../tickets/file-tickets.js';
import { MAX_CSV_ROWS } from '../jira/jira-csv.js';

export interface TrelloRows {
  tickets: IncomingTicket[];
  /** bounded: the first warnings, then a count of the rest */
  warnings: ProblemList;
}

/** The board fields a ticket's fields come from, for warnings in the file's own words. */
const FIELDS = {
  externalKey: 'the key (idShort)',
  externalId: 'id',
  title: 'name',
  rawStatus: 'the list name',
  points: 'points',
  labels: 'labels',
  epicKey: 'the epic label (epic:<KEY>)',
} as const;

/** Custom fields whose number is the card's points (case-insensitive); the live source too. */
export const POINTS_FIELDS = new Set(['points', 'story points']);
/** "(3) Title": the points-in-the-title convention of Trello boards. */
export const TITLE_POINTS = /^\s*\((\d+(?:[.,]\d+)?)\)\s*/;
export const EPIC_LABEL = /^epic:\s*(.*)$/i;
export const SHORT_LINK = /^[A-Za-z0-9]{1,32}$/;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/**
 * Trello's board export ("Print and export -> Export as JSON", docs/design.md 4.3), parsed whole
 * (the caller checked its size): each open card in an open list is a ticket keyed
 * `<prefix>-<idShort>` (the prefix given, else the board's shortLink), its list name the raw status,
 * points from a "Points" or "Story Points" number custom field else a "(3) " title prefix (cut from
 * the title), labels as labels, and a label `epic:<KEY>` linking it to the initiative with that
 * externalKey. Archived cards and cards of archived lists are left out, counted in one warning. A
 * card that cannot be used, or with a field outside the bounds of docs/design.md 4.5, is reported
 * with its path (`cards[12] (TRL-12)`) and left out.
 */
export function readTrelloBoard(
  data: string,
  options: { keyPrefix?: string | null; maxRows?: number } = {},
): TrelloRows {
  let board: unknown;
  try {
    board = JSON.parse(data);
  } catch (error) {
    throw DomainError.badInput('data', `is not readable JSON: ${(error as Error).message}`);
  }
  if (!isObject(board) || !Array.isArray(board.cards) || !Array.isArray(board.lists)) {
    throw DomainError.badInput(
      'data',
      'is not a Trello board export: expected an object with "lists" and "cards" arrays (Print and export -> Export as JSON)',
    );
  }
  const maxRows = options.maxRows ?? MAX_CSV_ROWS;
  const warnings = new ProblemList(undefined, 'warnings');
  const shortLink = text(board.shortLink);
  const prefix = options.keyPrefix || (SHORT_LINK.test(shortLink) ? shortLink : 'TRELLO');

  const lists = new Map<string, { name: string; closed: boolean }>();
  for (const list of board.lists) {
    if (isObject(list) && typeof list.id === 'string') {
      lists.set(list.id, { name: text(list.name), closed: list.closed === true });
    }
  }
  const boardLabels = new Map<string, string>();
  for (const label of Array.isArray(board.labels) ? board.labels : []) {
    if (isObject(label) && typeof label.id === 'string')
      boardLabels.set(label.id, text(label.name));
  }
  const pointsFields = new Set<string>();
  for (const field of Array.isArray(board.customFields) ? board.customFields : []) {
    if (
      isObject(field) &&
      typeof field.id === 'string' &&
      field.type === 'number' &&
      POINTS_FIELDS.has(text(field.name).toLowerCase())
    ) {
      pointsFields.add(field.id);
    }
  }

  let archived = 0;
  let inClosedLists = 0;
  const tickets: IncomingTicket[] = [];
  board.cards.forEach((card: unknown, i: number) => {
    if (!isObject(card)) {
      warnings.push({ path: `cards[${i}]`, message: 'is not a card: skipped' });
      return;
    }
    const idShort = card.idShort;
    const key =
      typeof idShort === 'number' && Number.isSafeInteger(idShort) && idShort > 0
        ? `${prefix}-${idShort}`
        : null;
    const origin = key ? `cards[${i}] (${shownKey(key)})` : `cards[${i}]`;
    const problem = (message: string) => warnings.push({ path: origin, message });
    if (card.closed === true) {
      archived++;
      return;
    }
    const list = typeof card.idList === 'string' ? lists.get(card.idList) : undefined;
    if (list?.closed) {
      inClosedLists++;
      return;
    }
    if (!key) {
      problem('no idShort (a card number): card skipped');
      return;
    }
    if (!list) {
      problem("its list (idList) is not in the board's lists: card skipped");
      return;
    }

    const name = typeof card.name === 'string' ? card.name : '';
    const prefixed = TITLE_POINTS.exec(name);
    const title = (prefixed ? name.slice(prefixed[0].length) : name).trim();
    if (!title) {
      problem('no name: card skipped');
      return;
    }
    let points: number | null = null;
    const item = (Array.isArray(card.customFieldItems) ? card.customFieldItems : []).find(
      (f: unknown) => isObject(f) && pointsFields.has(f.idCustomField as string),
    ) as Json | undefined;
    const fieldValue = isObject(item?.value) ? item.value.number : undefined;
    if (fieldValue !== undefined && fieldValue !== null && fieldValue !== '') {
      const read = pointsOf(String(fieldValue));
      if (read === undefined) {
        problem(`points "${shownKey(String(fieldValue))}" is not a number >= 0: card skipped`);
        return;
      }
      points = read;
    } else if (prefixed) {
      points = pointsOf(prefixed[1]) ?? null;
    }

    const names: string[] = Array.isArray(card.labels)
      ? card.labels.map((l: unknown) => (isObject(l) ? text(l.name) : ''))
      : Array.isArray(card.idLabels)
        ? card.idLabels.map((id: unknown) => boardLabels.get(id as string) ?? '')
        : [];
    const labels: string[] = [];
    const epics: string[] = [];
    for (const label of names) {
      const epic = EPIC_LABEL.exec(label);
      if (epic) epics.push(epic[1].trim());
      else if (label !== '' && !labels.includes(label)) labels.push(label);
    }
    if (epics.length > 1) {
      problem(
        `${epics.length} epic labels: linked through the first, "epic:${shownKey(epics[0])}"`,
      );
    }
    const ticket: IncomingTicket = {
      externalKey: key,
      externalId: typeof card.id === 'string' ? card.id : null,
      title,
      type: 'Task',
      labels,
      rawStatus: list.name,
      sourceCategory: null,
      points,
      sprintNames: [],
      epicKey: epics[0] || null,
      parentKey: null,
      origin,
    };
    const invalid = ticketFieldProblem(ticket, FIELDS);
    if (invalid) {
      problem(`${invalid}: card skipped`);
      return;
    }
    if (tickets.length >= maxRows) {
      throw DomainError.badInput(
        'data',
        `has more than ${formatBound(maxRows)} usable cards: split the board`,
      );
    }
    tickets.push(ticket);
  });
  if (archived + inClosedLists > 0) {
    const parts = [
      archived ? `${archived} archived card${archived === 1 ? '' : 's'}` : '',
      inClosedLists
        ? `${inClosedLists} card${inClosedLists === 1 ? '' : 's'} in archived lists`
        : '',
    ].filter((p) => p);
    warnings.push({ path: 'cards', message: `${parts.join(' and ')} left out` });
  }
  return { tickets, warnings };
}
