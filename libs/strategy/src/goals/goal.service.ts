import { Inject, Injectable } from '@nestjs/common';
import {
  assertKeyFree,
  findByIdOrKey,
  findForEdit,
  pageQuery,
  Tenant,
  type Actor,
  type IdOrKeyArgs,
  type Page,
} from '@app/common';
import { StrategicGoal, Vision } from '@app/database';
import { DomainError } from '@app/domain';
import type {
  CreateStrategicGoalInput,
  StrategicGoalListArgs,
  UpdateStrategicGoalInput,
} from './goal.inputs.js';

@Injectable()
export class GoalService {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  get(actor: Actor, args: IdOrKeyArgs): Promise<StrategicGoal> {
    return this.tenant.run(actor, (em) => findByIdOrKey(em, StrategicGoal, 'strategic goal', args));
  }

  list(actor: Actor, args: StrategicGoalListArgs): Promise<Page<StrategicGoal>> {
    return this.tenant.run(actor, (em) =>
      pageQuery(
        em
          .createQueryBuilder(StrategicGoal, 'g')
          .where('g.status = :status', { status: args.status ?? 'ACTIVE' }),
        'key',
        args,
      ),
    );
  }

  create(actor: Actor, input: CreateStrategicGoalInput): Promise<StrategicGoal> {
    return this.tenant.run(actor, async (em) => {
      const vision = await em.findOne(Vision, { where: { organizationId: actor.organizationId } });
      if (!vision) throw DomainError.notFound('vision of organization', actor.organizationId);
      await assertKeyFree(em, StrategicGoal, 'a strategic goal', input.key);
      const goal = em.create(StrategicGoal, {
        organizationId: actor.organizationId,
        visionId: vision.id,
        key: input.key,
        title: input.title.trim(),
        description: input.description,
        horizon: input.horizon,
        targetShare: input.targetShare ?? null,
      });
      return em.save(goal);
    });
  }

  update(actor: Actor, input: UpdateStrategicGoalInput): Promise<StrategicGoal> {
    return this.tenant.run(actor, async (em) => {
      const goal = await findForEdit(
        em,
        StrategicGoal,
        'strategic goal',
        input.id,
        input.expectedVersion,
      );
      if (input.key !== undefined && input.key !== goal.key)
        await assertKeyFree(em, StrategicGoal, 'a strategic goal', input.key);
      const { id: _id, expectedVersion: _expected, ...changes } = input;
      Object.assign(
        goal,
        Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
      );
      return em.save(goal);
    });
  }

  /** Archived goals leave the alignment report; effort still flowing to them is INACTIVE_TARGET. */
  archive(actor: Actor, id: string, expectedVersion?: number | null): Promise<StrategicGoal> {
    return this.tenant.run(actor, async (em) => {
      const goal = await findForEdit(em, StrategicGoal, 'strategic goal', id, expectedVersion);
      goal.status = 'ARCHIVED';
      return em.save(goal);
    });
  }
}
