import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795304447986 implements MigrationInterface {
  name = 'InitialSchema1795304447986';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "organizations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "slug" text NOT NULL, "settings" jsonb NOT NULL DEFAULT \'{}\'::jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_963693341bd612aa01ddf3a4b68" UNIQUE ("slug"), CONSTRAINT "PK_6b031fcd0863e3f6b44230163f9" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "cycles" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "archived_at" TIMESTAMP WITH TIME ZONE, "key" text NOT NULL, "name" text NOT NULL, "start_date" date NOT NULL, "end_date" date NOT NULL, "state" text NOT NULL DEFAULT \'DRAFT\', CONSTRAINT "CHK_bfc0933ecc42cbdbb37cc83745" CHECK ("end_date" >= "start_date"), CONSTRAINT "CHK_69d350978de34be16f43430089" CHECK ("state" IN (\'DRAFT\', \'ACTIVE\', \'CLOSED\')), CONSTRAINT "PK_79b186de00bee5efb1e88c1a373" PRIMARY KEY ("organization_id", "id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_cycles_one_active" ON "cycles"  ("organization_id") WHERE "state" = \'ACTIVE\'',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_dfa04ef36ee951a5bb8dd3eccb" ON "cycles"  ("organization_id", "key") ',
    );
    await queryRunner.query(
      'CREATE TABLE "teams" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "archived_at" TIMESTAMP WITH TIME ZONE, "key" text NOT NULL, "name" text NOT NULL, "capacity" numeric NOT NULL DEFAULT \'0\', CONSTRAINT "CHK_3afc2cca6b145119dd58569d24" CHECK ("capacity" >= 0), CONSTRAINT "PK_b0c0ead27ef9eb7af1c37e61233" PRIMARY KEY ("organization_id", "id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_13baeb6e798da3a54b46edc15d" ON "teams"  ("organization_id", "key") ',
    );
    await queryRunner.query(
      'CREATE TABLE "objectives" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "key" text NOT NULL, "cycle_id" uuid NOT NULL, "team_id" uuid, "title" text NOT NULL, "description" text NOT NULL DEFAULT \'\', "status" text NOT NULL DEFAULT \'ACTIVE\', CONSTRAINT "CHK_af02a184e748fb290130785440" CHECK ("status" IN (\'ACTIVE\', \'CANCELLED\', \'ARCHIVED\')), CONSTRAINT "PK_c0f3f08108394edbcf2faaae6e6" PRIMARY KEY ("organization_id", "id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_a7ae81423d83ae170eb82beb6c" ON "objectives"  ("organization_id", "team_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_9fe77f5d22753b43bbdc2ef27e" ON "objectives"  ("organization_id", "cycle_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_a581a42e6c7f54ca58a45e63dd" ON "objectives"  ("organization_id", "key") ',
    );
    await queryRunner.query(
      'CREATE TABLE "key_results" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "archived_at" TIMESTAMP WITH TIME ZONE, "key" text NOT NULL, "objective_id" uuid NOT NULL, "title" text NOT NULL, "kind" text NOT NULL, "direction" text NOT NULL, "start" numeric NOT NULL, "target" numeric NOT NULL, "current" numeric NOT NULL, "unit" text NOT NULL DEFAULT \'\', "weight" numeric NOT NULL DEFAULT \'1\', "confidence" text, "score" numeric, "score_note" text NOT NULL DEFAULT \'\', CONSTRAINT "CHK_f6edc9d9c62ec8821bdc9a4b2f" CHECK ("score" IS NULL OR ("score" >= 0 AND "score" <= 1)), CONSTRAINT "CHK_6ed0ca7495d9322adf4108d205" CHECK ("weight" > 0), CONSTRAINT "CHK_9bd0f4e6ec9721632ad766623c" CHECK ("confidence" IS NULL OR "confidence" IN (\'ON_TRACK\', \'AT_RISK\', \'OFF_TRACK\')), CONSTRAINT "CHK_cefbe32cd7334b0c9e956f9cb0" CHECK ("direction" IN (\'INCREASE\', \'DECREASE\')), CONSTRAINT "CHK_60f0facad122793e19dea44f36" CHECK ("kind" IN (\'NUMERIC\', \'PERCENT\', \'CURRENCY\', \'BOOLEAN\')), CONSTRAINT "PK_8de4d51005d8a2b9c18a5532615" PRIMARY KEY ("organization_id", "id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_c26fa84300264cd89a4b3455fb" ON "key_results"  ("organization_id", "objective_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_f36bcd878fc0401e40857c2853" ON "key_results"  ("organization_id", "key") ',
    );
    await queryRunner.query(
      'CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "name" text NOT NULL, "password_hash" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_97672ac88f789774dd47f7c8be3" UNIQUE ("email"), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "check_ins" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "key_result_id" uuid NOT NULL, "value" numeric NOT NULL, "confidence" text NOT NULL, "note" text NOT NULL DEFAULT \'\', "author_id" uuid, CONSTRAINT "CHK_e0a32fec68589ac85ecd0c365a" CHECK ("confidence" IN (\'ON_TRACK\', \'AT_RISK\', \'OFF_TRACK\')), CONSTRAINT "PK_17c97424c0fdf84c227ea0dc0ba" PRIMARY KEY ("organization_id", "id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_bfc5ceba213b0bff2aa2ad13e4" ON "check_ins"  ("organization_id", "key_result_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "initiatives" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "archived_at" TIMESTAMP WITH TIME ZONE, "key" text NOT NULL, "external_key" text, "title" text NOT NULL, "team_id" uuid, "status" text NOT NULL DEFAULT \'PROPOSED\', "priority" text NOT NULL DEFAULT \'SHOULD\', "estimate" numeric, "cycle_id" uuid, CONSTRAINT "CHK_9bf602959868a3d63239667670" CHECK ("estimate" IS NULL OR "estimate" >= 0), CONSTRAINT "CHK_324ca542cc9d9fea1c233ccfc6" CHECK ("priority" IN (\'MUST\', \'SHOULD\', \'COULD\', \'WONT\')), CONSTRAINT "CHK_0a1da2e2be01b6ff5254119385" CHECK ("status" IN (\'PROPOSED\', \'PLANNED\', \'IN_PROGRESS\', \'DONE\', \'CANCELLED\')), CONSTRAINT "PK_ca990577e0545a85ea7fa1495a0" PRIMARY KEY ("organization_id", "id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_affa56588e7163f11861ac8e17" ON "initiatives"  ("organization_id", "cycle_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_2656ccf3a6b9e9800e735d9c5f" ON "initiatives"  ("organization_id", "team_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_1d2fb3a26d9a0d18d61c11a2b1" ON "initiatives"  ("organization_id", "external_key") WHERE "external_key" IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_de5e6a7fa95ea3c3399594d1db" ON "initiatives"  ("organization_id", "key") ',
    );
    await queryRunner.query(
      'CREATE TABLE "initiative_links" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "initiative_id" uuid NOT NULL, "key_result_id" uuid, "objective_id" uuid, "weight" numeric NOT NULL DEFAULT \'1\', CONSTRAINT "CHK_e21cb0f592ec480c9972c645fb" CHECK ("weight" > 0), CONSTRAINT "CHK_eb0b61dff72a9ea2f69acba679" CHECK (num_nonnulls("key_result_id", "objective_id") = 1), CONSTRAINT "PK_3d67eaa85cdcb38f95c79e9148a" PRIMARY KEY ("organization_id", "id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_6be639682ad0c5a48f6a1de223" ON "initiative_links"  ("organization_id", "objective_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_8e14eb9bdb95b8bd8e8722ca2a" ON "initiative_links"  ("organization_id", "key_result_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_e00beb02a4348edbeccd10da30" ON "initiative_links"  ("organization_id", "initiative_id", "objective_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_d4f2238832f43366ae914d7e83" ON "initiative_links"  ("organization_id", "initiative_id", "key_result_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "visions" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "statement" text NOT NULL, "horizon" text NOT NULL DEFAULT \'\', CONSTRAINT "PK_6a25112b08082514dcf0c842a4f" PRIMARY KEY ("organization_id", "id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_8cee6f94e5141f9a374b4fb206" ON "visions"  ("organization_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "strategic_goals" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "key" text NOT NULL, "vision_id" uuid NOT NULL, "title" text NOT NULL, "description" text NOT NULL DEFAULT \'\', "status" text NOT NULL DEFAULT \'ACTIVE\', "horizon" text NOT NULL DEFAULT \'CORE\', "target_share" numeric, CONSTRAINT "CHK_dc053caaba09090b34063be87e" CHECK ("target_share" IS NULL OR ("target_share" >= 0 AND "target_share" <= 1)), CONSTRAINT "CHK_bc248e8800c009eaf3ed0cc6e0" CHECK ("horizon" IN (\'CORE\', \'ADJACENT\', \'TRANSFORMATIONAL\')), CONSTRAINT "CHK_fc7c07193459d7f07b6267233d" CHECK ("status" IN (\'ACTIVE\', \'ARCHIVED\')), CONSTRAINT "PK_139c77f1e5e9b6d308e777830ac" PRIMARY KEY ("organization_id", "id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_a50fa2a2d548afa557723a90a8" ON "strategic_goals"  ("organization_id", "vision_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_5c9679822df6b0327154ab170c" ON "strategic_goals"  ("organization_id", "key") ',
    );
    await queryRunner.query(
      'CREATE TABLE "kpis" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "archived_at" TIMESTAMP WITH TIME ZONE, "key" text NOT NULL, "goal_id" uuid NOT NULL, "title" text NOT NULL, "unit" text NOT NULL DEFAULT \'\', "current" numeric, "healthy_min" numeric, "healthy_max" numeric, CONSTRAINT "CHK_56c4f83806514cfff5e8210437" CHECK ("healthy_min" IS NULL OR "healthy_max" IS NULL OR "healthy_min" <= "healthy_max"), CONSTRAINT "PK_4b12091b5b5c32f78b7fd9b1cd7" PRIMARY KEY ("organization_id", "id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_3c285f403562151235f3eab922" ON "kpis"  ("organization_id", "goal_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_33dcd675fe289536e26df3668a" ON "kpis"  ("organization_id", "key") ',
    );
    await queryRunner.query(
      'CREATE TABLE "kpi_check_ins" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "kpi_id" uuid NOT NULL, "value" numeric NOT NULL, "note" text NOT NULL DEFAULT \'\', "author_id" uuid, CONSTRAINT "PK_465ec0f0a8dbbc9d32851a9887e" PRIMARY KEY ("organization_id", "id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_676c16e7b63e19a05cd249c7db" ON "kpi_check_ins"  ("organization_id", "kpi_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "memberships" ("organization_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" text NOT NULL, "invite_token_hash" text, "invite_expires_at" TIMESTAMP WITH TIME ZONE, "joined_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_a3dc89ce16d95a04b24252bbee" CHECK ("role" IN (\'OWNER\', \'ADMIN\', \'EDITOR\', \'MEMBER\', \'VIEWER\')), CONSTRAINT "PK_d43d9c8d18fcd49de0fa44bbd79" PRIMARY KEY ("organization_id", "user_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_7c1e2fdfed4f6838e0c05ae505" ON "memberships"  ("user_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "objective_links" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "objective_id" uuid NOT NULL, "goal_id" uuid, "parent_objective_id" uuid, "key_result_id" uuid, "weight" numeric NOT NULL DEFAULT \'1\', CONSTRAINT "CHK_87d3b7fb556666ddd73cd78218" CHECK ("weight" > 0), CONSTRAINT "CHK_a2b4115d84e4f4a213d321496b" CHECK ("parent_objective_id" IS NULL OR "parent_objective_id" <> "objective_id"), CONSTRAINT "CHK_ca696edf262feafa878a1dcb53" CHECK (num_nonnulls("goal_id", "parent_objective_id", "key_result_id") = 1), CONSTRAINT "PK_08b3477fe1323f49008c9ede928" PRIMARY KEY ("organization_id", "id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_9d9d8c8eb45b8e165bc2a176b5" ON "objective_links"  ("organization_id", "key_result_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_50b070fbf14ccb2665140a2559" ON "objective_links"  ("organization_id", "parent_objective_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_ba140d03538e7c7b43223d50b7" ON "objective_links"  ("organization_id", "goal_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_398fd5abbd3793784471e66e33" ON "objective_links"  ("organization_id", "objective_id", "key_result_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_cf8301a25cea4d93969a7e878a" ON "objective_links"  ("organization_id", "objective_id", "parent_objective_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_772135e732a6ab69ea63db1f0d" ON "objective_links"  ("organization_id", "objective_id", "goal_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "sprints" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "archived_at" TIMESTAMP WITH TIME ZONE, "key" text NOT NULL, "team_id" uuid NOT NULL, "name" text NOT NULL, "start_date" date NOT NULL, "end_date" date NOT NULL, "state" text NOT NULL DEFAULT \'FUTURE\', "external_id" text, CONSTRAINT "CHK_5ac78e19b7f66e14ee5818f892" CHECK ("end_date" >= "start_date"), CONSTRAINT "CHK_febcfe51d37b51dd5697c2766b" CHECK ("state" IN (\'FUTURE\', \'ACTIVE\', \'CLOSED\')), CONSTRAINT "PK_7565a5d437eedf2b2e7174168ad" PRIMARY KEY ("organization_id", "id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_c9aa09875ea8d9ad576ab9bacb" ON "sprints"  ("organization_id", "state") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_ddb5ed5feb10630e87a259c948" ON "sprints"  ("organization_id", "team_id", "start_date") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_a0ec06cedb71d955bf35871191" ON "sprints"  ("organization_id", "name") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_7e66f843a7147f85594e04b93f" ON "sprints"  ("organization_id", "key") ',
    );
    await queryRunner.query(
      'CREATE TABLE "tickets" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "archived_at" TIMESTAMP WITH TIME ZONE, "external_key" text NOT NULL, "external_id" text, "title" text NOT NULL, "type" text NOT NULL DEFAULT \'Task\', "labels" text array NOT NULL DEFAULT \'{}\'::text[], "work_type" text NOT NULL, "status_category" text NOT NULL, "raw_status" text NOT NULL DEFAULT \'\', "points" numeric, "parent_ticket_id" uuid, "current_sprint_id" uuid, "source" text NOT NULL DEFAULT \'MANUAL\', "last_synced_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_f4f4c4d43a7e4ca1c2d13c9c6c" CHECK ("parent_ticket_id" IS NULL OR "parent_ticket_id" <> "id"), CONSTRAINT "CHK_7ac320cb9d0766132f2b7fc869" CHECK ("points" IS NULL OR "points" >= 0), CONSTRAINT "CHK_96e9646c7bfe962abfa1946e52" CHECK ("work_type" IN (\'NEW_VALUE\', \'MAINTENANCE\', \'TECH_DEBT\', \'BUG\')), CONSTRAINT "CHK_75191ec69c95f2086835597f7f" CHECK ("status_category" IN (\'TODO\', \'IN_PROGRESS\', \'DONE\', \'CANCELLED\')), CONSTRAINT "PK_94504e3f8ea90be0d5292353b82" PRIMARY KEY ("organization_id", "id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_733d59a6950bd4f4d7679ffc67" ON "tickets"  ("organization_id", "external_id") WHERE "external_id" IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_fe53313828916dc3c661656f1a" ON "tickets"  ("organization_id", "parent_ticket_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_7a47d3c870e34aad8063881f20" ON "tickets"  ("organization_id", "current_sprint_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_f871eb2b048412a627eb3a11ba" ON "tickets"  ("organization_id", "external_key") ',
    );
    await queryRunner.query(
      'CREATE TABLE "ticket_links" ("organization_id" uuid NOT NULL, "ticket_id" uuid NOT NULL, "initiative_id" uuid NOT NULL, "weight" numeric NOT NULL DEFAULT \'1\', "source" text NOT NULL DEFAULT \'MANUAL\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_3689b1979abf0439639fe6bf93" CHECK ("source" IN (\'MANUAL\', \'EPIC\')), CONSTRAINT "CHK_4d7e162fca39e164f3b9410466" CHECK ("weight" > 0), CONSTRAINT "PK_812431ff2d63cc5b1b98a639df8" PRIMARY KEY ("organization_id", "ticket_id", "initiative_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_65f86893a529dab003c3d107d3" ON "ticket_links"  ("organization_id", "initiative_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "ticket_sprints" ("organization_id" uuid NOT NULL, "ticket_id" uuid NOT NULL, "sprint_id" uuid NOT NULL, "position" integer NOT NULL, CONSTRAINT "PK_93db92975621df5bc9207691700" PRIMARY KEY ("organization_id", "ticket_id", "sprint_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_8c7288d507022f45d91401e537" ON "ticket_sprints"  ("organization_id", "sprint_id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "cycles" ADD CONSTRAINT "FK_658d7bf365f116279a2afc6398f" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "teams" ADD CONSTRAINT "FK_fdc736f761896ccc179c823a785" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "objectives" ADD CONSTRAINT "FK_a7ae81423d83ae170eb82beb6c7" FOREIGN KEY ("organization_id", "team_id") REFERENCES "teams"("organization_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "objectives" ADD CONSTRAINT "FK_9fe77f5d22753b43bbdc2ef27e3" FOREIGN KEY ("organization_id", "cycle_id") REFERENCES "cycles"("organization_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "objectives" ADD CONSTRAINT "FK_1a3eabc90b929915d6f2da735af" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "key_results" ADD CONSTRAINT "FK_c26fa84300264cd89a4b3455fb8" FOREIGN KEY ("organization_id", "objective_id") REFERENCES "objectives"("organization_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "key_results" ADD CONSTRAINT "FK_88de69b608392cde1217b2393a3" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "check_ins" ADD CONSTRAINT "FK_33cf6add30134feb908774e8086" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "check_ins" ADD CONSTRAINT "FK_bbc137e1ceef42c64f03352437b" FOREIGN KEY ("organization_id", "key_result_id") REFERENCES "key_results"("organization_id","id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "check_ins" ADD CONSTRAINT "FK_70a571a8ea6c7b6b2d2ed467e55" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "initiatives" ADD CONSTRAINT "FK_affa56588e7163f11861ac8e178" FOREIGN KEY ("organization_id", "cycle_id") REFERENCES "cycles"("organization_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "initiatives" ADD CONSTRAINT "FK_2656ccf3a6b9e9800e735d9c5f0" FOREIGN KEY ("organization_id", "team_id") REFERENCES "teams"("organization_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "initiatives" ADD CONSTRAINT "FK_e399558976fbd031fa3c9e4323c" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "initiative_links" ADD CONSTRAINT "FK_6be639682ad0c5a48f6a1de223b" FOREIGN KEY ("organization_id", "objective_id") REFERENCES "objectives"("organization_id","id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "initiative_links" ADD CONSTRAINT "FK_8e14eb9bdb95b8bd8e8722ca2a1" FOREIGN KEY ("organization_id", "key_result_id") REFERENCES "key_results"("organization_id","id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "initiative_links" ADD CONSTRAINT "FK_7729de1c66afc0206f450d781b4" FOREIGN KEY ("organization_id", "initiative_id") REFERENCES "initiatives"("organization_id","id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "initiative_links" ADD CONSTRAINT "FK_f9e6ca3ce1ae166ccb8f17ab8c0" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "visions" ADD CONSTRAINT "FK_8cee6f94e5141f9a374b4fb2067" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "strategic_goals" ADD CONSTRAINT "FK_a50fa2a2d548afa557723a90a86" FOREIGN KEY ("organization_id", "vision_id") REFERENCES "visions"("organization_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "strategic_goals" ADD CONSTRAINT "FK_f9e36e951eb0853328acd5ec27f" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "kpis" ADD CONSTRAINT "FK_3c285f403562151235f3eab9227" FOREIGN KEY ("organization_id", "goal_id") REFERENCES "strategic_goals"("organization_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "kpis" ADD CONSTRAINT "FK_5550134768fa838c33d4922b712" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "kpi_check_ins" ADD CONSTRAINT "FK_f76431a636a01f071b7a75f5fa6" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "kpi_check_ins" ADD CONSTRAINT "FK_ebf7efdebcceba5d4606ded0dd8" FOREIGN KEY ("organization_id", "kpi_id") REFERENCES "kpis"("organization_id","id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "kpi_check_ins" ADD CONSTRAINT "FK_33ea00b5c8ed39b7c15a8829097" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "memberships" ADD CONSTRAINT "FK_7c1e2fdfed4f6838e0c05ae5051" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "memberships" ADD CONSTRAINT "FK_e5380c394ec7912046d07b54290" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "objective_links" ADD CONSTRAINT "FK_9d9d8c8eb45b8e165bc2a176b5c" FOREIGN KEY ("organization_id", "key_result_id") REFERENCES "key_results"("organization_id","id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "objective_links" ADD CONSTRAINT "FK_50b070fbf14ccb2665140a25590" FOREIGN KEY ("organization_id", "parent_objective_id") REFERENCES "objectives"("organization_id","id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "objective_links" ADD CONSTRAINT "FK_ba140d03538e7c7b43223d50b73" FOREIGN KEY ("organization_id", "goal_id") REFERENCES "strategic_goals"("organization_id","id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "objective_links" ADD CONSTRAINT "FK_1742def5cd92e59f105344274b9" FOREIGN KEY ("organization_id", "objective_id") REFERENCES "objectives"("organization_id","id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "objective_links" ADD CONSTRAINT "FK_9a5ecd84789daa14ea2ee00ce0d" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "sprints" ADD CONSTRAINT "FK_38ab53fbd4abe42082679946817" FOREIGN KEY ("organization_id", "team_id") REFERENCES "teams"("organization_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "sprints" ADD CONSTRAINT "FK_b1f03e7125b58a28a8df1e9f568" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "tickets" ADD CONSTRAINT "FK_fe53313828916dc3c661656f1af" FOREIGN KEY ("organization_id", "parent_ticket_id") REFERENCES "tickets"("organization_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "tickets" ADD CONSTRAINT "FK_7a47d3c870e34aad8063881f206" FOREIGN KEY ("organization_id", "current_sprint_id") REFERENCES "sprints"("organization_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "tickets" ADD CONSTRAINT "FK_613ef43a793c628ad7b22981f33" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "ticket_links" ADD CONSTRAINT "FK_65f86893a529dab003c3d107d3e" FOREIGN KEY ("organization_id", "initiative_id") REFERENCES "initiatives"("organization_id","id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "ticket_links" ADD CONSTRAINT "FK_8c3741f822de7e1fb2541a08d91" FOREIGN KEY ("organization_id", "ticket_id") REFERENCES "tickets"("organization_id","id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "ticket_links" ADD CONSTRAINT "FK_e49047b7c6144acdf9a91dd3552" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "ticket_sprints" ADD CONSTRAINT "FK_8c7288d507022f45d91401e5379" FOREIGN KEY ("organization_id", "sprint_id") REFERENCES "sprints"("organization_id","id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "ticket_sprints" ADD CONSTRAINT "FK_074426664609b382c3eefd067a9" FOREIGN KEY ("organization_id", "ticket_id") REFERENCES "tickets"("organization_id","id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "ticket_sprints" ADD CONSTRAINT "FK_56d651506e40da0d2f54edddc3e" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "ticket_sprints" DROP CONSTRAINT "FK_56d651506e40da0d2f54edddc3e"',
    );
    await queryRunner.query(
      'ALTER TABLE "ticket_sprints" DROP CONSTRAINT "FK_074426664609b382c3eefd067a9"',
    );
    await queryRunner.query(
      'ALTER TABLE "ticket_sprints" DROP CONSTRAINT "FK_8c7288d507022f45d91401e5379"',
    );
    await queryRunner.query(
      'ALTER TABLE "ticket_links" DROP CONSTRAINT "FK_e49047b7c6144acdf9a91dd3552"',
    );
    await queryRunner.query(
      'ALTER TABLE "ticket_links" DROP CONSTRAINT "FK_8c3741f822de7e1fb2541a08d91"',
    );
    await queryRunner.query(
      'ALTER TABLE "ticket_links" DROP CONSTRAINT "FK_65f86893a529dab003c3d107d3e"',
    );
    await queryRunner.query(
      'ALTER TABLE "tickets" DROP CONSTRAINT "FK_613ef43a793c628ad7b22981f33"',
    );
    await queryRunner.query(
      'ALTER TABLE "tickets" DROP CONSTRAINT "FK_7a47d3c870e34aad8063881f206"',
    );
    await queryRunner.query(
      'ALTER TABLE "tickets" DROP CONSTRAINT "FK_fe53313828916dc3c661656f1af"',
    );
    await queryRunner.query(
      'ALTER TABLE "sprints" DROP CONSTRAINT "FK_b1f03e7125b58a28a8df1e9f568"',
    );
    await queryRunner.query(
      'ALTER TABLE "sprints" DROP CONSTRAINT "FK_38ab53fbd4abe42082679946817"',
    );
    await queryRunner.query(
      'ALTER TABLE "objective_links" DROP CONSTRAINT "FK_9a5ecd84789daa14ea2ee00ce0d"',
    );
    await queryRunner.query(
      'ALTER TABLE "objective_links" DROP CONSTRAINT "FK_1742def5cd92e59f105344274b9"',
    );
    await queryRunner.query(
      'ALTER TABLE "objective_links" DROP CONSTRAINT "FK_ba140d03538e7c7b43223d50b73"',
    );
    await queryRunner.query(
      'ALTER TABLE "objective_links" DROP CONSTRAINT "FK_50b070fbf14ccb2665140a25590"',
    );
    await queryRunner.query(
      'ALTER TABLE "objective_links" DROP CONSTRAINT "FK_9d9d8c8eb45b8e165bc2a176b5c"',
    );
    await queryRunner.query(
      'ALTER TABLE "memberships" DROP CONSTRAINT "FK_e5380c394ec7912046d07b54290"',
    );
    await queryRunner.query(
      'ALTER TABLE "memberships" DROP CONSTRAINT "FK_7c1e2fdfed4f6838e0c05ae5051"',
    );
    await queryRunner.query(
      'ALTER TABLE "kpi_check_ins" DROP CONSTRAINT "FK_33ea00b5c8ed39b7c15a8829097"',
    );
    await queryRunner.query(
      'ALTER TABLE "kpi_check_ins" DROP CONSTRAINT "FK_ebf7efdebcceba5d4606ded0dd8"',
    );
    await queryRunner.query(
      'ALTER TABLE "kpi_check_ins" DROP CONSTRAINT "FK_f76431a636a01f071b7a75f5fa6"',
    );
    await queryRunner.query('ALTER TABLE "kpis" DROP CONSTRAINT "FK_5550134768fa838c33d4922b712"');
    await queryRunner.query('ALTER TABLE "kpis" DROP CONSTRAINT "FK_3c285f403562151235f3eab9227"');
    await queryRunner.query(
      'ALTER TABLE "strategic_goals" DROP CONSTRAINT "FK_f9e36e951eb0853328acd5ec27f"',
    );
    await queryRunner.query(
      'ALTER TABLE "strategic_goals" DROP CONSTRAINT "FK_a50fa2a2d548afa557723a90a86"',
    );
    await queryRunner.query(
      'ALTER TABLE "visions" DROP CONSTRAINT "FK_8cee6f94e5141f9a374b4fb2067"',
    );
    await queryRunner.query(
      'ALTER TABLE "initiative_links" DROP CONSTRAINT "FK_f9e6ca3ce1ae166ccb8f17ab8c0"',
    );
    await queryRunner.query(
      'ALTER TABLE "initiative_links" DROP CONSTRAINT "FK_7729de1c66afc0206f450d781b4"',
    );
    await queryRunner.query(
      'ALTER TABLE "initiative_links" DROP CONSTRAINT "FK_8e14eb9bdb95b8bd8e8722ca2a1"',
    );
    await queryRunner.query(
      'ALTER TABLE "initiative_links" DROP CONSTRAINT "FK_6be639682ad0c5a48f6a1de223b"',
    );
    await queryRunner.query(
      'ALTER TABLE "initiatives" DROP CONSTRAINT "FK_e399558976fbd031fa3c9e4323c"',
    );
    await queryRunner.query(
      'ALTER TABLE "initiatives" DROP CONSTRAINT "FK_2656ccf3a6b9e9800e735d9c5f0"',
    );
    await queryRunner.query(
      'ALTER TABLE "initiatives" DROP CONSTRAINT "FK_affa56588e7163f11861ac8e178"',
    );
    await queryRunner.query(
      'ALTER TABLE "check_ins" DROP CONSTRAINT "FK_70a571a8ea6c7b6b2d2ed467e55"',
    );
    await queryRunner.query(
      'ALTER TABLE "check_ins" DROP CONSTRAINT "FK_bbc137e1ceef42c64f03352437b"',
    );
    await queryRunner.query(
      'ALTER TABLE "check_ins" DROP CONSTRAINT "FK_33cf6add30134feb908774e8086"',
    );
    await queryRunner.query(
      'ALTER TABLE "key_results" DROP CONSTRAINT "FK_88de69b608392cde1217b2393a3"',
    );
    await queryRunner.query(
      'ALTER TABLE "key_results" DROP CONSTRAINT "FK_c26fa84300264cd89a4b3455fb8"',
    );
    await queryRunner.query(
      'ALTER TABLE "objectives" DROP CONSTRAINT "FK_1a3eabc90b929915d6f2da735af"',
    );
    await queryRunner.query(
      'ALTER TABLE "objectives" DROP CONSTRAINT "FK_9fe77f5d22753b43bbdc2ef27e3"',
    );
    await queryRunner.query(
      'ALTER TABLE "objectives" DROP CONSTRAINT "FK_a7ae81423d83ae170eb82beb6c7"',
    );
    await queryRunner.query('ALTER TABLE "teams" DROP CONSTRAINT "FK_fdc736f761896ccc179c823a785"');
    await queryRunner.query(
      'ALTER TABLE "cycles" DROP CONSTRAINT "FK_658d7bf365f116279a2afc6398f"',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_8c7288d507022f45d91401e537"');
    await queryRunner.query('DROP TABLE "ticket_sprints"');
    await queryRunner.query('DROP INDEX "public"."IDX_65f86893a529dab003c3d107d3"');
    await queryRunner.query('DROP TABLE "ticket_links"');
    await queryRunner.query('DROP INDEX "public"."IDX_f871eb2b048412a627eb3a11ba"');
    await queryRunner.query('DROP INDEX "public"."IDX_7a47d3c870e34aad8063881f20"');
    await queryRunner.query('DROP INDEX "public"."IDX_fe53313828916dc3c661656f1a"');
    await queryRunner.query('DROP INDEX "public"."IDX_733d59a6950bd4f4d7679ffc67"');
    await queryRunner.query('DROP TABLE "tickets"');
    await queryRunner.query('DROP INDEX "public"."IDX_7e66f843a7147f85594e04b93f"');
    await queryRunner.query('DROP INDEX "public"."IDX_a0ec06cedb71d955bf35871191"');
    await queryRunner.query('DROP INDEX "public"."IDX_ddb5ed5feb10630e87a259c948"');
    await queryRunner.query('DROP INDEX "public"."IDX_c9aa09875ea8d9ad576ab9bacb"');
    await queryRunner.query('DROP TABLE "sprints"');
    await queryRunner.query('DROP INDEX "public"."IDX_772135e732a6ab69ea63db1f0d"');
    await queryRunner.query('DROP INDEX "public"."IDX_cf8301a25cea4d93969a7e878a"');
    await queryRunner.query('DROP INDEX "public"."IDX_398fd5abbd3793784471e66e33"');
    await queryRunner.query('DROP INDEX "public"."IDX_ba140d03538e7c7b43223d50b7"');
    await queryRunner.query('DROP INDEX "public"."IDX_50b070fbf14ccb2665140a2559"');
    await queryRunner.query('DROP INDEX "public"."IDX_9d9d8c8eb45b8e165bc2a176b5"');
    await queryRunner.query('DROP TABLE "objective_links"');
    await queryRunner.query('DROP INDEX "public"."IDX_7c1e2fdfed4f6838e0c05ae505"');
    await queryRunner.query('DROP TABLE "memberships"');
    await queryRunner.query('DROP INDEX "public"."IDX_676c16e7b63e19a05cd249c7db"');
    await queryRunner.query('DROP TABLE "kpi_check_ins"');
    await queryRunner.query('DROP INDEX "public"."IDX_33dcd675fe289536e26df3668a"');
    await queryRunner.query('DROP INDEX "public"."IDX_3c285f403562151235f3eab922"');
    await queryRunner.query('DROP TABLE "kpis"');
    await queryRunner.query('DROP INDEX "public"."IDX_5c9679822df6b0327154ab170c"');
    await queryRunner.query('DROP INDEX "public"."IDX_a50fa2a2d548afa557723a90a8"');
    await queryRunner.query('DROP TABLE "strategic_goals"');
    await queryRunner.query('DROP INDEX "public"."IDX_8cee6f94e5141f9a374b4fb206"');
    await queryRunner.query('DROP TABLE "visions"');
    await queryRunner.query('DROP INDEX "public"."IDX_d4f2238832f43366ae914d7e83"');
    await queryRunner.query('DROP INDEX "public"."IDX_e00beb02a4348edbeccd10da30"');
    await queryRunner.query('DROP INDEX "public"."IDX_8e14eb9bdb95b8bd8e8722ca2a"');
    await queryRunner.query('DROP INDEX "public"."IDX_6be639682ad0c5a48f6a1de223"');
    await queryRunner.query('DROP TABLE "initiative_links"');
    await queryRunner.query('DROP INDEX "public"."IDX_de5e6a7fa95ea3c3399594d1db"');
    await queryRunner.query('DROP INDEX "public"."IDX_1d2fb3a26d9a0d18d61c11a2b1"');
    await queryRunner.query('DROP INDEX "public"."IDX_2656ccf3a6b9e9800e735d9c5f"');
    await queryRunner.query('DROP INDEX "public"."IDX_affa56588e7163f11861ac8e17"');
    await queryRunner.query('DROP TABLE "initiatives"');
    await queryRunner.query('DROP INDEX "public"."IDX_bfc5ceba213b0bff2aa2ad13e4"');
    await queryRunner.query('DROP TABLE "check_ins"');
    await queryRunner.query('DROP TABLE "users"');
    await queryRunner.query('DROP INDEX "public"."IDX_f36bcd878fc0401e40857c2853"');
    await queryRunner.query('DROP INDEX "public"."IDX_c26fa84300264cd89a4b3455fb"');
    await queryRunner.query('DROP TABLE "key_results"');
    await queryRunner.query('DROP INDEX "public"."IDX_a581a42e6c7f54ca58a45e63dd"');
    await queryRunner.query('DROP INDEX "public"."IDX_9fe77f5d22753b43bbdc2ef27e"');
    await queryRunner.query('DROP INDEX "public"."IDX_a7ae81423d83ae170eb82beb6c"');
    await queryRunner.query('DROP TABLE "objectives"');
    await queryRunner.query('DROP INDEX "public"."IDX_13baeb6e798da3a54b46edc15d"');
    await queryRunner.query('DROP TABLE "teams"');
    await queryRunner.query('DROP INDEX "public"."IDX_dfa04ef36ee951a5bb8dd3eccb"');
    await queryRunner.query('DROP INDEX "public"."UQ_cycles_one_active"');
    await queryRunner.query('DROP TABLE "cycles"');
    await queryRunner.query('DROP TABLE "organizations"');
  }
}
