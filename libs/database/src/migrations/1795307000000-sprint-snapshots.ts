import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sprint snapshots (docs/design.md 3): the alignment report stored when a sprint closes. Tenant-isolated
 * like every table, and immutable for the app role: it may insert and read, never update or delete.
 */
export class SprintSnapshots1795307000000 implements MigrationInterface {
  name = 'SprintSnapshots1795307000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE "sprint_snapshots" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "sprint_id" uuid NOT NULL, "measure" text NOT NULL, "report" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_05da6e32b5e66c979d77596369" CHECK ("measure" IN (\'POINTS\', \'COUNT\')), CONSTRAINT "PK_83a3de753db8efd420d9f482b4f" PRIMARY KEY ("organization_id", "id"))',
    );
    await q.query(
      'CREATE UNIQUE INDEX "IDX_dd16ac36f5e6ea70fae8ba5c82" ON "sprint_snapshots"  ("organization_id", "sprint_id", "measure") ',
    );
    await q.query(
      'ALTER TABLE "sprint_snapshots" ADD CONSTRAINT "FK_0cc13c4f89d22c024f20db64d3e" FOREIGN KEY ("organization_id", "sprint_id") REFERENCES "sprints"("organization_id","id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await q.query(
      'ALTER TABLE "sprint_snapshots" ADD CONSTRAINT "FK_733c300aea9694ff3909218bea5" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await q.query(`ALTER TABLE sprint_snapshots ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE sprint_snapshots FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY tenant_isolation ON sprint_snapshots
      USING (organization_id = app_current_org()) WITH CHECK (organization_id = app_current_org())`);
    await q.query(`GRANT SELECT, INSERT ON sprint_snapshots TO throughline_app`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON sprint_snapshots FROM throughline_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "sprint_snapshots"`);
  }
}
