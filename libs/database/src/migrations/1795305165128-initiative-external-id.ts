import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitiativeExternalId1795305165128 implements MigrationInterface {
  name = 'InitiativeExternalId1795305165128';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "initiatives" ADD "external_id" text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "initiatives" DROP COLUMN "external_id"');
  }
}
