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
import { Cycle } from '@app/database';
import { DomainError, isDateRange } from '@app/domain';
import type { CreateCycleInput, CycleListArgs, UpdateCycleInput } from './cycle.inputs.js';

@Injectable()
export class CycleService {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  get(actor: Actor, args: IdOrKeyArgs): Promise<Cycle> {
    return this.tenant.run(actor, (em) => findByIdOrKey(em, Cycle, 'cycle', args));
  }

  /** Ordered by start date, the way people read a calendar. */
  list(actor: Actor, args: CycleListArgs): Promise<Page<Cycle>> {
    return this.tenant.run(actor, (em) => {
      const qb = em.createQueryBuilder(Cycle, 'c');
      if (!args.includeArchived) qb.andWhere('c.archivedAt IS NULL');
      if (args.state) qb.andWhere('c.state = :state', { state: args.state });
      return pageQuery(qb, 'startDate', args);
    });
  }

  /** A new cycle is DRAFT: only lockCycle and closeCycle move it on (docs/design.md 3). */
  create(actor: Actor, input: CreateCycleInput): Promise<Cycle> {
    return this.tenant.run(actor, async (em) => {
      if (!isDateRange(input.startDate, input.endDate)) {
        throw DomainError.badInput(
          'input.endDate',
          `must be on or after startDate (${input.startDate})`,
        );
      }
      await assertKeyFree(em, Cycle, 'a cycle', input.key);
      return em.save(
        em.create(Cycle, {
          organizationId: actor.organizationId,
          key: input.key,
          name: input.name.trim(),
          startDate: input.startDate,
          endDate: input.endDate,
          state: 'DRAFT',
        }),
      );
    });
  }

  update(actor: Actor, input: UpdateCycleInput): Promise<Cycle> {
    return this.tenant.run(actor, async (em) => {
      const cycle = await findForEdit(em, Cycle, 'cycle', input.id, input.expectedVersion);
      const startDate = input.startDate ?? cycle.startDate;
      const endDate = input.endDate ?? cycle.endDate;
      if (!isDateRange(startDate, endDate)) {
        throw input.endDate !== undefined
          ? DomainError.badInput('input.endDate', `must be on or after startDate (${startDate})`)
          : DomainError.badInput('input.startDate', `must be on or before endDate (${endDate})`);
      }
      if (input.key !== undefined && input.key !== cycle.key)
        await assertKeyFree(em, Cycle, 'a cycle', input.key);
      if (input.key !== undefined) cycle.key = input.key;
      if (input.name !== undefined) cycle.name = input.name.trim();
      cycle.startDate = startDate;
      cycle.endDate = endDate;
      return em.save(cycle);
    });
  }

  /** An ACTIVE cycle is the one being measured: close it before archiving it. */
  archive(actor: Actor, id: string, expectedVersion?: number | null): Promise<Cycle> {
    return this.tenant.run(actor, async (em) => {
      const cycle = await findForEdit(em, Cycle, 'cycle', id, expectedVersion);
      if (cycle.state === 'ACTIVE') {
        throw DomainError.badInput(
          'id',
          `cycle "${cycle.key}" is ACTIVE: close it before archiving it`,
        );
      }
      cycle.archivedAt ??= new Date();
      return em.save(cycle);
    });
  }
}
