import { createHmac } from 'node:crypto';
import { PermanentEventError } from '../sources/tracker.js';
import { trelloBoard, trelloCardState } from './trello-cards.js';
import { readTrelloBoard } from './trello-json.js';
import { checkTrelloSettings, trelloSettings } from './trello-settings.js';
import { trelloDeliveryId, verifyTrelloSignature } from './trello-signature.js';

const board = {
  id: '5f0000000000000000000001',
  shortLink: 'AbCd1234',
  lists: [
    { id: '5f0000000000000000000002', name: 'Doing', closed: false },
    { id: '5f0000000000000000000003', name: 'Old', closed: true },
  ],
  customFields: [{ id: '5f0000000000000000000004', name: 'Story Points', type: 'number' }],
  labels: [],
};
const card = (over: Record<string, unknown> = {}) => ({
  id: '5f0000000000000000000010',
  idShort: 12,
  shortLink: 'Zz9Yy8Xx',
  name: '(3) Card form',
  closed: false,
  idList: '5f0000000000000000000002',
  idBoard: board.id,
  dateLastActivity: '2026-12-02T10:00:00.000Z',
  labels: [{ name: 'epic:PAY-100' }, { name: 'sprint:Sprint 12' }, { name: 'ux' }],
  customFieldItems: [],
  ...over,
});

describe('Trello cards, live', () => {
  const settings = trelloSettings({ sprintLabelPrefix: 'sprint:' });

  it('maps a card exactly as the board-export import does: the same ticket', () => {
    for (const c of [
      card(),
      card({
        customFieldItems: [{ idCustomField: board.customFields[0].id, value: { number: '8' } }],
      }),
    ]) {
      const imported = readTrelloBoard(JSON.stringify({ ...board, cards: [c] })).tickets[0];
      const live = trelloCardState(c, trelloBoard(board, board.id), settings, null).state.ticket;
      expect({ ...live, origin: '' }).toEqual({ ...imported, origin: '' });
    }
    const { state, gone } = trelloCardState(card(), trelloBoard(board, board.id), settings, null);
    expect(state.ticket).toMatchObject({
      externalKey: 'AbCd1234-12',
      title: 'Card form',
      points: 3,
      epicKey: 'PAY-100',
    });
    expect(state.sprints.map((s) => [s.name, s.nameOnly])).toEqual([['Sprint 12', true]]);
    expect(gone).toBe(false);
  });

  it('an archived card, or one of an archived list, is gone; bad points are a permanent error naming the card', () => {
    const b = trelloBoard(board, board.id);
    expect(trelloCardState(card({ closed: true }), b, settings, null).gone).toBe(true);
    expect(trelloCardState(card({ idList: board.lists[1].id }), b, settings, null).gone).toBe(true);
    const bad = card({
      customFieldItems: [{ idCustomField: board.customFields[0].id, value: { number: '-2' } }],
    });
    expect(() => trelloCardState(bad, b, settings, null)).toThrow(PermanentEventError);
    expect(() => trelloCardState(card({ name: '(20000) Huge' }), b, settings, null)).toThrow(
      /AbCd1234-12: points/,
    );
  });

  it('checks settings field by field', () => {
    const { problems } = checkTrelloSettings({
      boards: ['nope'],
      boardTeams: { AbCd1234: '' },
      listCategories: { Doing: 'SOON' },
      initiativeFrom: 'milestone',
      colour: 1,
    });
    expect(problems.map((p) => p.path).sort()).toEqual([
      'settings.boardTeams.AbCd1234',
      'settings.boards[0]',
      'settings.colour',
      'settings.initiativeFrom',
      'settings.listCategories.Doing',
    ]);
    expect(
      checkTrelloSettings({ boards: ['AbCd1234', 'EfGh5678'], keyPrefix: 'TRL' }).problems[0].path,
    ).toBe('settings.keyPrefix');
  });
});

describe('X-Trello-Webhook', () => {
  const secret = 'app-secret';
  const url = 'https://throughline.example.com/webhooks/trello/x';
  const raw = Buffer.from(
    '{"action":{"id":"5f0000000000000000000099","data":{"card":{"name":"Café – ok"}}}}',
  );
  const sign = (bytes: Buffer) => createHmac('sha1', secret).update(bytes).digest('base64');

  it('takes the digest over body + callback URL, as Trello signs it (binary string) or as UTF-8', () => {
    const binary = sign(Buffer.from(raw.toString('utf8') + url, 'latin1'));
    const utf8 = sign(Buffer.concat([raw, Buffer.from(url)]));
    expect(binary).not.toBe(utf8);
    for (const header of [binary, utf8]) {
      expect(
        verifyTrelloSignature({ headers: { 'x-trello-webhook': header }, raw, url }, secret),
      ).toBe(true);
    }
    expect(
      verifyTrelloSignature(
        { headers: { 'x-trello-webhook': binary }, raw, url: `${url}/other` },
        secret,
      ),
    ).toBe(false);
    expect(verifyTrelloSignature({ headers: {}, raw, url }, secret)).toBe(false);
    expect(trelloDeliveryId({ headers: {}, raw, url })).toBe('action:5f0000000000000000000099');
  });
});
