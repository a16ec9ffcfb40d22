import type { EntityManager } from 'typeorm';
import { InitiativeDependency, type Cycle, type Initiative } from '@app/database';
import { dependencyRisk, type DependencyNode, type DependencyRisk } from '@app/domain';
import type { TeamCapacityType } from './planning.types.js';

/**
 * The dependency risk of a cycle's plan (docs/design.md 3): every dependency of the organization
 * (a planned initiative may wait on one that waits on another, so the whole table is read, one
 * statement; it holds a handful of rows per initiative), the initiatives at their ends with the
 * start of their cycle, and the cut lines of the cycle's capacity plan. `behind` and `atRisk` are
 * narrowed to the planned initiatives and the dependencies they wait on.
 */
export async function dependencyRiskIn(
  em: EntityManager,
  cycle: Cycle,
  planned: readonly Initiative[],
  capacity: readonly TeamCapacityType[],
): Promise<DependencyRisk> {
  const dependencies = await em.find(InitiativeDependency, { order: { id: 'ASC' } });
  if (!dependencies.length) return { atRisk: [], behind: new Map() };
  const ids = [...new Set(dependencies.flatMap((d) => [d.initiativeId, d.blockedById]))];
  const rows: {
    id: string;
    status: DependencyNode['status'];
    archived: boolean;
    priority: DependencyNode['priority'];
    cycle_id: string | null;
    cycle_start: string | null;
  }[] = await em.query(
    `SELECT i.id, i.status, i.archived_at IS NOT NULL AS archived, i.priority, i.cycle_id,
            to_char(c.start_date, 'YYYY-MM-DD') AS cycle_start
       FROM initiatives i
       LEFT JOIN cycles c ON c.organization_id = i.organization_id AND c.id = i.cycle_id
      WHERE i.id = ANY($1::uuid[])`,
    [ids],
  );
  const nodes = new Map(
    rows.map((r): [string, DependencyNode] => [
      r.id,
      {
        id: r.id,
        status: r.status,
        archived: r.archived,
        priority: r.priority,
        cycle: r.cycle_id && r.cycle_start ? { id: r.cycle_id, start: r.cycle_start } : null,
      },
    ]),
  );
  const aboveCut = new Map(
    capacity.flatMap((team) => team.lines.map((line) => [line.initiative.id, line.aboveCut])),
  );
  const risk = dependencyRisk(
    nodes,
    dependencies,
    { id: cycle.id, start: cycle.startDate },
    aboveCut,
  );
  const behind = new Map(
    planned.filter((i) => risk.behind.has(i.id)).map((i) => [i.id, risk.behind.get(i.id)!]),
  );
  const waitedOn = new Set([...behind.values()].flat());
  return { atRisk: risk.atRisk.filter((d) => waitedOn.has(d.id)), behind };
}
