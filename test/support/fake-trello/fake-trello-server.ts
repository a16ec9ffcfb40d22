import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  trelloMember,
  type TrelloAction,
  type TrelloActionType,
  type TrelloBoard,
  type TrelloCard,
  type TrelloCustomField,
  type TrelloLabel,
  type TrelloList,
  type TrelloWebhookBody,
} from './trello-shapes.js';

export type TrelloFault =
  /** Trello's rate limit (100 requests per 10 s per token): 429, with retry-after when given */
  { status: 429; retryAfterSeconds?: number } | { status: 500 | 503 };

export interface TrelloRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  at: number;
  authorized: boolean;
  status?: number;
}

export interface CardInput {
  list: TrelloList;
  name: string;
  labels?: string[];
  /** number custom field -> value (a string, as Trello stores it) */
  fields?: [TrelloCustomField, string][];
  /** attachment URLs (a link to another card: its shortUrl) */
  links?: string[];
}

const LETTERS = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * Trello's REST API on 127.0.0.1 (under /1, as api.trello.com/1), as far as a ticket source reads
 * it: `GET /boards/{id}` (lists=all, customFields=true), `GET /boards/{id}/cards/all` (limit and
 * before: the newest cards first, older than a card id), `GET /cards/{id or shortLink}`
 * (customFieldItems, attachments); boards and cards are found by id or shortLink. Credentials in
 * Trello's OAuth header (or key/token query parameters) else 401 "invalid key"; faults on demand
 * (a 429 as Trello's rate limit sends it, 5xx). Every change a user makes is returned as the
 * webhook body Trello would send for it. Its clock starts a day ago and moves one second per
 * change; ids grow with it, as Trello's do (they hold their creation time).
 */
export class FakeTrello {
  readonly key = '0123456789abcdef0123456789abcdef';
  readonly token = 'ATTAfaketoken0000000000000000000000000000000000000000000000000000000000';
  readonly requests: TrelloRequest[] = [];
  private readonly boards = new Map<string, TrelloBoard>();
  private readonly lists = new Map<string, TrelloList>();
  private readonly fields = new Map<string, TrelloCustomField>();
  private readonly labels = new Map<string, TrelloLabel>();
  private readonly cards = new Map<string, TrelloCard>();
  private readonly idShorts = new Map<string, number>();
  private readonly faults: TrelloFault[] = [];
  /** older copies of cards, each served once by GET /cards/{id} (a read lagging behind) */
  private readonly stale = new Map<string, TrelloCard>();
  private clock = Date.now() - 86_400_000;
  private ids = 0x5f0000000;
  private baseUrl = '';

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeTrello> {
    const server = createServer();
    const fake = new FakeTrello(server);
    server.on('request', (req, res) => fake.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return fake;
  }

  /** the API's base URL, with Trello's version segment (a source's baseUrl) */
  get url(): string {
    return `${this.baseUrl}/1`;
  }

  /** a source's credentials: `<api key>:<token>` */
  get credentials(): string {
    return `${this.key}:${this.token}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private nextId(): string {
    return (this.ids++).toString(16).padStart(24, '0');
  }

  private shortLink(): string {
    let s = '';
    for (let i = 0; i < 8; i++) s += LETTERS[Math.floor(Math.random() * LETTERS.length)];
    return s;
  }

  private tick(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString();
  }

  addBoard(name: string): TrelloBoard {
    const shortLink = this.shortLink();
    const board: TrelloBoard = {
      id: this.nextId(),
      name,
      shortLink,
      shortUrl: `https://trello.com/b/${shortLink}`,
      url: `https://trello.com/b/${shortLink}/${name.toLowerCase().replace(/\W+/g, '-')}`,
      closed: false,
      idOrganization: null,
    };
    this.boards.set(board.id, board);
    return board;
  }

  addList(board: TrelloBoard, name: string): TrelloList {
    const list: TrelloList = {
      id: this.nextId(),
      idBoard: board.id,
      name,
      closed: false,
      pos: 16384 * (this.lists.size + 1),
    };
    this.lists.set(list.id, list);
    return list;
  }

  /** Archives (or renames) a list; its cards stay in it. */
  updateList(list: TrelloList, change: { closed?: boolean; name?: string }): void {
    Object.assign(list, change);
  }

  addCustomField(
    board: TrelloBoard,
    name: string,
    type: TrelloCustomField['type'] = 'number',
  ): TrelloCustomField {
    const field: TrelloCustomField = {
      id: this.nextId(),
      idModel: board.id,
      modelType: 'board',
      fieldGroup: this.nextId(),
      name,
      pos: 16384,
      type,
      display: { cardFront: true },
    };
    this.fields.set(field.id, field);
    return field;
  }

  private label(boardId: string, name: string): TrelloLabel {
    const found = [...this.labels.values()].find((l) => l.idBoard === boardId && l.name === name);
    if (found) return found;
    const label: TrelloLabel = { id: this.nextId(), idBoard: boardId, name, color: 'green' };
    this.labels.set(label.id, label);
    return label;
  }

  card(id: string): TrelloCard {
    const card = this.cards.get(id);
    if (!card) throw new Error(`no card ${id}`);
    return card;
  }

  /** A copy of the card as it is now, for serveStaleOnce later. */
  snapshot(card: TrelloCard): TrelloCard {
    return structuredClone(card);
  }

  /**
   * The next `GET /cards/{id}` of this card answers this older copy (even after a delete): a
   * read that lags behind, so the worker gets the state an older action described.
   */
  serveStaleOnce(copy: TrelloCard): void {
    this.stale.set(copy.id, copy);
  }

  /** A new card, as a user adds one: the createCard webhook. */
  createCard(input: CardInput): { card: TrelloCard; body: TrelloWebhookBody } {
    const board = this.boards.get(input.list.idBoard)!;
    const idShort = (this.idShorts.get(board.id) ?? 0) + 1;
    this.idShorts.set(board.id, idShort);
    const shortLink = this.shortLink();
    const id = this.nextId();
    const labels = (input.labels ?? []).map((n) => this.label(board.id, n));
    const card: TrelloCard = {
      id,
      idShort,
      shortLink,
      shortUrl: `https://trello.com/c/${shortLink}`,
      url: `https://trello.com/c/${shortLink}/${idShort}-card`,
      name: input.name,
      desc: '',
      closed: false,
      idBoard: board.id,
      idList: input.list.id,
      idLabels: labels.map((l) => l.id),
      labels,
      dateLastActivity: this.tick(),
      pos: 65535 * idShort,
      customFieldItems: (input.fields ?? []).map(([field, value]) => ({
        id: this.nextId(),
        idCustomField: field.id,
        idModel: id,
        modelType: 'card' as const,
        value: { number: value },
      })),
      attachments: (input.links ?? []).map((url) => ({
        id: this.nextId(),
        name: url,
        url,
        date: new Date(this.clock).toISOString(),
        isUpload: false,
      })),
    };
    this.cards.set(id, card);
    return {
      card,
      body: this.action('createCard', card, { list: this.listRef(card.idList) }),
    };
  }

  /** updateCard: a rename, a move to another list, an archive (closed) or unarchive. */
  updateCard(
    card: TrelloCard,
    change: { name?: string; list?: TrelloList; closed?: boolean },
  ): TrelloWebhookBody {
    const old: Record<string, unknown> = {};
    const data: Partial<TrelloAction['data']> = {};
    if (change.name !== undefined) {
      old.name = card.name;
      card.name = change.name;
    }
    if (change.list) {
      old.idList = card.idList;
      data.listBefore = this.listRef(card.idList);
      data.listAfter = this.listRef(change.list.id);
      card.idList = change.list.id;
    } else data.list = this.listRef(card.idList);
    if (change.closed !== undefined) {
      old.closed = card.closed;
      card.closed = change.closed;
    }
    card.dateLastActivity = this.tick();
    return this.action('updateCard', card, { ...data, old });
  }

  addLabelToCard(card: TrelloCard, name: string): TrelloWebhookBody {
    const label = this.label(card.idBoard, name);
    if (!card.idLabels.includes(label.id)) {
      card.idLabels.push(label.id);
      card.labels.push(label);
    }
    card.dateLastActivity = this.tick();
    return this.action('addLabelToCard', card, {
      label: { id: label.id, name: label.name, color: label.color },
    });
  }

  removeLabelFromCard(card: TrelloCard, name: string): TrelloWebhookBody {
    const label = this.label(card.idBoard, name);
    card.idLabels = card.idLabels.filter((id) => id !== label.id);
    card.labels = card.labels.filter((l) => l.id !== label.id);
    card.dateLastActivity = this.tick();
    return this.action('removeLabelFromCard', card, {
      label: { id: label.id, name: label.name, color: label.color },
    });
  }

  /** updateCustomFieldItem: a number field set (a string, as Trello keeps numbers) or cleared. */
  setField(card: TrelloCard, field: TrelloCustomField, value: string | null): TrelloWebhookBody {
    const before = card.customFieldItems.find((i) => i.idCustomField === field.id);
    card.customFieldItems = card.customFieldItems.filter((i) => i.idCustomField !== field.id);
    const item = {
      id: before?.id ?? this.nextId(),
      idCustomField: field.id,
      idModel: card.id,
      modelType: 'card' as const,
      value: value === null ? {} : { number: value },
    };
    if (value !== null) card.customFieldItems.push(item);
    card.dateLastActivity = this.tick();
    return this.action('updateCustomFieldItem', card, {
      customField: { id: field.id, name: field.name, type: field.type },
      customFieldItem: item,
      old: { value: before?.value ?? null },
    });
  }

  /** The card is deleted for good: the deleteCard webhook (Trello then answers 404 for it). */
  deleteCard(card: TrelloCard): TrelloWebhookBody {
    this.cards.delete(card.id);
    this.tick();
    return this.action(
      'deleteCard',
      { id: card.id, idShort: card.idShort, shortLink: card.shortLink } as TrelloCard,
      { list: this.listRef(card.idList) },
      card.idBoard,
    );
  }

  /** A comment: an action the source has no use for. */
  commentCard(card: TrelloCard, text: string): TrelloWebhookBody {
    this.tick();
    return this.action('commentCard', card, { text, list: this.listRef(card.idList) });
  }

  /** The body Trello POSTs for an action on a board of this fake. */
  private action(
    type: TrelloActionType,
    card: TrelloCard,
    data: Partial<TrelloAction['data']>,
    boardId = card.idBoard,
  ): TrelloWebhookBody {
    const board = this.boards.get(boardId)!;
    const action: TrelloAction = {
      id: this.nextId(),
      idMemberCreator: trelloMember().id,
      type,
      date: new Date(this.clock).toISOString(),
      data: {
        card: {
          id: card.id,
          idShort: card.idShort,
          shortLink: card.shortLink,
          ...(card.name === undefined ? {} : { name: card.name }),
          ...(type === 'updateCard' && data.old && 'closed' in data.old
            ? { closed: card.closed }
            : {}),
          ...(card.idList === undefined ? {} : { idList: card.idList }),
        },
        board: { id: board.id, name: board.name, shortLink: board.shortLink },
        ...data,
      },
      appCreator: null,
      limits: {},
      display: { translationKey: `action_${type}`, entities: {} },
      memberCreator: trelloMember(),
    };
    return { action, model: structuredClone(board) };
  }

  private listRef(id: string): { id: string; name: string } {
    const list = this.lists.get(id)!;
    return { id: list.id, name: list.name };
  }

  /** Every answer waits this long (a slow tracker); the most requests in flight at once. */
  delayMs = 0;
  maxInFlight = 0;
  private inFlight = 0;

  /** The next `count` API requests fail with `fault`. */
  failNext(count: number, fault: TrelloFault): void {
    for (let i = 0; i < count; i++) this.faults.push(fault);
  }

  clearRequests(): void {
    this.requests.length = 0;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    res.on('close', () => this.inFlight--);
    if (this.delayMs > 0) setTimeout(() => this.answer(req, res), this.delayMs);
    else this.answer(req, res);
  }

  private answer(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const record: TrelloRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      at: Date.now(),
      authorized: this.authorized(req, url),
    };
    this.requests.push(record);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      res.writeHead(status, {
        'content-type':
          typeof body === 'string'
            ? 'text/plain; charset=utf-8'
            : 'application/json; charset=utf-8',
        'x-rate-limit-api-token-interval-ms': '10000',
        'x-rate-limit-api-token-max': '100',
        ...headers,
      });
      res.end(text);
    };
    if (!record.authorized) return send(401, 'invalid key');
    const fault = this.faults.shift();
    if (fault) {
      if (fault.status === 429) {
        return send(
          429,
          { error: 'API_TOKEN_LIMIT_EXCEEDED', message: 'Rate limit exceeded' },
          fault.retryAfterSeconds === undefined
            ? {}
            : { 'retry-after': String(fault.retryAfterSeconds) },
        );
      }
      return send(fault.status, 'Internal Server Error');
    }
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (req.method !== 'GET' || parts[0] !== '1') return send(404, 'Cannot GET');
    const q = url.searchParams;
    if (parts[1] === 'boards' && parts.length === 3) {
      const board = this.findBoard(parts[2]);
      return board
        ? send(200, this.boardBody(board, q))
        : send(404, 'The requested resource was not found.');
    }
    if (parts[1] === 'boards' && parts[3] === 'cards') {
      const board = this.findBoard(parts[2]);
      if (!board) return send(404, 'The requested resource was not found.');
      const filter = parts[4] ?? 'visible';
      if (!['all', 'open', 'closed', 'visible'].includes(filter))
        return send(400, 'invalid filter');
      const limit = Number(q.get('limit') ?? 1000);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
        return send(400, 'invalid value for limit');
      const before = q.get('before');
      const cards = [...this.cards.values()]
        .filter((c) => c.idBoard === board.id)
        .filter((c) => filter === 'all' || (filter === 'closed' ? c.closed : !c.closed))
        .filter((c) => !before || c.id < before)
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .slice(-limit);
      return send(
        200,
        cards.map((c) => this.cardBody(c, q)),
      );
    }
    if (parts[1] === 'cards' && parts.length === 3) {
      const stale = [...this.stale.values()].find(
        (c) => c.id === parts[2] || c.shortLink === parts[2],
      );
      if (stale) this.stale.delete(stale.id);
      const card =
        stale ??
        [...this.cards.values()].find((c) => c.id === parts[2] || c.shortLink === parts[2]);
      return card
        ? send(200, this.cardBody(card, q))
        : send(404, 'The requested resource was not found.');
    }
    send(404, 'Cannot GET');
  }

  private authorized(req: IncomingMessage, url: URL): boolean {
    const oauth = req.headers.authorization ?? '';
    const key = /oauth_consumer_key="([^"]*)"/.exec(oauth)?.[1] ?? url.searchParams.get('key');
    const token = /oauth_token="([^"]*)"/.exec(oauth)?.[1] ?? url.searchParams.get('token');
    return key === this.key && token === this.token;
  }

  private findBoard(idOrShortLink: string): TrelloBoard | undefined {
    return [...this.boards.values()].find(
      (b) => b.id === idOrShortLink || b.shortLink === idOrShortLink,
    );
  }

  private boardBody(board: TrelloBoard, q: URLSearchParams): Record<string, unknown> {
    const body: Record<string, unknown> = pick(board, q.get('fields'));
    body.id = board.id;
    const lists = q.get('lists');
    if (lists && lists !== 'none') {
      body.lists = [...this.lists.values()]
        .filter((l) => l.idBoard === board.id && (lists === 'all' || !l.closed))
        .map((l) => ({ ...pick(l, q.get('list_fields')), id: l.id }));
    }
    if (q.get('customFields') === 'true') {
      body.customFields = [...this.fields.values()].filter((f) => f.idModel === board.id);
    }
    return body;
  }

  private cardBody(card: TrelloCard, q: URLSearchParams): Record<string, unknown> {
    const { customFieldItems, attachments, ...rest } = card;
    const body: Record<string, unknown> = { ...pick(rest, q.get('fields')), id: card.id };
    if (q.get('customFieldItems') === 'true') body.customFieldItems = customFieldItems;
    if (q.get('attachments') === 'true') {
      body.attachments = attachments.map((a) => ({
        ...pick(a, q.get('attachment_fields')),
        id: a.id,
      }));
    }
    return body;
  }
}

/** `fields=a,b` as Trello reads it: those fields only; absent or "all": every field. */
function pick<T extends object>(value: T, fields: string | null): Record<string, unknown> {
  if (!fields || fields === 'all') return { ...value } as Record<string, unknown>;
  const wanted = fields.split(',');
  return Object.fromEntries(Object.entries(value).filter(([k]) => wanted.includes(k)));
}
