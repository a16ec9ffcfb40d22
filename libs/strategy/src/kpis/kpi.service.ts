import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  assertKeyFree,
  findByIdOrKey,
  findForEdit,
  findOrNotFound,
  pageQuery,
  Tenant,
  type Actor,
  type IdOrKeyArgs,
  type Page,
} from '@app/common';
import { Kpi, KpiCheckIn, organizationOf, StrategicGoal } from '@app/database';
import { DomainError, kpiRangeProblem } from '@app/domain';
import {
  checkedHistory,
  insertCheckIn,
  insertDatedCheckIns,
  lockMeasured,
  type DatedReading,
} from '../shared/check-ins.js';
import type { CheckInKpiInput, CreateKpiInput, KpiListArgs, UpdateKpiInput } from './kpi.inputs.js';

@Injectable()
export class KpiService {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  get(actor: Actor, args: IdOrKeyArgs): Promise<Kpi> {
    return this.tenant.run(actor, (em) => findByIdOrKey(em, Kpi, 'KPI', args));
  }

  list(actor: Actor, args: KpiListArgs): Promise<Page<Kpi>> {
    return this.tenant.run(actor, async (em) => {
      const qb = em.createQueryBuilder(Kpi, 'k');
      if (!args.includeArchived) qb.andWhere('k.archivedAt IS NULL');
      if (args.goalId) {
        await findOrNotFound(em, StrategicGoal, 'strategic goal', args.goalId);
        qb.andWhere('k.goalId = :goalId', { goalId: args.goalId });
      }
      return pageQuery(qb, 'key', args);
    });
  }

  create(actor: Actor, input: CreateKpiInput): Promise<Kpi> {
    return this.tenant.run(actor, async (em) => {
      assertRange(input.healthyMin ?? null, input.healthyMax ?? null);
      await assertKeyFree(em, Kpi, 'a KPI', input.key);
      await this.assertGoal(em, input.goalId);
      return em.save(
        em.create(Kpi, {
          organizationId: actor.organizationId,
          key: input.key,
          goalId: input.goalId,
          title: input.title.trim(),
          unit: input.unit,
          current: input.current ?? null,
          healthyMin: input.healthyMin ?? null,
          healthyMax: input.healthyMax ?? null,
        }),
      );
    });
  }

  update(actor: Actor, input: UpdateKpiInput): Promise<Kpi> {
    return this.tenant.run(actor, async (em) => {
      const kpi = await findForEdit(em, Kpi, 'KPI', input.id, input.expectedVersion);
      if (input.healthyMin !== undefined) kpi.healthyMin = input.healthyMin;
      if (input.healthyMax !== undefined) kpi.healthyMax = input.healthyMax;
      assertRange(kpi.healthyMin, kpi.healthyMax);
      if (input.key !== undefined && input.key !== kpi.key) {
        await assertKeyFree(em, Kpi, 'a KPI', input.key);
        kpi.key = input.key;
      }
      if (input.goalId !== undefined && input.goalId !== kpi.goalId) {
        await this.assertGoal(em, input.goalId);
        kpi.goalId = input.goalId;
      }
      if (input.title !== undefined) kpi.title = input.title.trim();
      if (input.unit !== undefined) kpi.unit = input.unit;
      if (input.current !== undefined) kpi.current = input.current;
      return em.save(kpi);
    });
  }

  archive(actor: Actor, id: string, expectedVersion?: number | null): Promise<Kpi> {
    return this.tenant.run(actor, async (em) => {
      const kpi = await findForEdit(em, Kpi, 'KPI', id, expectedVersion);
      kpi.archivedAt ??= new Date();
      return em.save(kpi);
    });
  }

  /**
   * Records the reading in the history and makes it the KPI's current value; like key-result
   * check-ins, under the KPI's row lock and dated after it, so `current` is the newest reading.
   */
  checkIn(actor: Actor, input: CheckInKpiInput): Promise<Kpi> {
    return this.tenant.run(actor, async (em) => {
      const kpi = await lockMeasured(em, Kpi, 'KPI', input.kpiId);
      if (kpi.archivedAt) throw DomainError.badInput('input.kpiId', `KPI "${kpi.key}" is archived`);
      const reading = await insertCheckIn(em, KpiCheckIn, {
        organizationId: actor.organizationId,
        kpiId: kpi.id,
        value: input.value,
        note: input.note,
        authorId: actor.userId,
      });
      kpi.current = reading.value;
      return em.save(kpi);
    });
  }

  /**
   * Records dated histories of readings, of one or several KPIs, in one transaction (see
   * KeyResultService.recordHistory): each KPI then holds the newest reading of its whole history.
   */
  recordHistory(
    actor: Actor,
    histories: readonly { kpiId: string; entries: readonly DatedReading[] }[],
  ): Promise<Kpi[]> {
    return this.tenant.run(actor, async (em) => {
      const now = new Date();
      const rows: Parameters<typeof insertDatedCheckIns>[2] = [];
      const ordered = histories
        .map((history, h) => ({ ...history, path: `histories[${h}]` }))
        .sort((a, b) => a.kpiId.localeCompare(b.kpiId));
      const locked: Kpi[] = [];
      for (const { kpiId, entries, path } of ordered) {
        const kpi = await lockMeasured(em, Kpi, 'KPI', kpiId);
        if (kpi.archivedAt)
          throw DomainError.badInput(`${path}.kpiId`, `KPI "${kpi.key}" is archived`);
        for (const entry of checkedHistory(entries, now, `${path}.entries`))
          rows.push({
            organizationId: actor.organizationId,
            kpiId: kpi.id,
            value: entry.value,
            note: entry.note,
            authorId: actor.userId,
            createdAt: entry.at,
          });
        locked.push(kpi);
      }
      await insertDatedCheckIns(em, KpiCheckIn, rows);
      const newest: { kpi_id: string; value: number }[] = await em.query(
        `SELECT DISTINCT ON (kpi_id) kpi_id, value::float8 AS value
           FROM kpi_check_ins WHERE organization_id = $2 AND kpi_id = ANY($1::uuid[])
          ORDER BY kpi_id, created_at DESC`,
        [locked.map((kpi) => kpi.id), organizationOf(em)],
      );
      for (const row of newest) locked.find((k) => k.id === row.kpi_id)!.current = row.value;
      return em.save(locked);
    });
  }

  /** KPIs measure live goals: an archived goal takes no new ones. */
  private async assertGoal(em: EntityManager, id: string): Promise<void> {
    const goal = await findOrNotFound(em, StrategicGoal, 'strategic goal', id);
    if (goal.status === 'ARCHIVED') {
      throw DomainError.badInput('input.goalId', `strategic goal "${goal.key}" is archived`);
    }
  }
}

function assertRange(healthyMin: number | null, healthyMax: number | null): void {
  const problem = kpiRangeProblem(healthyMin, healthyMax);
  if (problem) throw DomainError.badInput('input.healthyMax', problem);
}
