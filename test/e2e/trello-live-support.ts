import {
  FakeTrello,
  sendTrelloWebhook,
  type TrelloBoard,
  type TrelloCustomField,
  type TrelloList,
} from '../support/fake-trello/index.js';
import type { Session, TestApp } from '../support/test-app.js';
import { GITHUB_PLAN } from './github-live-support.js';
import { createSource, type LiveSource } from './jira-live-support.js';

/**
 * The API's public address in the Trello tests: Trello calls (and signs) the callback URL it was
 * given, PUBLIC_URL + webhookPath, while the tests post to 127.0.0.1 as a proxy would.
 */
export const TRELLO_PUBLIC_URL = 'https://throughline.example.com';

/** The Trello app's secret: pasted as the source's webhookSecret. */
export const TRELLO_APP_SECRET = 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1';

/** Goals G1 (initiative PAY-100) and G2 (PAY-200), and the active sprint "Sprint 12" of PLAT. */
export const TRELLO_PLAN = GITHUB_PLAN;

/** A board as a team keeps one: To Do, Doing, Done, and a "Story Points" number field. */
export interface SeededBoard {
  board: TrelloBoard;
  todo: TrelloList;
  doing: TrelloList;
  done: TrelloList;
  points: TrelloCustomField;
}

export function seedBoard(trello: FakeTrello, name = 'Payments'): SeededBoard {
  const board = trello.addBoard(name);
  return {
    board,
    todo: trello.addList(board, 'To Do'),
    doing: trello.addList(board, 'Doing'),
    done: trello.addList(board, 'Done'),
    points: trello.addCustomField(board, 'Story Points'),
  };
}

export interface TrelloSource extends LiveSource {
  /** the URL Trello was given (and signs with the body) */
  callbackUrl: string;
}

/** The settings of a source for a seeded board: board -> PLAT, sprint labels, Doing in progress. */
export const trelloSettings = (seeded: SeededBoard) => ({
  boards: [seeded.board.id],
  boardTeams: { [seeded.board.id]: 'PLAT' },
  sprintLabelPrefix: 'sprint:',
  listCategories: { Doing: 'IN_PROGRESS' },
});

/** A Trello source pointing at the fake, with the app secret pasted as its webhook secret. */
export async function createTrelloSource(
  app: TestApp,
  owner: Session,
  trello: FakeTrello,
  settings: Record<string, unknown>,
  name = 'Trello',
): Promise<TrelloSource> {
  const { source, webhookSecret } = await createSource(app, owner.token, {
    kind: 'TRELLO',
    name,
    baseUrl: trello.url,
    credentials: trello.credentials,
    webhookSecret: TRELLO_APP_SECRET,
    settings,
  });
  return {
    id: source.id,
    secret: webhookSecret,
    url: `${app.url}${source.webhookPath}`,
    callbackUrl: `${TRELLO_PUBLIC_URL}${source.webhookPath}`,
  };
}

/** The plan, then a Trello source for the seeded board. */
export async function connectTrello(
  app: TestApp,
  owner: Session,
  trello: FakeTrello,
  seeded: SeededBoard,
): Promise<TrelloSource> {
  const imported = await app.ok<{ importPlan: { problems: unknown[] } }>(
    `mutation($y: String!) { importPlan(yaml: $y) { problems { path message } } }`,
    { y: TRELLO_PLAN },
    owner.token,
  );
  if (imported.importPlan.problems.length) {
    throw new Error(JSON.stringify(imported.importPlan.problems));
  }
  return createTrelloSource(app, owner, trello, trelloSettings(seeded));
}

/** Sends a webhook as Trello would: signed over the body and the registered callback URL. */
export function deliverTrello(
  source: TrelloSource,
  body: object | string,
  options: { signature?: 'valid' | 'bad' | 'missing'; callbackUrl?: string } = {},
) {
  return sendTrelloWebhook(source.url, body, {
    secret: source.secret,
    callbackUrl: source.callbackUrl,
    ...options,
  });
}
