import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  assertKeyFree,
  assertVersion,
  findByIdOrKey,
  findForEdit,
  findOrNotFound,
  pageQuery,
  Tenant,
  type Actor,
  type IdOrKeyArgs,
  type Page,
} from '@app/common';
import { Sprint, Team } from '@app/database';
import { DomainError } from '@app/domain';
import type { CreateSprintInput, SprintListArgs, UpdateSprintInput } from './sprint.inputs.js';

@Injectable()
export class SprintService {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  get(actor: Actor, args: IdOrKeyArgs): Promise<Sprint> {
    return this.tenant.run(actor, (em) => findByIdOrKey(em, Sprint, 'sprint', args));
  }

  /** Ordered by start date (then id): the order a team lived them in. */
  list(actor: Actor, args: SprintListArgs): Promise<Page<Sprint>> {
    return this.tenant.run(actor, async (em) => {
      const qb = em.createQueryBuilder(Sprint, 's').where('1 = 1');
      if (!args.includeArchived) qb.andWhere('s.archivedAt IS NULL');
      if (args.state) qb.andWhere('s.state = :state', { state: args.state });
      if (args.teamKey) {
        const team = await findByIdOrKey(em, Team, 'team', { key: args.teamKey });
        qb.andWhere('s.teamId = :teamId', { teamId: team.id });
      }
      return pageQuery(qb, 'startDate', args);
    });
  }

  create(actor: Actor, input: CreateSprintInput): Promise<Sprint> {
    return this.tenant.run(actor, async (em) => {
      await findOrNotFound(em, Team, 'team', input.teamId);
      await assertKeyFree(em, Sprint, 'a sprint', input.key);
      await this.assertNameFree(em, input.name.trim());
      assertDates(input.startDate, input.endDate);
      const sprint = em.create(Sprint, {
        organizationId: actor.organizationId,
        key: input.key,
        teamId: input.teamId,
        name: input.name.trim(),
        startDate: input.startDate,
        endDate: input.endDate,
        state: 'FUTURE',
        externalId: input.externalId ?? null,
      });
      return em.save(sprint);
    });
  }

  update(actor: Actor, input: UpdateSprintInput): Promise<Sprint> {
    return this.tenant.run(actor, async (em) => {
      const sprint = await findForEdit(em, Sprint, 'sprint', input.id, input.expectedVersion);
      if (input.teamId !== undefined) await findOrNotFound(em, Team, 'team', input.teamId);
      if (input.key !== undefined && input.key !== sprint.key)
        await assertKeyFree(em, Sprint, 'a sprint', input.key);
      const name = input.name?.trim();
      if (name !== undefined && name !== sprint.name) await this.assertNameFree(em, name);
      assertDates(input.startDate ?? sprint.startDate, input.endDate ?? sprint.endDate);
      const { id: _id, expectedVersion: _expected, ...changes } = { ...input, name };
      Object.assign(
        sprint,
        Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
      );
      return em.save(sprint);
    });
  }

  /**
   * FUTURE -> ACTIVE (docs/design.md 3: a sprint's state changes only through startSprint and
   * closeSprint). A team may run several ACTIVE sprints at once, as trackers with parallel
   * sprints do; the default alignment scope counts them all.
   */
  start(actor: Actor, key: string, expectedVersion?: number | null): Promise<Sprint> {
    return this.tenant.run(actor, async (em) => {
      // Locked whether or not a version is expected: concurrent starts and closes take turns.
      const sprint = await em.findOne(Sprint, {
        where: { key },
        lock: { mode: 'for_no_key_update' },
      });
      if (!sprint) throw DomainError.notFound('sprint', `with key "${key}"`);
      assertVersion(sprint, expectedVersion, `sprint ${key}`);
      if (sprint.archivedAt) throw DomainError.conflict(`sprint "${key}" is archived`);
      if (sprint.state !== 'FUTURE') {
        throw DomainError.conflict(
          `sprint "${key}" is ${sprint.state}: only a FUTURE sprint can be started`,
        );
      }
      sprint.state = 'ACTIVE';
      return em.save(sprint);
    });
  }

  /** Archived sprints leave the lists; tickets keep them in their history. */
  archive(actor: Actor, id: string, expectedVersion?: number | null): Promise<Sprint> {
    return this.tenant.run(actor, async (em) => {
      const sprint = await findForEdit(em, Sprint, 'sprint', id, expectedVersion);
      sprint.archivedAt ??= new Date();
      return em.save(sprint);
    });
  }

  private async assertNameFree(em: EntityManager, name: string): Promise<void> {
    if (await em.exists(Sprint, { where: { name } })) {
      throw DomainError.taken('input.name', `a sprint named "${name}" already exists`);
    }
  }
}

function assertDates(startDate: string, endDate: string): void {
  if (endDate < startDate) {
    throw DomainError.badInput('input.endDate', `must be on or after startDate (${startDate})`);
  }
}
