import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dependencies between initiatives (docs/design.md 3): an initiative blocked by another one of the
 * same organization (composite foreign keys), never by itself; tenant rows under row-level
 * security like every other link table.
 */
export class InitiativeDependencies1796800000000 implements MigrationInterface {
  name = 'InitiativeDependencies1796800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "initiative_dependencies" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "initiative_id" uuid NOT NULL, "blocked_by_id" uuid NOT NULL, "note" text, CONSTRAINT "CHK_a4db350c40e783171ef6bf64c6" CHECK ("initiative_id" <> "blocked_by_id"), CONSTRAINT "PK_19e16d30ff2fe91e261a47e007f" PRIMARY KEY ("organization_id", "id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_602265521f9a7d096cfc854e37" ON "initiative_dependencies"  ("organization_id", "blocked_by_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_e1e8bc3ec96740237d592ccbbd" ON "initiative_dependencies"  ("organization_id", "initiative_id", "blocked_by_id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "initiative_dependencies" ADD CONSTRAINT "FK_602265521f9a7d096cfc854e37f" FOREIGN KEY ("organization_id", "blocked_by_id") REFERENCES "initiatives"("organization_id","id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "initiative_dependencies" ADD CONSTRAINT "FK_219ea6cb563bcada8e7e37034f2" FOREIGN KEY ("organization_id", "initiative_id") REFERENCES "initiatives"("organization_id","id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "initiative_dependencies" ADD CONSTRAINT "FK_c120d87c6503bbcb30e3f0722cb" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(`ALTER TABLE initiative_dependencies ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`ALTER TABLE initiative_dependencies FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(`CREATE POLICY tenant_isolation ON initiative_dependencies
      USING (organization_id = app_current_org()) WITH CHECK (organization_id = app_current_org())`);
    // Live views: a dependency added or removed changes the projection of the open cycle its
    // initiative is planned for (and what the blocker's cycle shows), as a link does.
    await queryRunner.query(`CREATE FUNCTION bump_plan_revision_for_dependency() RETURNS trigger
      LANGUAGE plpgsql AS $$
      DECLARE dep initiative_dependencies;
      BEGIN
        IF TG_OP = 'DELETE' THEN dep := OLD; ELSE dep := NEW; END IF;
        UPDATE cycles c SET plan_revision = plan_revision + 1
          FROM initiatives i
         WHERE i.organization_id = dep.organization_id
           AND i.id IN (dep.initiative_id, dep.blocked_by_id)
           AND c.organization_id = i.organization_id AND c.id = i.cycle_id
           AND c.state IN ('DRAFT', 'ACTIVE');
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER bump_plan_revision AFTER INSERT OR DELETE ON initiative_dependencies
      FOR EACH ROW EXECUTE FUNCTION bump_plan_revision_for_dependency()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER bump_plan_revision ON initiative_dependencies`);
    await queryRunner.query(`DROP FUNCTION bump_plan_revision_for_dependency()`);
    await queryRunner.query(
      'ALTER TABLE "initiative_dependencies" DROP CONSTRAINT "FK_c120d87c6503bbcb30e3f0722cb"',
    );
    await queryRunner.query(
      'ALTER TABLE "initiative_dependencies" DROP CONSTRAINT "FK_219ea6cb563bcada8e7e37034f2"',
    );
    await queryRunner.query(
      'ALTER TABLE "initiative_dependencies" DROP CONSTRAINT "FK_602265521f9a7d096cfc854e37f"',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_e1e8bc3ec96740237d592ccbbd"');
    await queryRunner.query('DROP INDEX "public"."IDX_602265521f9a7d096cfc854e37"');
    await queryRunner.query('DROP TABLE "initiative_dependencies"');
  }
}
