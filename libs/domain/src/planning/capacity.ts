import { DomainError } from '../errors/domain-error.js';
import type { Priority } from '../plan/plan.types.js';

/** The order in which demand is taken against capacity (docs/design.md 3). */
export const DEMAND_ORDER: readonly Priority[] = ['MUST', 'SHOULD', 'COULD'];

export interface PlannedInitiative {
  id: string;
  key: string;
  teamId: string | null;
  priority: Priority;
  /** story points; null: not estimated (counts 0) */
  estimate: number | null;
}

export interface TeamCapacityInput {
  teamId: string;
  /** story points per sprint */
  capacityPerSprint: number;
  /** the team's sprints in the cycle, partial and expected ones included (sprintsInCycle) */
  sprintEquivalents: number;
}

export interface DemandLine {
  initiativeId: string;
  priority: Priority;
  demand: number;
  /** demand of this initiative and every one before it in MoSCoW order */
  cumulative: number;
  /** false once cumulative demand exceeds capacity: this and every later one are below the cut */
  aboveCut: boolean;
}

export interface TeamCapacity {
  teamId: string;
  capacity: number;
  demand: number;
  overCommitted: boolean;
  /** MUST, then SHOULD, then COULD; by key within a priority; WONT left out */
  lines: DemandLine[];
}

/**
 * docs/design.md 3, capacity vs demand: each team's capacity (per sprint x its sprint equivalents in
 * the cycle, sprintsInCycle) against the estimates of its initiatives planned for the cycle, taken
 * MUST first, then SHOULD, then COULD. The cut line falls at the first initiative whose cumulative demand exceeds capacity.
 * Teams come in the given order; initiatives without a team are not any team's demand.
 */
export function capacityPlan(
  teams: readonly TeamCapacityInput[],
  initiatives: readonly PlannedInitiative[],
): TeamCapacity[] {
  return teams.map((team) => {
    const capacity = team.capacityPerSprint * team.sprintEquivalents;
    const planned = initiatives
      .filter((i) => i.teamId === team.teamId && i.priority !== 'WONT')
      .sort(
        (a, b) =>
          DEMAND_ORDER.indexOf(a.priority) - DEMAND_ORDER.indexOf(b.priority) ||
          a.key.localeCompare(b.key),
      );
    let cumulative = 0;
    let cut = false;
    const lines = planned.map((i): DemandLine => {
      const demand = i.estimate ?? 0;
      cumulative += demand;
      // A tiny tolerance so sums of decimal estimates equal to capacity are not over it.
      if (cumulative > capacity + 1e-9) cut = true;
      return { initiativeId: i.id, priority: i.priority, demand, cumulative, aboveCut: !cut };
    });
    // Bounded estimates and capacities keep these finite; stored data outside them is named.
    if (!Number.isFinite(capacity))
      throw DomainError.outOfBounds(`the capacity of team ${team.teamId}`, capacity);
    if (!Number.isFinite(cumulative))
      throw DomainError.outOfBounds(`the demand on team ${team.teamId}`, cumulative);
    return { teamId: team.teamId, capacity, demand: cumulative, overCommitted: cut, lines };
  });
}
