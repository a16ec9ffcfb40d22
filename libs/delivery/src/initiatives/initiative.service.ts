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
import { Cycle, Initiative, Team } from '@app/database';
import { DomainError } from '@app/domain';
import type {
  CreateInitiativeInput,
  InitiativeListArgs,
  UpdateInitiativeInput,
} from './initiative.inputs.js';

@Injectable()
export class InitiativeService {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  get(actor: Actor, args: IdOrKeyArgs): Promise<Initiative> {
    return this.tenant.run(actor, (em) => findByIdOrKey(em, Initiative, 'initiative', args));
  }

  list(actor: Actor, args: InitiativeListArgs): Promise<Page<Initiative>> {
    return this.tenant.run(actor, async (em) => {
      const qb = em.createQueryBuilder(Initiative, 'i').where('1 = 1');
      if (!args.includeArchived) qb.andWhere('i.archivedAt IS NULL');
      if (args.status) qb.andWhere('i.status = :status', { status: args.status });
      if (args.teamKey) {
        const team = await findByIdOrKey(em, Team, 'team', { key: args.teamKey });
        qb.andWhere('i.teamId = :teamId', { teamId: team.id });
      }
      if (args.cycleKey) {
        const cycle = await findByIdOrKey(em, Cycle, 'cycle', { key: args.cycleKey });
        qb.andWhere('i.cycleId = :cycleId', { cycleId: cycle.id });
      }
      return pageQuery(qb, 'key', args);
    });
  }

  create(actor: Actor, input: CreateInitiativeInput): Promise<Initiative> {
    return this.tenant.run(actor, async (em) => {
      await this.assertReferences(em, input);
      await assertKeyFree(em, Initiative, 'an initiative', input.key);
      if (input.externalKey) await this.assertExternalKeyFree(em, input.externalKey);
      const initiative = em.create(Initiative, {
        organizationId: actor.organizationId,
        key: input.key,
        externalKey: input.externalKey ?? null,
        title: input.title.trim(),
        teamId: input.teamId ?? null,
        status: input.status,
        priority: input.priority,
        estimate: input.estimate ?? null,
        cycleId: input.cycleId ?? null,
      });
      return em.save(initiative);
    });
  }

  update(actor: Actor, input: UpdateInitiativeInput): Promise<Initiative> {
    return this.tenant.run(actor, async (em) => {
      const initiative = await findForEdit(
        em,
        Initiative,
        'initiative',
        input.id,
        input.expectedVersion,
      );
      await this.assertReferences(em, input);
      if (input.key !== undefined && input.key !== initiative.key)
        await assertKeyFree(em, Initiative, 'an initiative', input.key);
      if (input.externalKey && input.externalKey !== initiative.externalKey)
        await this.assertExternalKeyFree(em, input.externalKey);
      const {
        id: _id,
        expectedVersion: _expected,
        ...changes
      } = { ...input, title: input.title?.trim() };
      Object.assign(
        initiative,
        Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
      );
      return em.save(initiative);
    });
  }

  /** Archived initiatives leave the lists; their links and tickets stay. */
  archive(actor: Actor, id: string, expectedVersion?: number | null): Promise<Initiative> {
    return this.tenant.run(actor, async (em) => {
      const initiative = await findForEdit(em, Initiative, 'initiative', id, expectedVersion);
      initiative.archivedAt ??= new Date();
      return em.save(initiative);
    });
  }

  private async assertReferences(
    em: EntityManager,
    input: { teamId?: string | null; cycleId?: string | null },
  ): Promise<void> {
    if (input.teamId) await findOrNotFound(em, Team, 'team', input.teamId);
    if (input.cycleId) await findOrNotFound(em, Cycle, 'cycle', input.cycleId);
  }

  private async assertExternalKeyFree(em: EntityManager, externalKey: string): Promise<void> {
    if (await em.exists(Initiative, { where: { externalKey } })) {
      throw DomainError.taken(
        'input.externalKey',
        `an initiative with external key "${externalKey}" already exists`,
      );
    }
  }
}
