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
import { Cycle, Objective, Team } from '@app/database';
import { DomainError } from '@app/domain';
import type {
  CreateObjectiveInput,
  ObjectiveListArgs,
  UpdateObjectiveInput,
} from './objective.inputs.js';

@Injectable()
export class ObjectiveService {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  get(actor: Actor, args: IdOrKeyArgs): Promise<Objective> {
    return this.tenant.run(actor, (em) => findByIdOrKey(em, Objective, 'objective', args));
  }

  list(actor: Actor, args: ObjectiveListArgs): Promise<Page<Objective>> {
    return this.tenant.run(actor, async (em) => {
      const qb = em.createQueryBuilder(Objective, 'o');
      if (args.status) qb.andWhere('o.status = :status', { status: args.status });
      else qb.andWhere(`o.status <> 'ARCHIVED'`);
      if (args.cycleKey) {
        const cycle = await findByIdOrKey(em, Cycle, 'cycle', { key: args.cycleKey });
        qb.andWhere('o.cycleId = :cycleId', { cycleId: cycle.id });
      }
      if (args.teamKey) {
        const team = await findByIdOrKey(em, Team, 'team', { key: args.teamKey });
        qb.andWhere('o.teamId = :teamId', { teamId: team.id });
      }
      return pageQuery(qb, 'key', args);
    });
  }

  create(actor: Actor, input: CreateObjectiveInput): Promise<Objective> {
    return this.tenant.run(actor, async (em) => {
      await assertKeyFree(em, Objective, 'an objective', input.key);
      await this.assertCycle(em, input.cycleId);
      if (input.teamId) await this.assertTeam(em, input.teamId);
      return em.save(
        em.create(Objective, {
          organizationId: actor.organizationId,
          key: input.key,
          cycleId: input.cycleId,
          teamId: input.teamId ?? null,
          title: input.title.trim(),
          description: input.description,
          status: input.status,
        }),
      );
    });
  }

  update(actor: Actor, input: UpdateObjectiveInput): Promise<Objective> {
    return this.tenant.run(actor, async (em) => {
      const objective = await findForEdit(
        em,
        Objective,
        'objective',
        input.id,
        input.expectedVersion,
      );
      if (input.key !== undefined && input.key !== objective.key) {
        await assertKeyFree(em, Objective, 'an objective', input.key);
        objective.key = input.key;
      }
      if (input.cycleId !== undefined && input.cycleId !== objective.cycleId) {
        await this.assertCycle(em, input.cycleId);
        objective.cycleId = input.cycleId;
      }
      if (input.teamId !== undefined && input.teamId !== objective.teamId) {
        if (input.teamId !== null) await this.assertTeam(em, input.teamId);
        objective.teamId = input.teamId;
      }
      if (input.title !== undefined) objective.title = input.title.trim();
      if (input.description !== undefined) objective.description = input.description;
      if (input.status !== undefined) objective.status = input.status;
      return em.save(objective);
    });
  }

  /** Archived objectives leave lists; effort still flowing to them is INACTIVE_TARGET. */
  archive(actor: Actor, id: string, expectedVersion?: number | null): Promise<Objective> {
    return this.tenant.run(actor, async (em) => {
      const objective = await findForEdit(em, Objective, 'objective', id, expectedVersion);
      objective.status = 'ARCHIVED';
      return em.save(objective);
    });
  }

  /** New work is not planned into archived cycles or for archived teams. */
  private async assertCycle(em: EntityManager, id: string): Promise<void> {
    const cycle = await findOrNotFound(em, Cycle, 'cycle', id);
    if (cycle.archivedAt)
      throw DomainError.badInput('input.cycleId', `cycle "${cycle.key}" is archived`);
  }

  private async assertTeam(em: EntityManager, id: string): Promise<void> {
    const team = await findOrNotFound(em, Team, 'team', id);
    if (team.archivedAt)
      throw DomainError.badInput('input.teamId', `team "${team.key}" is archived`);
  }
}
