import type { EntityManager } from 'typeorm';
import type { Actor } from '@app/common';
import type { Plan } from '@app/domain';

/**
 * Work a later module adds to every plan import, in the import's transaction, once the plan is
 * written (never on a dry run). The planning module provides it (globally): an ACTIVE cycle the
 * file loads without a baseline gets one, marked as loaded (docs/design.md 3). Integrations cannot call
 * planning directly (it comes earlier in the import order), so planning plugs in here.
 */
export abstract class PlanLoadHook {
  abstract afterPlanLoad(em: EntityManager, actor: Actor, plan: Plan): Promise<void>;
}
