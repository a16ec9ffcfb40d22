import {
  PermanentEventError,
  type FetchMemo,
  type TrackerConnection,
  type TrackerEvent,
} from '../sources/tracker.js';
import { cardKey, isObject, removedCard, trelloCardState } from './trello-cards.js';
import { TrelloApi } from './trello-client.js';
import { boardCovered, trelloSettings } from './trello-settings.js';

type Json = Record<string, unknown>;

/**
 * The card actions whose card the source reads again (Trello's action types): anything that can
 * change a card's name, list, labels, custom fields, attachments, board or archived state.
 */
const CARD_ACTIONS = new Set([
  'createCard',
  'updateCard',
  'copyCard',
  'moveCardToBoard',
  'moveCardFromBoard',
  'addLabelToCard',
  'removeLabelFromCard',
  'updateCustomFieldItem',
  'addAttachmentToCard',
  'deleteAttachmentFromCard',
  'convertToCardFromCheckItem',
  'emailCard',
  'deleteCard',
]);

const ID = /^[0-9a-f]{24}$/;

interface TrelloAction {
  id: string;
  type: string;
  date: Date;
  data: Json;
  board: { id: string; shortLink: string | null };
}

const objectAt = (value: unknown, key: string): Json | null => {
  const child = isObject(value) ? value[key] : undefined;
  return isObject(child) ? child : null;
};

/** The action's type and card (`<board shortLink>-<idShort>`, the default key), for the inbox. */
export function describeTrelloAction(body: unknown): { eventType: string; subject: string | null } {
  const action = objectAt(body, 'action');
  const type = typeof action?.type === 'string' ? action.type.slice(0, 50) : 'unknown';
  const data = objectAt(action, 'data');
  const card = objectAt(data, 'card');
  const shortLink = objectAt(data, 'board')?.shortLink;
  const subject =
    card && typeof card.idShort === 'number' && typeof shortLink === 'string'
      ? `${shortLink}-${card.idShort}`
      : typeof card?.id === 'string'
        ? `card ${card.id}`
        : null;
  return { eventType: type, subject: subject && subject.slice(0, 200) };
}

/**
 * A webhook body `{ action: { id, type, date, data: { card, list, board, old, ... },
 * memberCreator }, model }` as the fields the source uses; one without them can never apply.
 */
function readAction(body: unknown): TrelloAction {
  const action = objectAt(body, 'action');
  if (!action) throw new PermanentEventError('the body has no "action" object');
  if (typeof action.id !== 'string' || !ID.test(action.id)) {
    throw new PermanentEventError('action.id must be a Trello id (24 hex digits)');
  }
  if (typeof action.type !== 'string' || action.type === '') {
    throw new PermanentEventError(`action ${action.id}: action.type is missing`);
  }
  const date = typeof action.date === 'string' ? new Date(action.date) : null;
  if (!date || Number.isNaN(date.getTime())) {
    throw new PermanentEventError(`action ${action.id}: action.date is missing or not a time`);
  }
  const data = objectAt(action, 'data') ?? {};
  // the board the action happened on (a move from a board names it as `board` there too)
  const board = objectAt(data, 'board') ?? objectAt(body, 'model');
  const boardId = board?.id;
  return {
    id: action.id,
    type: action.type,
    date,
    data,
    board: {
      id: typeof boardId === 'string' && ID.test(boardId) ? boardId : '',
      shortLink: typeof board?.shortLink === 'string' ? board.shortLink : null,
    },
  };
}

/**
 * Trello's webhooks carry the action, not the card's complete state: for a card action the card
 * is read again through the API (`fetch`, in the event worker) with its board's lists and custom
 * fields, and mapped as the board-export import maps it. updatedAt is the card's dateLastActivity
 * and webhookAt the action's date (the issue writer orders by both). A deleted card (deleteCard,
 * or a 404), a card moved to another board, an archived card and a card of an archived list leave
 * live scope (issueDeleted); a later unarchive is a newer state and brings the card back.
 * Other actions (comments, checklists, members, lists, the board) are ignored. A board (its lists
 * and fields) is read once per batch of the source (`memo`): a burst of actions on one board
 * reads it once, not once per card.
 */
export async function fetchTrelloAction(
  body: unknown,
  connection: TrackerConnection,
  signal: AbortSignal,
  memo: FetchMemo = (_key, read) => read(),
): Promise<TrackerEvent[]> {
  const settings = trelloSettings(connection.settings);
  const action = readAction(body);
  if (!CARD_ACTIONS.has(action.type)) {
    return [{ kind: 'ignored', reason: `${action.type.slice(0, 50)}: not a card action` }];
  }
  if (!action.board.id) {
    throw new PermanentEventError(`action ${action.id}: action.data.board.id is missing`);
  }
  if (!boardCovered(settings, action.board)) {
    return [
      {
        kind: 'ignored',
        reason: `board ${action.board.shortLink ?? action.board.id} is not in settings.boards`,
      },
    ];
  }
  const card = objectAt(action.data, 'card');
  if (!card || typeof card.id !== 'string' || !ID.test(card.id)) {
    throw new PermanentEventError(`action ${action.id}: action.data.card.id is missing`);
  }
  const api = new TrelloApi(connection, signal);
  const boardOf = (id: string) => memo(`board ${id}`, () => api.board(id));
  const current = action.type === 'deleteCard' ? null : await api.card(card.id);
  if (!current || current.idBoard !== action.board.id) {
    return [await removed(action, card)];
  }
  const board = await boardOf(action.board.id);
  const linked = settings.initiativeFrom === 'cardLink' ? await api.linkedKey(current) : null;
  const { state, gone } = trelloCardState(current, board, settings, linked);
  return [{ kind: gone ? 'issueDeleted' : 'issue', issue: state, webhookAt: action.date }];

  /** The card left this board (deleted, or moved away): its key here is gone. */
  async function removed(action: TrelloAction, card: Json): Promise<TrackerEvent> {
    const shortLink =
      action.board.shortLink ??
      (settings.keyPrefix ? null : (await boardOf(action.board.id)).shortLink);
    const key = cardKey(settings, shortLink, card.idShort);
    if (!key) {
      // the action does not number the card: the next full reconciliation archives it
      return { kind: 'ignored', reason: `${action.type}: action.data.card.idShort is missing` };
    }
    const list = objectAt(action.data, 'list')?.name;
    return {
      kind: 'issueDeleted',
      issue: removedCard(key, card, typeof list === 'string' ? list : null, action.date),
      webhookAt: action.date,
    };
  }
}
