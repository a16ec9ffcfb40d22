import { ticketContentHash } from './ticket-content-hash.js';
import type { TicketRow } from './ticket-stage.js';

const row: TicketRow = {
  external_key: 'PAY-1',
  source_id: null,
  target_id: null,
  ticket_id: '00000000-0000-4000-8000-000000000001',
  content_hash: '',
  external_id: '10001',
  title: 'Checkout',
  type: 'Story',
  labels: ['customer'],
  work_type: 'NEW_VALUE',
  status_category: 'TODO',
  raw_status: 'To Do',
  points: 3,
  current_sprint_id: '00000000-0000-4000-8000-00000000000b',
  sprint_ids: ['00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b'],
  epic_initiative_id: '00000000-0000-4000-8000-00000000000e',
  parent_key: null,
  subtask: false,
};

describe('ticketContentHash', () => {
  it('is the same for the same content, whichever ticket or source writes it', () => {
    expect(ticketContentHash({ ...row, ticket_id: 'another', source_id: 'a source' })).toBe(
      ticketContentHash(row),
    );
    expect(ticketContentHash(row)).toMatch(/^v1:/);
  });

  it.each<[string, Partial<TicketRow>]>([
    ['external id', { external_id: null }],
    ['title', { title: 'Checkout ' }],
    ['type', { type: 'Bug' }],
    ['labels', { labels: ['customer', 'x'] }],
    ['work type', { work_type: 'TECH_DEBT' }],
    ['status category', { status_category: 'DONE' }],
    ['raw status', { raw_status: 'Done' }],
    ['points', { points: null }],
    ['parent key', { parent_key: 'PAY-0' }],
    ['sub-task', { subtask: true }],
    ['sprint history order', { sprint_ids: [...row.sprint_ids].reverse() }],
    ['epic link', { epic_initiative_id: null }],
  ])('changes with the %s', (_, change) => {
    expect(ticketContentHash({ ...row, ...change })).not.toBe(ticketContentHash(row));
  });

  it('does not confuse a field boundary with a character of a field', () => {
    expect(ticketContentHash({ ...row, labels: ['a,b'] })).not.toBe(
      ticketContentHash({ ...row, labels: ['a', 'b'] }),
    );
  });
});
