import type { EntityManager } from 'typeorm';
import type { Actor } from '@app/common';
import { alignmentContext, alignmentReportIn } from '@app/alignment';
import type { Cycle } from '@app/database';

/**
 * Actual shares per goal: the alignment of the tickets of the cycle's sprints (scope cycleKey),
 * what plan vs actual and the retro set beside the baseline's projected shares.
 */
export async function actualShares(
  em: EntityManager,
  actor: Actor,
  cycle: Cycle,
): Promise<Map<string, number>> {
  const context = await alignmentContext(em, actor, { cycleKey: cycle.key, measure: 'POINTS' });
  const report = await alignmentReportIn(em, context);
  return new Map(report.goals.map((g) => [g.goalId, g.share]));
}
