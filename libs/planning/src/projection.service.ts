import { Inject, Injectable } from '@nestjs/common';
import { Tenant, type Actor } from '@app/common';
import { ScopeChange } from '@app/database';
import { planVsActual } from '@app/domain';
import { actualShares } from './actual-alignment.js';
import { baselineOf, sharesOf, toBaselineType } from './baseline.js';
import { livePlan } from './plan-figures.js';
import { cycleByKey } from './plan.queries.js';
import type { PlanVsActualArgs } from './planning.inputs.js';
import type {
  PlanningSessionType,
  PlanVsActualType,
  ProjectedAlignmentType,
  TeamCapacityType,
} from './planning.types.js';

/**
 * docs/design.md 3, what the planning session reads: the live plan's projected alignment and
 * capacity, and a locked cycle's plan vs actual. Each read is one snapshot; the numbers come from
 * libs/domain.
 */
@Injectable()
export class ProjectionService {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  projectedAlignment(actor: Actor, cycleKey: string): Promise<ProjectedAlignmentType> {
    return this.tenant.snapshot(actor, async (em) => {
      const cycle = await cycleByKey(em, cycleKey);
      return (await livePlan(em, actor, cycle)).projected;
    });
  }

  capacity(actor: Actor, cycleKey: string): Promise<TeamCapacityType[]> {
    return this.tenant.snapshot(actor, async (em) => {
      const cycle = await cycleByKey(em, cycleKey);
      return (await livePlan(em, actor, cycle)).capacity;
    });
  }

  session(actor: Actor, cycleKey: string): Promise<PlanningSessionType> {
    return this.tenant.snapshot(actor, async (em) => {
      const cycle = await cycleByKey(em, cycleKey);
      const { projected, capacity } = await livePlan(em, actor, cycle);
      return { cycle, projected, capacity };
    });
  }

  planVsActual(actor: Actor, args: PlanVsActualArgs): Promise<PlanVsActualType> {
    return this.tenant.snapshot(actor, async (em) => {
      const cycle = await cycleByKey(em, args.cycleKey);
      const baseline = await baselineOf(em, cycle);
      const actual = await actualShares(em, actor, cycle);
      const [changes, count] = await em.findAndCount(ScopeChange, {
        where: { cycleId: cycle.id },
        order: { changedAt: 'DESC', id: 'DESC' },
        take: args.first,
      });
      const type = toBaselineType(baseline, cycle);
      return {
        baseline: type,
        goals: planVsActual(sharesOf(type.projected), actual),
        scopeChanges: changes.map((c) => ({
          ...c,
          before: c.before === null ? null : JSON.stringify(c.before),
          after: c.after === null ? null : JSON.stringify(c.after),
        })),
        scopeChangeCount: count,
      };
    });
  }
}
