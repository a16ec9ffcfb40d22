import PgBoss from 'pg-boss';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { JOB_QUEUES, JOB_SCHEMA } from '../job-queues.js';

/**
 * Live ticket sources (docs/design.md 4.4): the sources, their inbox of webhook events and their
 * reconciliation runs; on tickets and sprints, the tracker times that decide the order of events.
 * Row-level security as on every tenant table, plus one narrow exception: the webhook route finds
 * its source by the id in the path before the tenant is known (app.webhook_source_id). pg-boss's
 * own tables are created here too (its construction SQL for the pinned version), so the schema
 * changes only through migrations; upgrading pg-boss means a migration with its migration plans.
 */

export class LiveTicketSources1796499636924 implements MigrationInterface {
  name = 'LiveTicketSources1796499636924';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "ticket_sources" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "archived_at" TIMESTAMP WITH TIME ZONE, "kind" text NOT NULL, "name" text NOT NULL, "base_url" text, "settings" jsonb NOT NULL DEFAULT \'{}\'::jsonb, "webhook_secret" text NOT NULL, "credentials" text, "enabled" boolean NOT NULL DEFAULT true, "synced_through" TIMESTAMP WITH TIME ZONE, "last_sync_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT \'1\', CONSTRAINT "CHK_03d493e5b0c7bf9074d391c0b9" CHECK ("kind" IN (\'JIRA_CLOUD\', \'LINEAR\', \'GITHUB\', \'ASANA\', \'TRELLO\')), CONSTRAINT "PK_b0ca397339c2639a0976ace6ca8" PRIMARY KEY ("organization_id", "id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_1f87dd26294be9672af16c2afb" ON "ticket_sources"  ("organization_id", "name") WHERE "archived_at" IS NULL',
    );
    await queryRunner.query(
      'CREATE TABLE "source_events" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "source_id" uuid NOT NULL, "delivery_id" text NOT NULL, "event_type" text NOT NULL, "subject" text, "body" jsonb NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "state" text NOT NULL DEFAULT \'PENDING\', "attempts" integer NOT NULL DEFAULT \'0\', "last_error" text, "problems" jsonb NOT NULL DEFAULT \'[]\'::jsonb, "applied_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_b1420f6a382d1f187a1450b0d3" CHECK ("state" IN (\'PENDING\', \'APPLIED\', \'IGNORED\', \'DEAD\')), CONSTRAINT "PK_15191b12e77b4f49e2c111c0ae5" PRIMARY KEY ("organization_id", "id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_4b1ec41e293c0532279a4ec2ca" ON "source_events"  ("organization_id", "source_id", "state", "received_at") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_8fb4eb2cec8b73bd6d4bf4370c" ON "source_events"  ("organization_id", "source_id", "delivery_id") ',
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_54d91a7b8bcdca4d5508cfd820" ON "source_events"  ("organization_id", "source_id", "received_at") WHERE "state" = 'DEAD' OR "problems" <> '[]'::jsonb`,
    );
    await queryRunner.query(
      'CREATE TABLE "sync_runs" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "source_id" uuid NOT NULL, "trigger" text NOT NULL, "state" text NOT NULL DEFAULT \'RUNNING\', "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "finished_at" TIMESTAMP WITH TIME ZONE, "since" TIMESTAMP WITH TIME ZONE, "created" integer NOT NULL DEFAULT \'0\', "updated" integer NOT NULL DEFAULT \'0\', "unchanged" integer NOT NULL DEFAULT \'0\', "problems" jsonb NOT NULL DEFAULT \'[]\'::jsonb, CONSTRAINT "CHK_e5abef678a999162a5b8506209" CHECK ("trigger" IN (\'MANUAL\', \'SCHEDULE\')), CONSTRAINT "CHK_c9a6d5b70813bbfe90b9b567e0" CHECK ("state" IN (\'RUNNING\', \'SUCCEEDED\', \'FAILED\')), CONSTRAINT "PK_9729672031e2719729807b10a69" PRIMARY KEY ("organization_id", "id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_9bcbaa6f15e6f6e61a2a73152f" ON "sync_runs"  ("organization_id", "source_id", "started_at") ',
    );
    await queryRunner.query('ALTER TABLE "sprints" ADD "source_event_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "tickets" ADD "source_id" uuid');
    await queryRunner.query(
      'ALTER TABLE "tickets" ADD "source_updated_at" TIMESTAMP WITH TIME ZONE',
    );
    await queryRunner.query('ALTER TABLE "tickets" ADD "source_event_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query(
      'CREATE INDEX "IDX_4d32788d1617a0c00e8eb905d0" ON "tickets"  ("organization_id", "source_id") WHERE "source_id" IS NOT NULL',
    );
    await queryRunner.query(
      'ALTER TABLE "ticket_sources" ADD CONSTRAINT "FK_6032474087ceb6cb6af1e67ee8c" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "source_events" ADD CONSTRAINT "FK_33a2c5b75d62d7050eff312ac41" FOREIGN KEY ("organization_id", "source_id") REFERENCES "ticket_sources"("organization_id","id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "source_events" ADD CONSTRAINT "FK_be7242753fba5a138b1e369283e" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "sync_runs" ADD CONSTRAINT "FK_8a498d69509a217ca17722cafab" FOREIGN KEY ("organization_id", "source_id") REFERENCES "ticket_sources"("organization_id","id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "sync_runs" ADD CONSTRAINT "FK_62877f26fb52f671a15433f4cd5" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "tickets" ADD CONSTRAINT "FK_2006b5ba8a723491661d57b2ada" FOREIGN KEY ("organization_id", "source_id") REFERENCES "ticket_sources"("organization_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );

    // A sub-task's parent key, kept while the parent is not imported yet (existing links backfilled).
    await queryRunner.query(`ALTER TABLE "tickets" ADD "parent_key" text`);
    await queryRunner.query(
      `CREATE INDEX "IDX_c0f17b0ec1b313ee3b27fc0be2" ON "tickets"  ("organization_id", "parent_key") WHERE "parent_key" IS NOT NULL`,
    );
    // a backfill, not an edit: no audit entries, no new row versions
    await queryRunner.query(`ALTER TABLE tickets DISABLE TRIGGER USER`);
    await queryRunner.query(`UPDATE tickets c SET parent_key = p.external_key
      FROM tickets p WHERE p.organization_id = c.organization_id AND p.id = c.parent_ticket_id`);
    await queryRunner.query(`ALTER TABLE tickets ENABLE TRIGGER USER`);

    for (const table of ['ticket_sources', 'source_events', 'sync_runs']) {
      await queryRunner.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await queryRunner.query(`CREATE POLICY tenant_isolation ON ${table}
        USING (organization_id = app_current_org()) WITH CHECK (organization_id = app_current_org())`);
    }
    // The webhook route's one read before it knows the tenant: the source named in the path.
    await queryRunner.query(`CREATE POLICY webhook_source ON ticket_sources FOR SELECT
      USING (id = NULLIF(current_setting('app.webhook_source_id', true), '')::uuid)`);
    // An edit of the source bumps its version; the bookkeeping of reconciliation does not.
    await queryRunner.query(`CREATE TRIGGER bump_row_version BEFORE UPDATE ON ticket_sources FOR EACH ROW
      WHEN ((to_jsonb(OLD) - 'synced_through' - 'last_sync_at') IS DISTINCT FROM (to_jsonb(NEW) - 'synced_through' - 'last_sync_at'))
      EXECUTE FUNCTION bump_row_version()`);
    const audit = `'TICKET_SOURCE', 'id', 'name', 'last_sync_at'`;
    await queryRunner.query(`CREATE TRIGGER audit_inserted AFTER INSERT ON ticket_sources
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_statement(${audit})`);
    await queryRunner.query(`CREATE TRIGGER audit_updated AFTER UPDATE ON ticket_sources
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_statement(${audit})`);
    await queryRunner.query(`CREATE TRIGGER audit_deleted AFTER DELETE ON ticket_sources
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_statement(${audit})`);

    // pg-boss wraps its construction in BEGIN/COMMIT; here it runs inside the migration's own.
    const construction = PgBoss.getConstructionPlans(JOB_SCHEMA)
      .replace(/^\s*BEGIN;/, '')
      .replace(/COMMIT;\s*$/, '');
    await queryRunner.query(construction);
    const retryOnCrash = { policy: 'standard', retryLimit: 5, retryDelay: 1, retryBackoff: true };
    // The app role enqueues a job in the same transaction that stores the event (nothing else of
    // pg-boss): an event is never stored without its job, nor a job sent for an event rolled back.
    await queryRunner.query(`GRANT USAGE ON SCHEMA ${JOB_SCHEMA} TO throughline_app`);
    await queryRunner.query(`GRANT SELECT ON ${JOB_SCHEMA}.queue TO throughline_app`);
    await queryRunner.query(`GRANT SELECT, INSERT ON ${JOB_SCHEMA}.job TO throughline_app`);
    for (const [queue, options] of [
      [JOB_QUEUES.events, { ...retryOnCrash, expireInSeconds: 120, retentionMinutes: 60 }],
      // stately: at most one waiting and one running reconciliation per source (singletonKey)
      [
        JOB_QUEUES.sync,
        { ...retryOnCrash, policy: 'stately', expireInSeconds: 900, retentionMinutes: 1440 },
      ],
    ] as const) {
      await queryRunner.query(`SELECT ${JOB_SCHEMA}.create_queue($1, $2)`, [
        queue,
        JSON.stringify(options),
      ]);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SCHEMA ${JOB_SCHEMA} CASCADE`);
    await queryRunner.query(`DROP INDEX "public"."IDX_54d91a7b8bcdca4d5508cfd820"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c0f17b0ec1b313ee3b27fc0be2"`);
    await queryRunner.query(`ALTER TABLE "tickets" DROP COLUMN "parent_key"`);
    await queryRunner.query(
      'ALTER TABLE "tickets" DROP CONSTRAINT "FK_2006b5ba8a723491661d57b2ada"',
    );
    await queryRunner.query(
      'ALTER TABLE "sync_runs" DROP CONSTRAINT "FK_62877f26fb52f671a15433f4cd5"',
    );
    await queryRunner.query(
      'ALTER TABLE "sync_runs" DROP CONSTRAINT "FK_8a498d69509a217ca17722cafab"',
    );
    await queryRunner.query(
      'ALTER TABLE "source_events" DROP CONSTRAINT "FK_be7242753fba5a138b1e369283e"',
    );
    await queryRunner.query(
      'ALTER TABLE "source_events" DROP CONSTRAINT "FK_33a2c5b75d62d7050eff312ac41"',
    );
    await queryRunner.query(
      'ALTER TABLE "ticket_sources" DROP CONSTRAINT "FK_6032474087ceb6cb6af1e67ee8c"',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_4d32788d1617a0c00e8eb905d0"');
    await queryRunner.query('ALTER TABLE "tickets" DROP COLUMN "source_event_at"');
    await queryRunner.query('ALTER TABLE "tickets" DROP COLUMN "source_updated_at"');
    await queryRunner.query('ALTER TABLE "tickets" DROP COLUMN "source_id"');
    await queryRunner.query('ALTER TABLE "sprints" DROP COLUMN "source_event_at"');
    await queryRunner.query('DROP INDEX "public"."IDX_9bcbaa6f15e6f6e61a2a73152f"');
    await queryRunner.query('DROP TABLE "sync_runs"');
    await queryRunner.query('DROP INDEX "public"."IDX_8fb4eb2cec8b73bd6d4bf4370c"');
    await queryRunner.query('DROP INDEX "public"."IDX_4b1ec41e293c0532279a4ec2ca"');
    await queryRunner.query('DROP TABLE "source_events"');
    await queryRunner.query('DROP INDEX "public"."IDX_1f87dd26294be9672af16c2afb"');
    await queryRunner.query('DROP TABLE "ticket_sources"');
  }
}
