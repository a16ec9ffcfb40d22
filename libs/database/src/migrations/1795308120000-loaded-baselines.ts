import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * docs/design.md 3: an ACTIVE cycle a plan file loads without a baseline gets one at load, marked as
 * loaded (it records the plan as the file loaded it, not a draft someone locked with lockCycle).
 */
export class LoadedBaselines1795308120000 implements MigrationInterface {
  name = 'LoadedBaselines1795308120000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "cycle_baselines" ADD "loaded" boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "cycle_baselines" DROP COLUMN "loaded"`);
  }
}
