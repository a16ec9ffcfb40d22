import type { EntityManager } from 'typeorm';
import { hydrate, KeyResult, Kpi, organizationOf } from '@app/database';
import { checkInOverdue } from '@app/domain';
import type { OverdueCheckInType } from './gaps.type.js';

/**
 * Key results of ACTIVE objectives in the ACTIVE cycle and live KPIs whose check-in is overdue
 * (docs/design.md 2.3: `checkInEveryDays` after the last check-in, or after the cycle's start /
 * the KPI's creation when there is none), most overdue first, capped. Two statements: each row
 * comes with its last check-in's time; the rule itself is the domain's `checkInOverdue`.
 */
export async function overdueCheckIns(
  em: EntityManager,
  everyDays: number,
  now: Date,
  limit: number,
): Promise<OverdueCheckInType[]> {
  const krRows: (Record<string, unknown> & { since: Date; last_check_in_at: Date | null })[] =
    await em.query(
      `SELECT kr.*, (c.start_date::timestamp AT TIME ZONE 'UTC') AS since,
              (SELECT max(ci.created_at) FROM check_ins ci
                WHERE ci.organization_id = kr.organization_id AND ci.key_result_id = kr.id) AS last_check_in_at
         FROM key_results kr
         JOIN objectives o ON o.organization_id = kr.organization_id AND o.id = kr.objective_id
         JOIN cycles c ON c.organization_id = o.organization_id AND c.id = o.cycle_id
        WHERE kr.organization_id = $1
          AND c.state = 'ACTIVE' AND o.status = 'ACTIVE' AND kr.archived_at IS NULL`,
      [organizationOf(em)],
    );
  const kpiRows: (Record<string, unknown> & { since: Date; last_check_in_at: Date | null })[] =
    await em.query(
      `SELECT k.*, k.created_at AS since,
              (SELECT max(ci.created_at) FROM kpi_check_ins ci
                WHERE ci.organization_id = k.organization_id AND ci.kpi_id = k.id) AS last_check_in_at
         FROM kpis k
        WHERE k.organization_id = $1 AND k.archived_at IS NULL`,
      [organizationOf(em)],
    );
  const keyResults = hydrate(em, KeyResult, krRows);
  const kpis = hydrate(em, Kpi, kpiRows);
  const out: OverdueCheckInType[] = [];
  krRows.forEach((row, i) => {
    const due = checkInOverdue(row.last_check_in_at, row.since, now, everyDays);
    if (due)
      out.push({
        keyResult: keyResults[i],
        kpi: null,
        lastCheckInAt: row.last_check_in_at,
        ...due,
      });
  });
  kpiRows.forEach((row, i) => {
    const due = checkInOverdue(row.last_check_in_at, row.since, now, everyDays);
    if (due)
      out.push({ keyResult: null, kpi: kpis[i], lastCheckInAt: row.last_check_in_at, ...due });
  });
  const keyOf = (o: OverdueCheckInType) => (o.keyResult ?? o.kpi)!.key;
  return out
    .sort((a, b) => b.daysOverdue - a.daysOverdue || keyOf(a).localeCompare(keyOf(b)))
    .slice(0, limit);
}
