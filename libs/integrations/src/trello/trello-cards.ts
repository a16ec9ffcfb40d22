import { ticketFieldProblem, type IncomingTicket } from '../tickets/incoming-ticket.js';
import { pointsOf } from '../tickets/file-tickets.js';
import { PermanentEventError, type IssueState, type TrackerSprint } from '../sources/tracker.js';
import { EPIC_LABEL, POINTS_FIELDS, TITLE_POINTS } from './trello-json.js';
import { boardPrefix, type TrelloSettings } from './trello-settings.js';

type Json = Record<string, unknown>;
export const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** What a card's mapping needs of its board: lists, the custom field definitions, the shortLink. */
export interface TrelloBoard {
  id: string;
  shortLink: string | null;
  lists: Map<string, { name: string; closed: boolean }>;
  /** custom fields of type number: id -> name */
  numberFields: Map<string, string>;
}

/** The card fields the source reads (GET /cards/{id}, GET /boards/{id}/cards). */
export const CARD_FIELDS =
  'id,idShort,name,closed,idList,idBoard,dateLastActivity,labels,shortLink';

/** A link to a Trello card (an attachment): https://trello.com/c/<shortLink>[/<n>-<slug>]. */
const CARD_LINK = /^https:\/\/trello\.com\/c\/([A-Za-z0-9]{8})(?:[/?#]|$)/;
/** An initiative key at the start of a linked card's name: "PAY-100 Payments" -> PAY-100. */
const LEADING_KEY = /^\s*(\S{1,64})(?:\s|$)/;

/** A board read through the API (`lists=all`, `customFields=true`) as the mapping needs it. */
export function trelloBoard(body: unknown, asked: string): TrelloBoard {
  if (!isObject(body) || typeof body.id !== 'string') {
    throw new PermanentEventError(`board ${asked}: the API's answer is not a board`);
  }
  const lists = new Map<string, { name: string; closed: boolean }>();
  for (const list of Array.isArray(body.lists) ? body.lists : []) {
    if (isObject(list) && typeof list.id === 'string') {
      lists.set(list.id, { name: text(list.name), closed: list.closed === true });
    }
  }
  const numberFields = new Map<string, string>();
  for (const field of Array.isArray(body.customFields) ? body.customFields : []) {
    if (isObject(field) && typeof field.id === 'string' && field.type === 'number') {
      numberFields.set(field.id, text(field.name));
    }
  }
  return {
    id: body.id,
    shortLink: typeof body.shortLink === 'string' ? body.shortLink : null,
    lists,
    numberFields,
  };
}

/** The shortLink of the first attachment linking to a Trello card (initiativeFrom cardLink). */
export function linkedCard(card: Json): string | null {
  for (const a of Array.isArray(card.attachments) ? card.attachments : []) {
    const match = isObject(a) && typeof a.url === 'string' ? CARD_LINK.exec(a.url) : null;
    if (match && match[1] !== card.shortLink) return match[1];
  }
  return null;
}

/** The initiative key a linked card's name starts with, or null (a name in prose). */
export function keyOfLinkedName(name: string | null): string | null {
  const match = name === null ? null : LEADING_KEY.exec(name);
  return match ? match[1] : null;
}

/** The ticket key of card number `idShort` on a board: `<keyPrefix or shortLink>-<idShort>`. */
export function cardKey(settings: TrelloSettings, shortLink: string | null, idShort: unknown) {
  return typeof idShort === 'number' && Number.isSafeInteger(idShort) && idShort > 0
    ? `${boardPrefix(settings, shortLink)}-${idShort}`
    : null;
}

/**
 * One card as its complete state, mapped as the board-export import maps it (trello-json.ts), so a
 * file-imported card and the live one are the same ticket: key `<prefix>-<idShort>`, the list name
 * as raw status (settings.listCategories giving the category of lists the organization's status
 * mapping does not know), points from the points custom field else a "(3) " title prefix cut from
 * the title, a label `epic:<KEY>` (or, with initiativeFrom cardLink, `linkedKey`) as the
 * initiative, labels as labels. `gone`: the card or its list is archived, so it leaves live scope.
 * A value outside the bounds of docs/design.md 4.5 is a PermanentEventError naming field and card.
 */
export function trelloCardState(
  card: Json,
  board: TrelloBoard,
  settings: TrelloSettings,
  linkedKey: string | null,
): { state: IssueState; gone: boolean } {
  const key = cardKey(settings, board.shortLink, card.idShort);
  if (!key) throw new PermanentEventError(`card ${text(card.id)}: idShort is missing`);
  const at = (field: string) => `${key}: ${field}`;
  const updatedAt =
    typeof card.dateLastActivity === 'string' ? new Date(card.dateLastActivity) : null;
  if (!updatedAt || Number.isNaN(updatedAt.getTime())) {
    throw new PermanentEventError(`${at('dateLastActivity')} is missing or not a time`);
  }
  const list = typeof card.idList === 'string' ? board.lists.get(card.idList) : undefined;
  if (!list) throw new PermanentEventError(`${at('idList')} is not one of the board's lists`);
  if (typeof card.name !== 'string') throw new PermanentEventError(`${at('name')} is missing`);
  const prefixed = TITLE_POINTS.exec(card.name);
  const title = (prefixed ? card.name.slice(prefixed[0].length) : card.name).trim();
  if (!title) throw new PermanentEventError(`${at('name')} is empty`);

  const labels: string[] = [];
  const epics: string[] = [];
  for (const label of Array.isArray(card.labels) ? card.labels : []) {
    const name = isObject(label) ? text(label.name) : '';
    const epic = EPIC_LABEL.exec(name);
    if (epic) epics.push(epic[1].trim());
    else if (name !== '' && !labels.includes(name)) labels.push(name);
  }
  const ticket: IncomingTicket = {
    externalKey: key,
    externalId: typeof card.id === 'string' ? card.id : null,
    title,
    type: 'Task',
    labels,
    rawStatus: list.name,
    sourceCategory: settings.listCategories[list.name] ?? null,
    points: points(card, board, settings, prefixed?.[1] ?? null, at),
    sprintNames: [],
    epicKey: settings.initiativeFrom === 'cardLink' ? linkedKey : epics[0] || null,
    parentKey: null,
    origin: key,
  };
  const problem = ticketFieldProblem(ticket, {
    externalKey: 'key (idShort)',
    externalId: 'id',
    title: 'name',
    rawStatus: 'the list name',
    points: 'points',
    labels: 'labels',
    epicKey: settings.initiativeFrom === 'cardLink' ? 'the linked card' : 'the epic label',
  });
  if (problem) throw new PermanentEventError(`${key}: ${problem}`);
  return {
    state: { ticket, sprints: sprintOf(labels, settings, key), updatedAt },
    gone: card.closed === true || list.closed,
  };
}

/** The points custom field's number, else the title's "(3) " prefix; a bad number is refused. */
function points(
  card: Json,
  board: TrelloBoard,
  settings: TrelloSettings,
  fromTitle: string | null,
  at: (field: string) => string,
): number | null {
  const wanted = settings.pointsField
    ? new Set([settings.pointsField.toLowerCase()])
    : POINTS_FIELDS;
  const item = (Array.isArray(card.customFieldItems) ? card.customFieldItems : []).find(
    (f: unknown) =>
      isObject(f) &&
      wanted.has((board.numberFields.get(f.idCustomField as string) ?? '').toLowerCase()),
  ) as Json | undefined;
  const value = isObject(item?.value) ? item.value.number : undefined;
  if (value !== undefined && value !== null && value !== '') {
    const read =
      typeof value === 'string' || typeof value === 'number' ? pointsOf(String(value)) : undefined;
    if (read === undefined || read === null) {
      throw new PermanentEventError(
        `${at('points')} "${String(value).slice(0, 40)}" must be a number >= 0`,
      );
    }
    return read;
  }
  return fromTitle === null ? null : (pointsOf(fromTitle) ?? null);
}

/** The stored sprint a `sprint:<name>` label names (matched by name, never created). */
function sprintOf(labels: string[], settings: TrelloSettings, key: string): TrackerSprint[] {
  const prefix = settings.sprintLabelPrefix;
  const label = prefix
    ? labels.find((l) => l.startsWith(prefix) && l.length > prefix.length)
    : null;
  const name = label ? label.slice(prefix!.length).trim() : '';
  if (!name) return [];
  if (name.length > 200) {
    throw new PermanentEventError(
      `${key}: labels (${prefix}) must name a sprint of at most 200 characters`,
    );
  }
  return [
    {
      externalId: `trello-label:${name}`,
      nameOnly: true,
      name,
      state: 'ACTIVE',
      boardId: null,
      startDate: null,
      endDate: null,
    },
  ];
}

/**
 * A card that is gone (deleted, or moved to another board) as a tombstone: only its key matters
 * (the issue writer archives the stored ticket and keeps it as the tombstone); the rest is what
 * the action still tells of it.
 */
export function removedCard(
  key: string,
  card: Json,
  listName: string | null,
  at: Date,
): IssueState {
  const name = typeof card.name === 'string' ? card.name.trim().slice(0, 500) : '';
  return {
    ticket: {
      externalKey: key,
      externalId: typeof card.id === 'string' ? card.id : null,
      title: name || key,
      type: 'Task',
      labels: [],
      rawStatus: (listName ?? '').slice(0, 100) || 'Deleted',
      sourceCategory: 'CANCELLED',
      points: null,
      sprintNames: [],
      epicKey: null,
      parentKey: null,
      origin: key,
    },
    sprints: [],
    updatedAt: at,
  };
}
