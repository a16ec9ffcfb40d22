import type { EntityManager } from 'typeorm';
import { organizationOf } from '@app/database';
import type { AlignmentGraph, NodeKind, WeightedLink } from '@app/domain';

/** What the API shows of a node in explanations: its key and title. */
export interface NodeLabel {
  key: string;
  title: string;
}

export interface LoadedGraph {
  graph: AlignmentGraph;
  labels: Map<string, NodeLabel>;
}

export const labelKey = (kind: NodeKind, id: string) => `${kind}:${id}`;

/**
 * The organization's upper graph (goals, objectives, key results, initiatives and their weighted
 * links) in one statement: small next to the tickets, so it is read whole and the flow runs in
 * memory (docs/design.md 6).
 */
export async function loadAlignmentGraph(em: EntityManager): Promise<LoadedGraph> {
  const rows: {
    kind: string;
    id: string;
    key: string | null;
    title: string | null;
    active: boolean;
    a: string | null;
    b: string | null;
    c: string | null;
    w: string | null;
    horizon: string | null;
    share: string | null;
  }[] = await em.query(
    `
      SELECT 'goal' AS kind, id, key, title, status = 'ACTIVE' AS active, NULL AS a, NULL AS b, NULL AS c, NULL AS w, horizon, target_share::text AS share FROM strategic_goals WHERE organization_id = $1
      UNION ALL SELECT 'objective', id, key, title, status = 'ACTIVE', NULL, NULL, NULL, NULL, NULL, NULL FROM objectives WHERE organization_id = $1
      UNION ALL SELECT 'keyResult', id, key, title, archived_at IS NULL, objective_id::text, NULL, NULL, NULL, NULL, NULL FROM key_results WHERE organization_id = $1
      UNION ALL SELECT 'initiative', id, key, title, status <> 'CANCELLED' AND archived_at IS NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM initiatives WHERE organization_id = $1
      UNION ALL SELECT 'objectiveLink', objective_id, NULL, NULL, true, goal_id::text, parent_objective_id::text, key_result_id::text, weight::text, NULL, NULL FROM objective_links WHERE organization_id = $1
      UNION ALL SELECT 'initiativeLink', initiative_id, NULL, NULL, true, key_result_id::text, objective_id::text, NULL, weight::text, NULL, NULL FROM initiative_links WHERE organization_id = $1`,
    [organizationOf(em)],
  );
  const goals = new Map<
    string,
    {
      key: string;
      active: boolean;
      horizon: 'CORE' | 'ADJACENT' | 'TRANSFORMATIONAL';
      targetShare: number | null;
    }
  >();
  const objectives = new Map<string, { active: boolean; links: WeightedLink[] }>();
  const keyResults = new Map<string, { active: boolean; objectiveId: string }>();
  const initiatives = new Map<string, { active: boolean; links: WeightedLink[] }>();
  const labels = new Map<string, NodeLabel>();
  const objectiveLinks: typeof rows = [];
  const initiativeLinks: typeof rows = [];
  for (const r of rows) {
    if (r.kind === 'objectiveLink') objectiveLinks.push(r);
    else if (r.kind === 'initiativeLink') initiativeLinks.push(r);
    else labels.set(labelKey(r.kind as NodeKind, r.id), { key: r.key ?? '', title: r.title ?? '' });
    if (r.kind === 'goal') {
      goals.set(r.id, {
        key: r.key ?? '',
        active: r.active,
        horizon: r.horizon as 'CORE',
        targetShare: r.share === null ? null : Number(r.share),
      });
    } else if (r.kind === 'objective') objectives.set(r.id, { active: r.active, links: [] });
    else if (r.kind === 'keyResult') keyResults.set(r.id, { active: r.active, objectiveId: r.a! });
    else if (r.kind === 'initiative') initiatives.set(r.id, { active: r.active, links: [] });
  }
  for (const l of objectiveLinks) {
    const to = l.a
      ? { kind: 'goal' as const, id: l.a }
      : l.b
        ? { kind: 'objective' as const, id: l.b }
        : { kind: 'keyResult' as const, id: l.c! };
    objectives.get(l.id)?.links.push({ to, weight: Number(l.w) });
  }
  for (const l of initiativeLinks) {
    const to = l.a
      ? { kind: 'keyResult' as const, id: l.a }
      : { kind: 'objective' as const, id: l.b! };
    initiatives.get(l.id)?.links.push({ to, weight: Number(l.w) });
  }
  return { graph: { goals, objectives, keyResults, initiatives }, labels };
}
