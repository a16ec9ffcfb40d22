import { loadParser, StatementChecker } from './tenant-statements.js';

/** The tables `sql` leaves without an explicit organization (empty: fine). */
const unpinned = (sql: string) => StatementChecker.check(sql).map((f) => f.table);

/**
 * The checker the tenant-statements test relies on: what it accepts as naming the organization
 * and what it refuses, on statements shaped like the app's.
 */
describe('the tenant statement checker', () => {
  beforeAll(() => loadParser());

  it.each([
    'SELECT id FROM tickets WHERE organization_id = $1 AND id = $2',
    'SELECT t.id FROM tickets t WHERE t.organization_id = $1::uuid',
    'SELECT "t"."id" FROM "tickets" "t" WHERE "t"."organization_id" IN ($1)',
    // a join on organization_id with a pinned table pins the other
    `SELECT l.weight FROM ticket_links l
       JOIN initiatives i ON i.organization_id = l.organization_id AND i.id = l.initiative_id
      WHERE l.organization_id = $1`,
    // every arm of an OR pins the table (TypeORM's `where` array)
    'SELECT 1 FROM cycles c WHERE (c.organization_id = $1 AND c.state = $2) OR (c.organization_id = $1 AND c.id = $3)',
    'SELECT 1 FROM tickets t JOIN ticket_links l USING (organization_id, id) WHERE t.organization_id = $1',
    // a correlated subquery pinned through the outer row
    `SELECT o.id FROM objectives o WHERE o.organization_id = $1
        AND EXISTS (SELECT 1 FROM key_results k WHERE k.organization_id = o.organization_id AND k.objective_id = o.id)`,
    // CTEs, set operations, INSERT ... SELECT, UPDATE ... FROM, DELETE ... USING
    `WITH c AS (SELECT id FROM cycles WHERE organization_id = $1)
     SELECT id FROM c UNION ALL SELECT id FROM teams WHERE organization_id = $1`,
    `INSERT INTO ticket_links (organization_id, ticket_id, initiative_id)
     SELECT $1, t.id, $2 FROM tickets t WHERE t.organization_id = $1 ON CONFLICT DO NOTHING`,
    'INSERT INTO check_ins (organization_id, key_result_id, value) VALUES ($1, $2, $3) RETURNING id',
    `UPDATE tickets t SET title = s.title FROM tickets s
      WHERE t.organization_id = $1 AND s.organization_id = t.organization_id AND s.id = t.id`,
    'DELETE FROM ticket_sprints d USING tickets t WHERE d.organization_id = $1 AND t.organization_id = $1',
    // global tables, other schemas, temporary tables, settings and transaction control
    'SELECT id FROM users WHERE email = $1',
    'SELECT * FROM pgboss.job WHERE name = $1',
    'CREATE TEMP TABLE IF NOT EXISTS ticket_stage (key text)',
    "SELECT set_config('app.organization_id', $1, true)",
    'START TRANSACTION',
    'COPY ticket_stage FROM STDIN',
    'COPY tickets (organization_id, id) FROM STDIN',
  ])('accepts %s', (sql) => {
    expect(unpinned(sql)).toEqual([]);
  });

  it.each([
    // only row-level security names the organization
    ['SELECT id FROM tickets WHERE id = $1', ['tickets']],
    ['SELECT t.id FROM tickets t', ['tickets']],
    // the other table of a join on ids only
    [
      'SELECT 1 FROM ticket_links l JOIN initiatives i ON i.id = l.initiative_id WHERE l.organization_id = $1',
      ['initiatives'],
    ],
    // an equality under OR, several organizations, or a function the router cannot see
    ['SELECT 1 FROM tickets WHERE organization_id = $1 OR id = $2', ['tickets']],
    ['SELECT 1 FROM tickets WHERE organization_id = ANY($1)', ['tickets']],
    [
      'SELECT 1 FROM cycles c WHERE (c.organization_id = $1 AND c.state = $2) OR c.id = $3',
      ['cycles'],
    ],
    ['SELECT 1 FROM tickets WHERE organization_id = app_current_org()', ['tickets']],
    // a subquery, a CTE, a set operation's arm, a derived table
    [
      'SELECT 1 FROM objectives o WHERE o.organization_id = $1 AND EXISTS (SELECT 1 FROM key_results k WHERE k.objective_id = o.id)',
      ['key_results'],
    ],
    ['WITH c AS (SELECT id FROM cycles) SELECT id FROM c', ['cycles']],
    ['SELECT id FROM cycles WHERE organization_id = $1 UNION SELECT id FROM teams', ['teams']],
    ['SELECT s.n FROM (SELECT count(*) n FROM tickets) s', ['tickets']],
    // an inner level's condition does not pin the outer row
    [
      'SELECT 1 FROM objectives o WHERE EXISTS (SELECT 1 FROM key_results k WHERE k.organization_id = $1 AND k.organization_id = o.organization_id)',
      ['objectives'],
    ],
    // writes
    ['INSERT INTO check_ins (key_result_id, value) VALUES ($1, $2)', ['check_ins']],
    ['UPDATE tickets SET title = $2 WHERE id = $1', ['tickets']],
    ['DELETE FROM ticket_links WHERE ticket_id = ANY($1)', ['ticket_links']],
    ['TRUNCATE tickets', ['tickets']],
    ['COPY tickets TO STDOUT', ['tickets']],
  ])('refuses %s', (sql, tables) => {
    expect(unpinned(sql)).toEqual(tables);
  });
});
