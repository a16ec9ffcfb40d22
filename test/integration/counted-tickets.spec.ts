import { COUNTED_TICKET, ticketEffortSql, ticketPointsSql } from '@app/alignment';
import type { Database } from '@app/database';
import { isCountedTicket, ticketEffort, type Measure, type StatusCategory } from '@app/domain';
import { openTestDatabase } from '../support/test-database.js';

/**
 * The ticket rules are written once in libs/domain and once in SQL (counted-tickets.sql.ts): this
 * holds the two to the same answers on the same rows, every combination of the columns they read,
 * evaluated by PostgreSQL over rows typed as the tickets table types them.
 */
describe('the SQL twins of the ticket rules answer as libs/domain does', () => {
  let db: Database;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, close } = await openTestDatabase());
  });
  afterAll(() => close());

  const statuses: StatusCategory[] = ['TODO', 'IN_PROGRESS', 'DONE', 'CANCELLED'];
  const rows = statuses.flatMap((statusCategory) =>
    [null, 0, 0.5, 8].flatMap((points) =>
      [false, true].flatMap((subtask) =>
        [null, new Date('2026-01-02T03:04:05Z')].map((archivedAt) => ({
          statusCategory,
          points,
          subtask,
          archivedAt,
        })),
      ),
    ),
  );

  /** The rows as a VALUES table aliased `t`, with the tickets table's column types. */
  async function evaluate(columns: string, params: unknown[]): Promise<Record<string, unknown>[]> {
    const first = params.length;
    const values = rows.map((r, i) => {
      params.push(i, r.statusCategory, r.points, r.subtask, r.archivedAt);
      const p = (k: number) => `$${first + i * 5 + k}`;
      return `(${p(1)}::int, ${p(2)}::varchar, ${p(3)}::numeric, ${p(4)}::boolean, ${p(5)}::timestamptz)`;
    });
    return db.dataSource.query(
      `SELECT t.i, ${columns} FROM (VALUES ${values.join(', ')})
          AS t(i, status_category, points, subtask, archived_at) ORDER BY t.i`,
      params,
    );
  }

  it('COUNTED_TICKET is isCountedTicket', async () => {
    const answers = await evaluate(`${COUNTED_TICKET} AS counted`, []);
    expect(answers.map((a) => a.counted)).toEqual(rows.map((r) => isCountedTicket(r)));
    expect(answers.filter((a) => a.counted)).toHaveLength(3 * 4);
  });

  it.each<[Measure, number]>([
    ['POINTS', 1],
    ['POINTS', 2.5],
    ['COUNT', 1],
    ['COUNT', 3],
  ])('ticketEffortSql is ticketEffort under %s with unestimated points %d', async (measure, u) => {
    const answers = await evaluate(`(${ticketEffortSql('$1', '$2')})::float8 AS effort`, [
      measure === 'COUNT',
      u,
    ]);
    expect(answers.map((a) => a.effort)).toEqual(
      rows.map((r) => ticketEffort(r.points, measure, u)),
    );
  });

  it('ticketPointsSql is ticketEffort under POINTS', async () => {
    const answers = await evaluate(`(${ticketPointsSql('$1')})::float8 AS points`, [2]);
    expect(answers.map((a) => a.points)).toEqual(
      rows.map((r) => ticketEffort(r.points, 'POINTS', 2)),
    );
  });
});
