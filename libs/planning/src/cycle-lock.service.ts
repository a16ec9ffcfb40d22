import { Inject, Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Tenant, type Actor } from '@app/common';
import { KeyResultScoreService } from '@app/alignment';
import { Cycle, CycleBaseline, KeyResult } from '@app/database';
import { DomainError, goalScores, planVsActual } from '@app/domain';
import { actualShares } from './actual-alignment.js';
import { sharesOf, storeBaseline, toBaselineType } from './baseline.js';
import { assertDraft } from './cycle-guards.js';
import { cycleByKey } from './plan.queries.js';
import type { CycleBaselineType, CycleRetroType } from './planning.types.js';

/**
 * docs/design.md 3, a cycle's state changes after drafting: locking it with its baseline (DRAFT ->
 * ACTIVE) and closing it with the retro (ACTIVE -> CLOSED). Each is one tenant transaction.
 */
@Injectable()
export class CycleLockService {
  constructor(
    @Inject(Tenant) private readonly tenant: Tenant,
    @Inject(KeyResultScoreService) private readonly scores: KeyResultScoreService,
  ) {}

  /**
   * DRAFT -> ACTIVE, storing the baseline: the tree, links, estimates and projected alignment as
   * they stand, all read from one snapshot. From then on the database records every change to the
   * cycle's plan (scope_changes). A concurrent lock of this or another cycle, or a change to this
   * cycle meanwhile, makes PostgreSQL refuse one of them: CONFLICT, nothing written.
   */
  lockCycle(actor: Actor, cycleKey: string): Promise<CycleBaselineType> {
    return this.tenant.snapshotWrite(
      actor,
      async (em) => {
        // Serializes activations; the loser of a race then fails on the row it would change.
        await this.tenant.lock(em, actor, 'cycles');
        const cycle = await cycleByKey(em, cycleKey);
        assertDraft(cycle, 'cycleKey');
        if (cycle.archivedAt)
          throw DomainError.badInput('cycleKey', `cycle "${cycle.key}" is archived`);
        const active = await em.findOne(Cycle, { where: { state: 'ACTIVE' } });
        if (active) {
          throw DomainError.conflict(
            `cycle "${active.key}" is already ACTIVE: close it first (at most one cycle is ACTIVE)`,
          );
        }
        const earlier = await em.findOne(CycleBaseline, { where: { cycleId: cycle.id } });
        if (earlier) {
          throw DomainError.conflict(
            `cycle "${cycle.key}" was locked before (its baseline is of ${earlier.createdAt.toISOString()}) and baselines are immutable: it cannot be locked again`,
          );
        }
        cycle.state = 'ACTIVE';
        await em.save(cycle);
        return toBaselineType(await storeBaseline(em, actor, cycle, false), cycle);
      },
      `cycle "${cycleKey}" could not be locked: it or another cycle was locked or changed meanwhile (at most one cycle is ACTIVE); reload and try again`,
    );
  }

  /**
   * ACTIVE -> CLOSED: scores every unscored key result of the cycle at its final progress and
   * returns the retro figures per goal (planned share, actual share, score).
   */
  closeCycle(actor: Actor, cycleKey: string): Promise<CycleRetroType> {
    return this.tenant.run(actor, async (em) => {
      const cycle = await cycleByKey(em, cycleKey, true);
      if (cycle.state !== 'ACTIVE') {
        throw DomainError.badInput(
          'cycleKey',
          `cycle "${cycle.key}" is ${cycle.state}: only the ACTIVE cycle can be closed`,
        );
      }
      const scored = await this.scores.scoreAll(em, actor, cycle.id);
      cycle.state = 'CLOSED';
      await em.save(cycle);
      const baseline = await em.findOne(CycleBaseline, { where: { cycleId: cycle.id } });
      const planned = baseline ? sharesOf(toBaselineType(baseline, cycle).projected) : new Map();
      const actual = await actualShares(em, actor, cycle);
      const aligned: { goal_id: string; objective_id: string; weight: number }[] = await em.query(
        `SELECT l.goal_id, l.objective_id, l.weight::float8 AS weight
           FROM objective_links l
           JOIN objectives o ON o.organization_id = l.organization_id AND o.id = l.objective_id
          WHERE l.organization_id = $2 AND o.cycle_id = $1 AND o.status = 'ACTIVE' AND l.goal_id IS NOT NULL`,
        [cycle.id, actor.organizationId],
      );
      const krs = aligned.length
        ? await em.find(KeyResult, {
            where: { objectiveId: In(aligned.map((a) => a.objective_id)) },
          })
        : [];
      const scores = goalScores(
        aligned.map((a) => ({ goalId: a.goal_id, objectiveId: a.objective_id, weight: a.weight })),
        krs.map((k) => ({
          objectiveId: k.objectiveId,
          score: k.score,
          weight: k.weight,
          archived: Boolean(k.archivedAt),
        })),
      );
      const goals = planVsActual(planned, actual).map(({ goalId, plannedShare, actualShare }) => ({
        goalId,
        plannedShare,
        actualShare,
        score: scores.get(goalId) ?? null,
      }));
      return { cycle, scoredKeyResults: scored, goals };
    });
  }
}
