import { Inject, Injectable } from '@nestjs/common';
import { Tenant, type Actor } from '@app/common';
import { DomainError, type Plan, type PlanKeyResult } from '@app/domain';
import { loadPlanState, visionEntry, type PlanState } from './plan-state.js';
import { planToYaml } from './plan-yaml.js';

/**
 * exportPlan (docs/design.md 4): the vision, goals, KPIs, teams, the cycle, the sprints overlapping it,
 * its objectives and the initiatives planned for it or supporting its objectives and key results;
 * without a cycle key, everything. Archived rows are left out; defaults are written out.
 */
@Injectable()
export class PlanExportService {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  exportPlan(actor: Actor, cycleKey: string | null): Promise<string> {
    return this.tenant.run(actor, async (em) =>
      planToYaml(selectPlan(await loadPlanState(em), cycleKey)),
    );
  }
}

export function selectPlan(state: PlanState, cycleKey: string | null): Plan {
  const isLive = (kind: keyof PlanState['archived'], key: string) => !state.archived[kind].has(key);
  const sorted = <T extends { key: string }>(items: Iterable<T>) =>
    [...items].sort((a, b) => a.key.localeCompare(b.key));

  let cycles = sorted(state.cycles.values()).filter((c) => isLive('cycles', c.key));
  let sprints = sorted(state.sprints.values()).filter((s) => isLive('sprints', s.key));
  let objectives = sorted(state.objectives.values());
  let initiatives = sorted(state.initiatives.values()).filter((x) => isLive('initiatives', x.key));
  if (cycleKey !== null) {
    const cycle = state.cycles.get(cycleKey);
    if (!cycle) throw DomainError.notFound('cycle', `with key "${cycleKey}"`);
    cycles = [cycle];
    sprints = sprints.filter((s) => s.start <= cycle.end && s.end >= cycle.start);
    objectives = objectives.filter((o) => o.cycle === cycleKey);
    const inCycle = new Set(objectives.map((o) => o.key));
    const krsInCycle = new Set(
      [...state.keyResults.values()].filter((k) => inCycle.has(k.objective)).map((k) => k.key),
    );
    initiatives = initiatives.filter(
      (x) =>
        x.cycle === cycleKey ||
        x.supports.some(
          (l) =>
            (l.keyResult && krsInCycle.has(l.keyResult)) ||
            (l.objective && inCycle.has(l.objective)),
        ),
    );
  }
  const keyResultsOf = new Map<string, PlanKeyResult[]>();
  for (const { objective, ...kr } of sorted(state.keyResults.values())) {
    if (!isLive('keyResults', kr.key)) continue;
    keyResultsOf.set(objective, [...(keyResultsOf.get(objective) ?? []), kr]);
  }
  return {
    version: 1,
    vision: visionEntry(state.vision),
    goals: sorted(state.goals.values()),
    kpis: sorted(state.kpis.values()).filter((k) => isLive('kpis', k.key)),
    teams: sorted(state.teams.values()).filter((t) => isLive('teams', t.key)),
    cycles,
    sprints,
    objectives: objectives.map((o) => ({ ...o, keyResults: keyResultsOf.get(o.key) ?? [] })),
    initiatives,
  };
}
