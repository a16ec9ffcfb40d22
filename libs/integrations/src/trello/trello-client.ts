import { trackerJson, TrackerHttpError } from '../sources/tracker-http.js';
import {
  PermanentEventError,
  type SyncPage,
  type TrackerConnection,
  type TrackerEvent,
} from '../sources/tracker.js';
import {
  CARD_FIELDS,
  isObject,
  keyOfLinkedName,
  linkedCard,
  trelloBoard,
  cardKey,
  trelloCardState,
  type TrelloBoard,
} from './trello-cards.js';
import { capReached, readCaps } from '../sources/read-caps.js';
import { coveredBoards, trelloSettings, type TrelloSettings } from './trello-settings.js';

/** cards per page of a board's card list (Trello answers at most 1,000) */
export const TRELLO_PAGE = 500;
/** a change made while a run reads is still found by the next one */
const OVERLAP_MS = 2 * 60_000;

type Json = Record<string, unknown>;

/**
 * Trello's REST API as the source reads it. No Trello SDK is maintained, so plain HTTP through the
 * shared tracker client (timeouts, 429 Retry-After, circuit). Trello limits a token to 100
 * requests per 10 s: its 429s are waited out there.
 */
export class TrelloApi {
  private readonly base: string;
  private readonly headers: Record<string, string>;
  private readonly names = new Map<string, string | null>();

  constructor(
    connection: TrackerConnection,
    private readonly signal: AbortSignal,
  ) {
    this.base = (connection.baseUrl || 'https://api.trello.com/1').replace(/\/+$/, '');
    this.headers = authHeaders(connection.credentials);
  }

  get<T>(path: string, query: Record<string, string> = {}): Promise<T> {
    const q = new URLSearchParams(query).toString();
    return trackerJson<T>({
      url: `${this.base}${path}${q ? `?${q}` : ''}`,
      headers: this.headers,
      signal: this.signal,
    });
  }

  /** A board's lists (archived too), its number custom fields and shortLink. */
  async board(id: string): Promise<TrelloBoard> {
    const body = await this.get<unknown>(`/boards/${encodeURIComponent(id)}`, {
      fields: 'name,shortLink,closed',
      lists: 'all',
      list_fields: 'name,closed',
      customFields: 'true',
    });
    return trelloBoard(body, id);
  }

  /** One card's complete state, or null when Trello no longer has it (404). */
  async card(id: string): Promise<Json | null> {
    try {
      const body = await this.get<unknown>(`/cards/${encodeURIComponent(id)}`, {
        fields: CARD_FIELDS,
        customFieldItems: 'true',
        attachments: 'true',
        attachment_fields: 'url,name',
      });
      if (!isObject(body)) throw new PermanentEventError(`card ${id}: the answer is not a card`);
      return body;
    } catch (error) {
      if (error instanceof TrackerHttpError && error.status === 404) return null;
      throw error;
    }
  }

  /** A page of a board's cards, open and archived, the newest first; `before`: older than that id. */
  cards(board: string, before: string | null): Promise<unknown> {
    return this.get<unknown>(`/boards/${encodeURIComponent(board)}/cards/all`, {
      fields: CARD_FIELDS,
      customFieldItems: 'true',
      attachments: 'true',
      attachment_fields: 'url,name',
      limit: String(TRELLO_PAGE),
      ...(before ? { before } : {}),
    });
  }

  /** The initiative key a linked card's name starts with (initiativeFrom cardLink). */
  async linkedKey(card: Json, known: Map<string, string> = new Map()): Promise<string | null> {
    const shortLink = linkedCard(card);
    if (!shortLink) return null;
    if (known.has(shortLink)) return keyOfLinkedName(known.get(shortLink)!);
    if (!this.names.has(shortLink)) {
      const linked = await this.card(shortLink);
      this.names.set(shortLink, linked && typeof linked.name === 'string' ? linked.name : null);
    }
    return keyOfLinkedName(this.names.get(shortLink) ?? null);
  }
}

const TRELLO_CREDENTIALS = /^([A-Za-z0-9]{1,200}):([A-Za-z0-9]{1,500})$/;

/** What is wrong with Trello credentials as given (null: the `<api key>:<token>` form). */
export function checkTrelloCredentials(credentials: string): string | null {
  return TRELLO_CREDENTIALS.test(credentials.trim())
    ? null
    : 'must be "<api key>:<token>" (letters and digits)';
}

/**
 * Credentials `<api key>:<token>` (the Power-Up's API key and a user's token) as Trello's OAuth
 * header, which keeps both out of URLs (and so out of proxy and access logs).
 */
function authHeaders(credentials: string | null): Record<string, string> {
  const match = TRELLO_CREDENTIALS.exec(credentials?.trim() ?? '');
  if (!match) {
    throw new TrackerHttpError(
      credentials
        ? `the credentials ${checkTrelloCredentials(credentials)}: set them to read Trello`
        : 'the source has no API credentials: set "<api key>:<token>" to read Trello',
      null,
    );
  }
  return { authorization: `OAuth oauth_consumer_key="${match[1]}", oauth_token="${match[2]}"` };
}

/**
 * Reconciliation through Trello's REST API: for every board the settings cover, the board (lists,
 * custom fields) then its cards, open and archived, `GET /boards/{id}/cards/all` with
 * customFieldItems and attachments, `limit` at a time, paging back with `before` (the oldest card
 * id of the page: card ids grow with their creation time). Trello has no "changed since" filter:
 * every card is read and those older than `since` are left out. An archived card (or a card of an
 * archived list) changed since `since` leaves live scope; a full read skips them (the run archives
 * every ticket it did not see).
 */
export async function* readTrello(
  connection: TrackerConnection,
  since: Date | null,
  signal: AbortSignal,
): AsyncIterable<SyncPage> {
  const settings = trelloSettings(connection.settings);
  const boards = coveredBoards(settings);
  if (boards.length === 0) {
    throw new TrackerHttpError(
      'settings.boards lists no board: name the board ids (or shortLinks) to reconcile',
      null,
    );
  }
  const api = new TrelloApi(connection, signal);
  const from = since ? since.getTime() - OVERLAP_MS : null;
  for (const boardId of boards) {
    const board = await api.board(boardId);
    let before: string | null = null;
    for (let pages = 0; ; pages++) {
      // past the cap the cards left unread would be archived by a full run: fail it instead
      if (pages >= readCaps.trelloPages) throw capReached(`board ${boardId}: cards`, pages);
      const body = await api.cards(boardId, before);
      const cards = (Array.isArray(body) ? body : []).filter(isObject);
      const names = new Map(
        cards.flatMap((c) =>
          typeof c.shortLink === 'string' && typeof c.name === 'string'
            ? [[c.shortLink, c.name] as const]
            : [],
        ),
      );
      const events: TrackerEvent[] = [];
      let newest: Date | null = null;
      for (const card of cards) {
        const updated = Date.parse(String(card.dateLastActivity));
        if (!Number.isNaN(updated) && (!newest || updated > newest.getTime())) {
          newest = new Date(updated);
        }
        if (from !== null && !Number.isNaN(updated) && updated < from) continue;
        const event = await cardEvent(api, card, board, settings, names, since === null);
        if (event) events.push(event);
      }
      yield { events, newestUpdate: newest };
      if (cards.length < TRELLO_PAGE) break;
      before = cards.map((c) => String(c.id)).sort()[0];
    }
  }
}

async function cardEvent(
  api: TrelloApi,
  card: Json,
  board: TrelloBoard,
  settings: TrelloSettings,
  names: Map<string, string>,
  full: boolean,
): Promise<TrackerEvent | null> {
  try {
    const linked = settings.initiativeFrom === 'cardLink' ? await api.linkedKey(card, names) : null;
    const { state, gone } = trelloCardState(card, board, settings, linked);
    if (gone) return full ? null : { kind: 'issueDeleted', issue: state, webhookAt: null };
    return { kind: 'issue', issue: state, webhookAt: null };
  } catch (error) {
    if (error instanceof PermanentEventError) {
      // an archived card that cannot be read is not missed: it is out of scope anyway
      if (card.closed === true) return null;
      // the card is still on the board: its key keeps a full run from archiving it
      const key = cardKey(settings, board.shortLink, card.idShort) ?? undefined;
      return { kind: 'ignored', reason: `problem: ${error.message}`, key };
    }
    throw error;
  }
}
