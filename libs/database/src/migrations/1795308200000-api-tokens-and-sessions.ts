import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions that can be ended everywhere (users.session_epoch, carried in every session token) and
 * API tokens for integrations: named, scoped, stored as the SHA-256 of their secret, revocable.
 * API tokens are a tenant table like any other (row-level security on organization_id).
 */
export class ApiTokensAndSessions1795308200000 implements MigrationInterface {
  name = 'ApiTokensAndSessions1795308200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" ADD "session_epoch" integer NOT NULL DEFAULT '0'`);
    await q.query(
      `CREATE TABLE "api_tokens" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "scope" text NOT NULL, "secret_hash" text NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, "expires_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_51c0d1c55e5368b4dc8ea1575e" CHECK ("scope" IN ('READ', 'WRITE')), CONSTRAINT "PK_c2cbd1b1af40ea3595796dce2df" PRIMARY KEY ("organization_id", "id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_6fe6991a482cfcc9847df3a2ae" ON "api_tokens"  ("organization_id", "created_by") `,
    );
    await q.query(
      `ALTER TABLE "api_tokens" ADD CONSTRAINT "FK_d895512b38605026594ab6266b9" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "api_tokens" ADD CONSTRAINT "FK_82b1830617163ff0ea221d0b98b" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(`ALTER TABLE api_tokens ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE api_tokens FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY tenant_isolation ON api_tokens
      USING (organization_id = app_current_org()) WITH CHECK (organization_id = app_current_org())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "api_tokens"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "session_epoch"`);
  }
}
