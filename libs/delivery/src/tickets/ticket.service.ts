import { Inject, Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import {
  assertKeyFree,
  findByIdOrKey,
  findForEdit,
  pageQuery,
  Tenant,
  type Actor,
  type Page,
} from '@app/common';
import { Initiative, Organization, Sprint, Team, Ticket } from '@app/database';
import {
  DomainError,
  isSubTask,
  resolveSettings,
  statusCategoryOf,
  workTypeOf,
  type OrganizationSettings,
  type StatusCategory,
} from '@app/domain';
import { writeSprintHistories } from './sprint-history.js';
import { findTicketByKey, sourceName } from './ticket-by-key.js';
import type {
  CreateTicketInput,
  TicketArgs,
  TicketListArgs,
  UpdateTicketInput,
} from './ticket.inputs.js';

/** Guards a runaway walk up a corrupted parent chain; real chains are one or two levels deep. */
const MAX_PARENT_DEPTH = 100;

@Injectable()
export class TicketService {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  /** A ticket's key is its externalKey (PAY-123), unique per source (`sourceId` picks one). */
  get(actor: Actor, args: TicketArgs): Promise<Ticket> {
    return this.tenant.run(actor, async (em) => {
      if (args.sourceId && args.id)
        throw DomainError.badInput('sourceId', 'goes with key (an id names one ticket already)');
      if (args.sourceId && !args.key) {
        const source = await sourceName(em, args.sourceId);
        throw DomainError.badInput('key', `give the key of the ticket in source ${source}`);
      }
      if (args.id || !args.key) return findByIdOrKey(em, Ticket, 'ticket', args, 'externalKey');
      return findTicketByKey(em, 'ticket', args.key, args.sourceId, {
        key: 'key',
        sourceId: 'sourceId',
      });
    });
  }

  list(actor: Actor, args: TicketListArgs): Promise<Page<Ticket>> {
    return this.tenant.run(actor, async (em) => {
      const qb = em.createQueryBuilder(Ticket, 't').where('1 = 1');
      if (!args.includeArchived) qb.andWhere('t.archivedAt IS NULL');
      if (args.statusCategory)
        qb.andWhere('t.statusCategory = :statusCategory', { statusCategory: args.statusCategory });
      if (args.sprintKey) {
        const sprint = await findByIdOrKey(em, Sprint, 'sprint', { key: args.sprintKey });
        qb.andWhere('t.currentSprintId = :sprintId', { sprintId: sprint.id });
      }
      if (args.teamKey) {
        const team = await findByIdOrKey(em, Team, 'team', { key: args.teamKey });
        qb.andWhere(
          `EXISTS (SELECT 1 FROM sprints s WHERE s.organization_id = t.organization_id
             AND s.id = t.current_sprint_id AND s.team_id = :teamId)`,
          { teamId: team.id },
        );
      }
      if (args.initiativeKey) {
        const initiative = await findByIdOrKey(em, Initiative, 'initiative', {
          key: args.initiativeKey,
        });
        qb.andWhere(
          `EXISTS (SELECT 1 FROM ticket_links l WHERE l.organization_id = t.organization_id
             AND l.ticket_id = t.id AND l.initiative_id = :initiativeId)`,
          { initiativeId: initiative.id },
        );
      }
      if (args.unlinked !== undefined && args.unlinked !== null) {
        qb.andWhere(
          `${args.unlinked ? 'NOT ' : ''}EXISTS (SELECT 1 FROM ticket_links u
             WHERE u.organization_id = t.organization_id AND u.ticket_id = t.id)`,
        );
      }
      return pageQuery(qb, 'externalKey', args);
    });
  }

  create(actor: Actor, input: CreateTicketInput): Promise<Ticket> {
    return this.tenant.run(actor, async (em) => {
      const settings = await this.settingsOf(em, actor);
      await assertKeyFree(em, Ticket, 'a ticket', input.externalKey, 'externalKey');
      const sprints = await this.sprintsByKeys(em, input.sprintKeys ?? []);
      let parentTicketId: string | null = null;
      if (input.parentKey) {
        if (input.parentKey === input.externalKey) throw ownParent();
        parentTicketId = (await this.parentByKey(em, input.parentKey, input.parentSourceId)).id;
      }
      const ticket = await em.save(
        em.create(Ticket, {
          organizationId: actor.organizationId,
          externalKey: input.externalKey,
          externalId: input.externalId ?? null,
          title: input.title.trim(),
          type: input.type.trim(),
          labels: input.labels,
          workType: workTypeOf(input.labels, input.type.trim(), settings.workTypeMapping),
          statusCategory: statusOf(input.statusCategory, input.rawStatus, settings),
          rawStatus: input.rawStatus?.trim() ?? '',
          points: input.points ?? null,
          parentTicketId,
          parentKey: input.parentKey ?? null,
          subtask: isSubTask({ type: input.type, hasParent: parentTicketId !== null }),
        }),
      );
      await this.writeSprintHistory(em, ticket, sprints);
      return ticket;
    });
  }

  update(actor: Actor, input: UpdateTicketInput): Promise<Ticket> {
    return this.tenant.run(actor, async (em) => {
      const ticket = await findForEdit(em, Ticket, 'ticket', input.id, input.expectedVersion);
      const {
        id: _id,
        expectedVersion: _expected,
        sprintKeys,
        parentKey,
        parentSourceId,
        rawStatus,
        statusCategory,
        ...fields
      } = input;
      if (fields.externalKey !== undefined && fields.externalKey !== ticket.externalKey)
        await assertKeyFree(em, Ticket, 'a ticket', fields.externalKey, 'externalKey');
      const sprints = sprintKeys === undefined ? null : await this.sprintsByKeys(em, sprintKeys);
      if (parentKey !== undefined) {
        ticket.parentTicketId =
          parentKey === null
            ? null
            : await this.parentFor(
                em,
                actor,
                ticket,
                parentKey,
                parentSourceId,
                fields.externalKey,
              );
        ticket.parentKey = parentKey;
      }
      Object.assign(
        ticket,
        Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
      );
      ticket.title = ticket.title.trim();
      ticket.type = ticket.type.trim();
      if (rawStatus !== undefined) ticket.rawStatus = rawStatus.trim();
      const settings = await this.settingsOf(em, actor);
      if (statusCategory !== undefined || rawStatus !== undefined)
        ticket.statusCategory = statusOf(statusCategory, rawStatus, settings);
      ticket.workType = workTypeOf(ticket.labels, ticket.type, settings.workTypeMapping);
      ticket.subtask = isSubTask({ type: ticket.type, hasParent: ticket.parentTicketId !== null });
      await em.save(ticket);
      if (sprints) await this.writeSprintHistory(em, ticket, sprints);
      return ticket;
    });
  }

  /** Archived tickets leave the lists and the alignment; their links and history are kept. */
  archive(actor: Actor, id: string, expectedVersion?: number | null): Promise<Ticket> {
    return this.tenant.run(actor, async (em) => {
      const ticket = await findForEdit(em, Ticket, 'ticket', id, expectedVersion);
      ticket.archivedAt ??= new Date();
      return em.save(ticket);
    });
  }

  /** Replaces the ticket's sprint history (already checked) and its current sprint. */
  private async writeSprintHistory(
    em: EntityManager,
    ticket: Ticket,
    sprints: Sprint[],
  ): Promise<void> {
    await writeSprintHistories(em, ticket.organizationId, [
      { ticketId: ticket.id, sprintIds: sprints.map((sprint) => sprint.id) },
    ]);
    ticket.currentSprintId = sprints.at(-1)?.id ?? null;
  }

  /** The sprints named by `keys`, in that order; NOT_FOUND naming the first unknown key. */
  private async sprintsByKeys(em: EntityManager, keys: string[]): Promise<Sprint[]> {
    if (keys.length === 0) return [];
    const found = await em.find(Sprint, { where: { key: In(keys) } });
    const byKey = new Map(found.map((sprint) => [sprint.key, sprint]));
    return keys.map((key) => {
      const sprint = byKey.get(key);
      if (!sprint) throw DomainError.notFound('sprint', `with key "${key}"`);
      return sprint;
    });
  }

  /**
   * The new parent of `ticket`, refusing itself and any sub-task below it (which would close a
   * loop in which no ticket carries the effort). Parent changes of an organization are serialized
   * so that two concurrent updates cannot close a loop together.
   */
  private async parentFor(
    em: EntityManager,
    actor: Actor,
    ticket: Ticket,
    parentKey: string,
    parentSourceId: string | null | undefined,
    newKey: string | undefined,
  ): Promise<string> {
    if (parentKey === (newKey ?? ticket.externalKey) && !parentSourceId) throw ownParent();
    await this.tenant.lock(em, actor, 'ticket-parents');
    const parent = await this.parentByKey(em, parentKey, parentSourceId);
    if (parent.id === ticket.id) throw ownParent();
    const chain = (await em.query(
      `WITH RECURSIVE up(id, parent_ticket_id, external_key, depth) AS (
         SELECT id, parent_ticket_id, external_key, 0 FROM tickets
         WHERE organization_id = $1 AND id = $2
         UNION ALL
         SELECT t.id, t.parent_ticket_id, t.external_key, up.depth + 1
         FROM tickets t JOIN up ON t.organization_id = $1 AND t.id = up.parent_ticket_id
         WHERE up.depth < $3)
       SELECT id, external_key FROM up ORDER BY depth`,
      [actor.organizationId, parent.id, MAX_PARENT_DEPTH],
    )) as { id: string; external_key: string }[];
    const at = chain.findIndex((row) => row.id === ticket.id);
    if (at >= 0) {
      const loop = [ticket.externalKey, ...chain.slice(0, at + 1).map((row) => row.external_key)];
      throw DomainError.badInput(
        'input.parentKey',
        `${parentKey} is a sub-task below ${ticket.externalKey}: the parents would form a loop (${loop.join(' -> ')})`,
      );
    }
    return parent.id;
  }

  private parentByKey(
    em: EntityManager,
    key: string,
    sourceId: string | null | undefined,
  ): Promise<Ticket> {
    return findTicketByKey(em, 'parent ticket', key, sourceId, {
      key: 'input.parentKey',
      sourceId: 'input.parentSourceId',
    });
  }

  private async settingsOf(em: EntityManager, actor: Actor): Promise<OrganizationSettings> {
    const org = await em.findOneOrFail(Organization, { where: { id: actor.organizationId } });
    return resolveSettings(org.settings);
  }
}

/** An explicit statusCategory wins; otherwise rawStatus goes through the organization's mapping. */
function statusOf(
  statusCategory: StatusCategory | null | undefined,
  rawStatus: string | null | undefined,
  settings: OrganizationSettings,
): StatusCategory {
  if (statusCategory) return statusCategory;
  if (rawStatus?.trim()) {
    const mapped = statusCategoryOf(rawStatus, settings.statusMapping);
    if (mapped) return mapped;
    throw DomainError.badInput(
      'input.rawStatus',
      `"${rawStatus.trim()}" is not in the organization's status mapping: give statusCategory too (or add it to the mapping)`,
    );
  }
  throw DomainError.badInput(
    'input.statusCategory',
    'give statusCategory, or a rawStatus that the status mapping knows',
  );
}

function ownParent(): DomainError {
  return DomainError.badInput('input.parentKey', 'a ticket cannot be its own parent');
}
