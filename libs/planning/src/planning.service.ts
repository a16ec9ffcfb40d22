import { Inject, Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { Tenant, type Actor } from '@app/common';
import { alignmentContext, alignmentReportIn, KeyResultScoreService } from '@app/alignment';
import {
  Cycle,
  CycleBaseline,
  KeyResult,
  Objective,
  ObjectiveLink,
  ScopeChange,
} from '@app/database';
import {
  carriedKey,
  DomainError,
  goalScore,
  objectiveProgress,
  objectiveScore,
  planVsActual,
} from '@app/domain';
import { storeBaseline } from './baseline.js';
import { livePlan } from './plan-figures.js';
import { cycleByKey, cycleTree } from './plan.queries.js';
import type { CarryForwardInput, PlanVsActualArgs } from './planning.inputs.js';
import type {
  CycleBaselineType,
  CycleRetroType,
  PlanningSessionType,
  PlanVsActualType,
  ProjectedAlignmentType,
  TeamCapacityType,
} from './planning.types.js';

/**
 * docs/design.md 3, the planning session: draft (carry forward), project, check capacity, lock with a
 * baseline, compare plan and actual, close. Each operation is one tenant transaction; the numbers
 * come from libs/domain.
 */
@Injectable()
export class PlanningService {
  constructor(
    @Inject(Tenant) private readonly tenant: Tenant,
    @Inject(KeyResultScoreService) private readonly scores: KeyResultScoreService,
  ) {}

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

  /**
   * Copies objectives of one cycle into a DRAFT cycle with their key results (keys
   * `<old key>@<cycle key>`, origin remembered) and upward links (a link to another carried
   * objective or key result points to its copy), and moves the initiative links of the carried key
   * results to the copies.
   */
  carryForward(actor: Actor, input: CarryForwardInput): Promise<Objective[]> {
    return this.tenant.run(actor, async (em) => {
      const from = await cycleByKey(em, input.fromCycleKey);
      const to = await cycleByKey(em, input.toCycleKey);
      if (to.id === from.id) {
        throw DomainError.badInput('input.toCycleKey', 'must differ from fromCycleKey');
      }
      assertDraft(to, 'input.toCycleKey');
      const { objectives, keyResults } = await cycleTree(em, from.id);
      const krsOf = (objectiveId: string) =>
        keyResults.filter((k) => k.objectiveId === objectiveId);
      let chosen: Objective[];
      if (input.objectiveKeys) {
        chosen = input.objectiveKeys.map((key) => {
          const objective = objectives.find((o) => o.key === key);
          if (!objective)
            throw DomainError.notFound('objective', `"${key}" in cycle "${from.key}"`);
          return objective;
        });
      } else {
        // Unfinished: ACTIVE and not at full progress (no key results yet counts as unfinished).
        chosen = objectives.filter(
          (o) => o.status === 'ACTIVE' && (objectiveProgress(krsOf(o.id)) ?? 0) < 1,
        );
      }
      if (!chosen.length) return [];
      const carriedKrs = chosen.flatMap((o) => krsOf(o.id));
      await assertKeysFree(
        em,
        Objective,
        'an objective',
        chosen.map((o) => carriedKey(o.key, to.key)),
      );
      await assertKeysFree(
        em,
        KeyResult,
        'a key result',
        carriedKrs.map((k) => carriedKey(k.key, to.key)),
      );

      const objectiveCopies = await em.save(
        chosen.map((o) =>
          em.create(Objective, {
            organizationId: actor.organizationId,
            key: carriedKey(o.key, to.key),
            cycleId: to.id,
            teamId: o.teamId,
            title: o.title,
            description: o.description,
            status: 'ACTIVE',
            originObjectiveId: o.id,
          }),
        ),
      );
      const objectiveCopy = new Map(chosen.map((o, i) => [o.id, objectiveCopies[i].id]));
      const krCopies = await em.save(
        carriedKrs.map((k) =>
          em.create(KeyResult, {
            organizationId: actor.organizationId,
            key: carriedKey(k.key, to.key),
            objectiveId: objectiveCopy.get(k.objectiveId)!,
            title: k.title,
            kind: k.kind,
            direction: k.direction,
            start: k.start,
            target: k.target,
            current: k.current,
            unit: k.unit,
            weight: k.weight,
            confidence: k.confidence,
            originKeyResultId: k.id,
          }),
        ),
      );
      const krCopy = new Map(carriedKrs.map((k, i) => [k.id, krCopies[i].id]));

      const links = await em.find(ObjectiveLink, {
        where: { objectiveId: In([...objectiveCopy.keys()]) },
      });
      await em.save(
        links.map((l) =>
          em.create(ObjectiveLink, {
            organizationId: actor.organizationId,
            objectiveId: objectiveCopy.get(l.objectiveId)!,
            goalId: l.goalId,
            parentObjectiveId: l.parentObjectiveId
              ? (objectiveCopy.get(l.parentObjectiveId) ?? l.parentObjectiveId)
              : null,
            keyResultId: l.keyResultId ? (krCopy.get(l.keyResultId) ?? l.keyResultId) : null,
            weight: l.weight,
          }),
        ),
      );
      if (krCopy.size) {
        await em.query(
          `UPDATE initiative_links l SET key_result_id = m.new_id, updated_at = now()
             FROM jsonb_to_recordset($2::jsonb) AS m(old_id uuid, new_id uuid)
            WHERE l.organization_id = $1 AND l.key_result_id = m.old_id`,
          [
            actor.organizationId,
            JSON.stringify([...krCopy].map(([oldId, newId]) => ({ old_id: oldId, new_id: newId }))),
          ],
        );
      }
      return objectiveCopies;
    });
  }

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

  planVsActual(actor: Actor, args: PlanVsActualArgs): Promise<PlanVsActualType> {
    return this.tenant.snapshot(actor, async (em) => {
      const cycle = await cycleByKey(em, args.cycleKey);
      const baseline = await baselineOf(em, cycle);
      const actual = await this.actualIn(em, actor, cycle);
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
      const actual = await this.actualIn(em, actor, cycle);
      const aligned: { goal_id: string; objective_id: string; weight: number }[] = await em.query(
        `SELECT l.goal_id, l.objective_id, l.weight::float8 AS weight
           FROM objective_links l
           JOIN objectives o ON o.organization_id = l.organization_id AND o.id = l.objective_id
          WHERE o.cycle_id = $1 AND o.status = 'ACTIVE' AND l.goal_id IS NOT NULL`,
        [cycle.id],
      );
      const krs = aligned.length
        ? await em.find(KeyResult, {
            where: { objectiveId: In(aligned.map((a) => a.objective_id)) },
          })
        : [];
      const scoreOf = (objectiveId: string) =>
        objectiveScore(krs.filter((k) => k.objectiveId === objectiveId && !k.archivedAt));
      const goals = planVsActual(planned, actual).map(({ goalId, plannedShare, actualShare }) => ({
        goalId,
        plannedShare,
        actualShare,
        score: goalScore(
          aligned
            .filter((a) => a.goal_id === goalId)
            .map((a) => ({ score: scoreOf(a.objective_id), weight: a.weight })),
        ),
      }));
      return { cycle, scoredKeyResults: scored, goals };
    });
  }

  /** Actual shares per goal: the alignment of the tickets of the cycle's sprints (scope cycleKey). */
  private async actualIn(
    em: EntityManager,
    actor: Actor,
    cycle: Cycle,
  ): Promise<Map<string, number>> {
    const context = await alignmentContext(em, actor, {
      cycleKey: cycle.key,
      measure: 'POINTS',
    });
    const report = await alignmentReportIn(em, context);
    return new Map(report.goals.map((g) => [g.goalId, g.share]));
  }
}

export function assertDraft(cycle: Cycle, field: string): void {
  if (cycle.state !== 'DRAFT') {
    throw DomainError.badInput(field, `cycle "${cycle.key}" is ${cycle.state}, not DRAFT`);
  }
}

async function assertKeysFree(
  em: EntityManager,
  target: typeof Objective | typeof KeyResult,
  what: string,
  keys: string[],
): Promise<void> {
  if (!keys.length) return;
  const taken = await em.findOne(target, { where: { key: In(keys) } });
  if (taken) throw DomainError.conflict(`${what} with key "${taken.key}" already exists`);
}

async function baselineOf(em: EntityManager, cycle: Cycle): Promise<CycleBaseline> {
  const baseline = await em.findOne(CycleBaseline, { where: { cycleId: cycle.id } });
  if (!baseline) {
    throw DomainError.badInput('cycleKey', `cycle "${cycle.key}" has no baseline: lock it first`);
  }
  return baseline;
}

function sharesOf(report: ProjectedAlignmentType): Map<string, number> {
  return new Map(report.goals.map((g) => [g.goalId, g.share]));
}

/** The stored baseline in the API's shape (the jsonb columns as they were written). */
function toBaselineType(baseline: CycleBaseline, cycle: Cycle): CycleBaselineType {
  const tree = baseline.tree as { objectives?: unknown[]; keyResults?: unknown[] };
  const estimates = baseline.estimates as {
    initiatives?: { estimate: number | null; priority: string }[];
  };
  const planned = (estimates.initiatives ?? []).filter((i) => i.priority !== 'WONT');
  return {
    id: baseline.id,
    cycle,
    createdAt: baseline.createdAt,
    loaded: baseline.loaded,
    objectiveCount: tree.objectives?.length ?? 0,
    keyResultCount: tree.keyResults?.length ?? 0,
    initiativeCount: planned.length,
    plannedEffort: planned.reduce((sum, i) => sum + (i.estimate ?? 0), 0),
    projected: withDependencyRisk(baseline.projected as unknown as ProjectedAlignmentType),
  };
}

/**
 * A baseline stored before dependencies existed has no dependency figures: nothing was at risk
 * then, so they read as zero (the stored row itself stays as it was written).
 */
function withDependencyRisk(projected: ProjectedAlignmentType): ProjectedAlignmentType {
  return {
    ...projected,
    atRiskEffort: projected.atRiskEffort ?? 0,
    atRiskShare: projected.atRiskShare ?? 0,
    atRiskDependencies: projected.atRiskDependencies ?? [],
    goals: projected.goals.map((goal) => ({
      ...goal,
      atRiskEffort: goal.atRiskEffort ?? 0,
      atRiskShare: goal.atRiskShare ?? 0,
      atRiskDependencies: goal.atRiskDependencies ?? [],
    })),
  };
}
