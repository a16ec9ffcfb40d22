import { Global, Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '@app/common';
import { Cycle } from '@app/database';
import type { Plan } from '@app/domain';
import { PlanLoadHook } from '@app/integrations';
import { storeBaseline } from './baseline.js';

/**
 * docs/design.md 3: a plan file may load a cycle as ACTIVE, to load an organization as it stands; one it
 * loads without a baseline gets one at load, marked as loaded, so plan vs actual works for it as for
 * a cycle locked with lockCycle. Runs in the import's transaction, after the plan is written.
 */
@Injectable()
export class LoadedBaselines extends PlanLoadHook {
  async afterPlanLoad(em: EntityManager, actor: Actor, plan: Plan): Promise<void> {
    const keys = plan.cycles.filter((c) => c.state === 'ACTIVE').map((c) => c.key);
    if (!keys.length) return;
    const cycles = await em
      .createQueryBuilder(Cycle, 'c')
      .where(`c.key IN (:...keys) AND c.state = 'ACTIVE'`, { keys })
      .andWhere(`NOT EXISTS (SELECT 1 FROM cycle_baselines b WHERE b.cycle_id = c.id)`)
      .getMany();
    for (const cycle of cycles) await storeBaseline(em, actor, cycle, true);
  }
}

/**
 * Provides the plan-load hook to every module (global: the integrations module that runs plan
 * imports comes before planning in the import order). The API and the CLI both import it.
 */
@Global()
@Module({
  providers: [{ provide: PlanLoadHook, useClass: LoadedBaselines }],
  exports: [PlanLoadHook],
})
export class PlanLoadModule {}
