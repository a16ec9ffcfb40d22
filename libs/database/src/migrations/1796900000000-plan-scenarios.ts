import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scenarios of a DRAFT cycle's plan (docs/design.md 3): the scenario and its copy of the plan's
 * adjustable values (initiatives in or out with estimate and priority, team capacities, link
 * weights), each copied row with the live row's version at the fork. Tenant tables under
 * row-level security like their siblings; the scenario's version kept by the shared trigger;
 * every write audited (the value rows under their scenario's id).
 */
export class PlanScenarios1796900000000 implements MigrationInterface {
  name = 'PlanScenarios1796900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "plan_scenarios" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "cycle_id" uuid NOT NULL, "name" text NOT NULL, "created_by" uuid, "edited_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "promoted_at" TIMESTAMP WITH TIME ZONE, "deleted_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT \'1\', CONSTRAINT "CHK_e7c8329abde48a63eba1a0a2f8" CHECK (char_length("name") BETWEEN 1 AND 120), CONSTRAINT "PK_6bfd4acc351d6d3f797a1fb1167" PRIMARY KEY ("organization_id", "id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_a1fe0c8d87afd6bcc89f7ed2d8" ON "plan_scenarios"  ("organization_id", "cycle_id", "name") WHERE "deleted_at" IS NULL',
    );
    await queryRunner.query(
      'CREATE TABLE "plan_scenario_initiatives" ("organization_id" uuid NOT NULL, "scenario_id" uuid NOT NULL, "base_version" integer NOT NULL, "initiative_id" uuid NOT NULL, "included" boolean NOT NULL, "estimate" numeric, "priority" text NOT NULL, CONSTRAINT "CHK_285669700ff7a74fb70ccd1d07" CHECK ("estimate" <= 10000), CONSTRAINT "CHK_100fcac16839c3e5b0f1598cf0" CHECK ("estimate" IS NULL OR "estimate" >= 0), CONSTRAINT "CHK_330f28eee03f712c73a81fd1f8" CHECK ("priority" IN (\'MUST\', \'SHOULD\', \'COULD\', \'WONT\')), CONSTRAINT "PK_c772ada2df6231f8229b82e1b2f" PRIMARY KEY ("organization_id", "scenario_id", "initiative_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_fc923f1274bc3b3c2b4957ae37" ON "plan_scenario_initiatives"  ("organization_id", "initiative_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "plan_scenario_teams" ("organization_id" uuid NOT NULL, "scenario_id" uuid NOT NULL, "base_version" integer NOT NULL, "team_id" uuid NOT NULL, "capacity_per_sprint" numeric NOT NULL, CONSTRAINT "CHK_697e5c81ea7d7602949b558da9" CHECK ("capacity_per_sprint" <= 100000), CONSTRAINT "CHK_876c616c80acb5973e68c7d5d1" CHECK ("capacity_per_sprint" >= 0), CONSTRAINT "PK_d763e782a254e085bd661eecd57" PRIMARY KEY ("organization_id", "scenario_id", "team_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_2f0bf434af10fa8a7fe88f7204" ON "plan_scenario_teams"  ("organization_id", "team_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "plan_scenario_links" ("organization_id" uuid NOT NULL, "scenario_id" uuid NOT NULL, "base_version" integer NOT NULL, "link_id" uuid NOT NULL, "initiative_id" uuid NOT NULL, "key_result_id" uuid, "objective_id" uuid, "weight" numeric NOT NULL, CONSTRAINT "CHK_a0a539ee47f2c8ef96131eacbc" CHECK ("weight" <= 1000), CONSTRAINT "CHK_e0ef78f4ca03a53ac1ecdfa1b3" CHECK ("weight" > 0), CONSTRAINT "CHK_b59d14c6854847bb7d1b2afda7" CHECK (num_nonnulls("key_result_id", "objective_id") = 1), CONSTRAINT "PK_9258ddd9fab64be7a655d53087c" PRIMARY KEY ("organization_id", "scenario_id", "link_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_a27d7175c6b47984df4074195b" ON "plan_scenario_links"  ("organization_id", "initiative_id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "plan_scenarios" ADD CONSTRAINT "FK_fd4f9e58042b7edaa91f8582201" FOREIGN KEY ("organization_id", "cycle_id") REFERENCES "cycles"("organization_id","id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "plan_scenarios" ADD CONSTRAINT "FK_82e56ee30d2d146171f7871b133" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "plan_scenario_initiatives" ADD CONSTRAINT "FK_fc923f1274bc3b3c2b4957ae37f" FOREIGN KEY ("organization_id", "initiative_id") REFERENCES "initiatives"("organization_id","id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "plan_scenario_initiatives" ADD CONSTRAINT "FK_21f1d03a98d3b30261219d90c21" FOREIGN KEY ("organization_id", "scenario_id") REFERENCES "plan_scenarios"("organization_id","id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "plan_scenario_initiatives" ADD CONSTRAINT "FK_dad91393c8940df645dfdcfdf17" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "plan_scenario_teams" ADD CONSTRAINT "FK_2f0bf434af10fa8a7fe88f72047" FOREIGN KEY ("organization_id", "team_id") REFERENCES "teams"("organization_id","id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "plan_scenario_teams" ADD CONSTRAINT "FK_00e77f7d54aebe8d553e7d4ce6b" FOREIGN KEY ("organization_id", "scenario_id") REFERENCES "plan_scenarios"("organization_id","id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "plan_scenario_teams" ADD CONSTRAINT "FK_e5be72f8890d03e816bb37ded41" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "plan_scenario_links" ADD CONSTRAINT "FK_a27d7175c6b47984df4074195b9" FOREIGN KEY ("organization_id", "initiative_id") REFERENCES "initiatives"("organization_id","id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "plan_scenario_links" ADD CONSTRAINT "FK_de6dd4ae74ec01dcb15784549f0" FOREIGN KEY ("organization_id", "scenario_id") REFERENCES "plan_scenarios"("organization_id","id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "plan_scenario_links" ADD CONSTRAINT "FK_01b101b0ff6c7696a38da79cd6a" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );

    for (const table of TABLES) {
      await queryRunner.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await queryRunner.query(`CREATE POLICY tenant_isolation ON ${table}
        USING (organization_id = app_current_org()) WITH CHECK (organization_id = app_current_org())`);
    }
    await queryRunner.query(`CREATE TRIGGER bump_row_version BEFORE UPDATE ON plan_scenarios
      FOR EACH ROW EXECUTE FUNCTION bump_row_version()`);
    for (const [table, audit] of AUDITED) {
      await queryRunner.query(`CREATE TRIGGER audit_inserted AFTER INSERT ON ${table}
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_statement(${audit})`);
      await queryRunner.query(`CREATE TRIGGER audit_updated AFTER UPDATE ON ${table}
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_statement(${audit})`);
      await queryRunner.query(`CREATE TRIGGER audit_deleted AFTER DELETE ON ${table}
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_statement(${audit})`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table] of AUDITED) {
      for (const trigger of ['audit_inserted', 'audit_updated', 'audit_deleted'])
        await queryRunner.query(`DROP TRIGGER ${trigger} ON ${table}`);
    }
    await queryRunner.query(`DROP TRIGGER bump_row_version ON plan_scenarios`);
    await queryRunner.query(
      'ALTER TABLE "plan_scenario_links" DROP CONSTRAINT "FK_01b101b0ff6c7696a38da79cd6a"',
    );
    await queryRunner.query(
      'ALTER TABLE "plan_scenario_links" DROP CONSTRAINT "FK_de6dd4ae74ec01dcb15784549f0"',
    );
    await queryRunner.query(
      'ALTER TABLE "plan_scenario_links" DROP CONSTRAINT "FK_a27d7175c6b47984df4074195b9"',
    );
    await queryRunner.query(
      'ALTER TABLE "plan_scenario_teams" DROP CONSTRAINT "FK_e5be72f8890d03e816bb37ded41"',
    );
    await queryRunner.query(
      'ALTER TABLE "plan_scenario_teams" DROP CONSTRAINT "FK_00e77f7d54aebe8d553e7d4ce6b"',
    );
    await queryRunner.query(
      'ALTER TABLE "plan_scenario_teams" DROP CONSTRAINT "FK_2f0bf434af10fa8a7fe88f72047"',
    );
    await queryRunner.query(
      'ALTER TABLE "plan_scenario_initiatives" DROP CONSTRAINT "FK_dad91393c8940df645dfdcfdf17"',
    );
    await queryRunner.query(
      'ALTER TABLE "plan_scenario_initiatives" DROP CONSTRAINT "FK_21f1d03a98d3b30261219d90c21"',
    );
    await queryRunner.query(
      'ALTER TABLE "plan_scenario_initiatives" DROP CONSTRAINT "FK_fc923f1274bc3b3c2b4957ae37f"',
    );
    await queryRunner.query(
      'ALTER TABLE "plan_scenarios" DROP CONSTRAINT "FK_82e56ee30d2d146171f7871b133"',
    );
    await queryRunner.query(
      'ALTER TABLE "plan_scenarios" DROP CONSTRAINT "FK_fd4f9e58042b7edaa91f8582201"',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_a27d7175c6b47984df4074195b"');
    await queryRunner.query('DROP TABLE "plan_scenario_links"');
    await queryRunner.query('DROP INDEX "public"."IDX_2f0bf434af10fa8a7fe88f7204"');
    await queryRunner.query('DROP TABLE "plan_scenario_teams"');
    await queryRunner.query('DROP INDEX "public"."IDX_fc923f1274bc3b3c2b4957ae37"');
    await queryRunner.query('DROP TABLE "plan_scenario_initiatives"');
    await queryRunner.query('DROP INDEX "public"."IDX_a1fe0c8d87afd6bcc89f7ed2d8"');
    await queryRunner.query('DROP TABLE "plan_scenarios"');
  }
}

const TABLES = [
  'plan_scenarios',
  'plan_scenario_initiatives',
  'plan_scenario_teams',
  'plan_scenario_links',
];

/** audit_statement's arguments per table: the entity type, its id column, its name column. */
const AUDITED: [string, string][] = [
  ['plan_scenarios', `'PLAN_SCENARIO', 'id', 'name'`],
  ['plan_scenario_initiatives', `'PLAN_SCENARIO', 'scenario_id', ''`],
  ['plan_scenario_teams', `'PLAN_SCENARIO', 'scenario_id', ''`],
  ['plan_scenario_links', `'PLAN_SCENARIO', 'scenario_id', ''`],
];
