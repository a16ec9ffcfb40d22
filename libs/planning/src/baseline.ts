import { In, type EntityManager } from 'typeorm';
import type { Actor } from '@app/common';
import { CycleBaseline, InitiativeLink, ObjectiveLink, type Cycle } from '@app/database';
import { livePlan } from './plan-figures.js';
import { cycleTree } from './plan.queries.js';

/**
 * Stores a cycle's baseline (docs/design.md 3): the tree, links, estimates and projected alignment as
 * they stand in the caller's transaction, which reads one snapshot (lockCycle runs it under
 * Tenant.snapshotWrite; a plan import holds the organization's link lock). `loaded` marks one a
 * plan file loaded rather than lockCycle.
 */
export async function storeBaseline(
  em: EntityManager,
  actor: Actor,
  cycle: Cycle,
  loaded: boolean,
): Promise<CycleBaseline> {
  const { planned: initiatives, projected } = await livePlan(em, actor, cycle);
  const { objectives, keyResults } = await cycleTree(em, cycle.id);
  const objectiveLinks = objectives.length
    ? await em.find(ObjectiveLink, { where: { objectiveId: In(objectives.map((o) => o.id)) } })
    : [];
  const initiativeLinks = initiatives.length
    ? await em.find(InitiativeLink, {
        where: { initiativeId: In(initiatives.map((i) => i.id)) },
      })
    : [];
  return em.save(
    em.create(CycleBaseline, {
      organizationId: actor.organizationId,
      cycleId: cycle.id,
      tree: { objectives, keyResults } as unknown as Record<string, unknown>,
      links: { objectiveLinks, initiativeLinks } as unknown as Record<string, unknown>,
      estimates: {
        initiatives: initiatives.map((i) => ({
          id: i.id,
          key: i.key,
          title: i.title,
          teamId: i.teamId,
          status: i.status,
          priority: i.priority,
          estimate: i.estimate,
        })),
      },
      projected: JSON.parse(JSON.stringify(projected)) as Record<string, unknown>,
      lockedBy: actor.userId,
      loaded,
    }),
  );
}
