import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tickets are unique per source (docs/design.md 4.4 "Several sources"): the same key delivered by
 * two trackers is two tickets. The unique key becomes (organization, source, key), NULLS NOT
 * DISTINCT so the source-less tickets of files and the API (source_id NULL) stay one per key; a
 * plain (organization, key) index serves the look-ups by key alone. The old partial
 * (organization, source) index is a prefix of the new unique one. Existing rows keep their
 * source_id: the old unique key guarantees no duplicate under the new one.
 */
export class TicketsPerSource1796700000000 implements MigrationInterface {
  name = 'TicketsPerSource1796700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_f871eb2b048412a627eb3a11ba"`);
    await q.query(`DROP INDEX "public"."IDX_4d32788d1617a0c00e8eb905d0"`);
    await q.query(
      `CREATE INDEX "IDX_f871eb2b048412a627eb3a11ba" ON "tickets"  ("organization_id", "external_key") `,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_f57e5950f7c48c72ca87d65313" ON "tickets"  ("organization_id", "source_id", "external_key") NULLS NOT DISTINCT`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // Refused (a unique violation) while a key is held by two sources: merge or archive those first.
    await q.query(`DROP INDEX "public"."IDX_f57e5950f7c48c72ca87d65313"`);
    await q.query(`DROP INDEX "public"."IDX_f871eb2b048412a627eb3a11ba"`);
    await q.query(
      `CREATE INDEX "IDX_4d32788d1617a0c00e8eb905d0" ON "tickets"  ("organization_id", "source_id") WHERE "source_id" IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_f871eb2b048412a627eb3a11ba" ON "tickets"  ("organization_id", "external_key") `,
    );
  }
}
