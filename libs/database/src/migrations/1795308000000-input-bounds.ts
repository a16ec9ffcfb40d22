import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The database's backstop for the bounds of docs/design.md 4.5 (libs/domain bounds.ts): points and
 * estimates at most 10,000, weights at most 1,000 (the lower ends were already checked), key-result
 * and KPI values within +-1e15, team capacity at most 100,000 points per sprint. Whatever writes
 * (the API, imports, the CLI, raw SQL) cannot store a number the engine cannot sum.
 *
 * `NOT VALID`: every new row and every updated row is checked, rows already stored are not (see
 * docs/decisions.md "Input bounds"): no table scan or long lock at start-up, no silent change of
 * stored data, and a database holding an out-of-bound row still starts. Once such rows are fixed,
 * `ALTER TABLE <table> VALIDATE CONSTRAINT <name>` makes PostgreSQL vouch for the old rows too.
 */
const CHECKS: [table: string, name: string, expression: string][] = [
  ['tickets', 'CHK_682a0b347091fde03aeaaea258', '"points" <= 10000'],
  ['initiatives', 'CHK_ac5b2e764ec7c641e57fe99273', '"estimate" <= 10000'],
  ['objective_links', 'CHK_430911c11825eadf508592bcae', '"weight" <= 1000'],
  ['initiative_links', 'CHK_6817b27d178bf1e27a982aa110', '"weight" <= 1000'],
  ['ticket_links', 'CHK_89a24ca28b09608ef4861d584a', '"weight" <= 1000'],
  ['key_results', 'CHK_0d8ac28bb51b2211e2c8e039df', '"weight" <= 1000'],
  [
    'key_results',
    'CHK_f53e19d659dd908addec180f73',
    '"start" BETWEEN -1000000000000000 AND 1000000000000000 AND "target" BETWEEN -1000000000000000 AND 1000000000000000 AND "current" BETWEEN -1000000000000000 AND 1000000000000000',
  ],
  [
    'check_ins',
    'CHK_5a4ec20e7a48b6b9cf03b9524b',
    '"value" BETWEEN -1000000000000000 AND 1000000000000000',
  ],
  [
    'kpis',
    'CHK_0a94da3a43dea893d779aa3be4',
    '"current" BETWEEN -1000000000000000 AND 1000000000000000 AND "healthy_min" BETWEEN -1000000000000000 AND 1000000000000000 AND "healthy_max" BETWEEN -1000000000000000 AND 1000000000000000',
  ],
  [
    'kpi_check_ins',
    'CHK_c0805db1d3dcfd2f89ddcae2d6',
    '"value" BETWEEN -1000000000000000 AND 1000000000000000',
  ],
  ['teams', 'CHK_175c5e1018f9404cbc9b1f3277', '"capacity" <= 100000'],
];

export class InputBounds1795308000000 implements MigrationInterface {
  name = 'InputBounds1795308000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, name, expression] of CHECKS) {
      await q.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "${name}" CHECK (${expression}) NOT VALID`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, name] of [...CHECKS].reverse()) {
      await q.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${name}"`);
    }
  }
}
