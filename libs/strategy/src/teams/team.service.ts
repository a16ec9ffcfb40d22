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
import { Team } from '@app/database';
import type { CreateTeamInput, TeamListArgs, UpdateTeamInput } from './team.inputs.js';

@Injectable()
export class TeamService {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  get(actor: Actor, args: IdOrKeyArgs): Promise<Team> {
    return this.tenant.run(actor, (em) => findByIdOrKey(em, Team, 'team', args));
  }

  list(actor: Actor, args: TeamListArgs): Promise<Page<Team>> {
    return this.tenant.run(actor, (em) => {
      const qb = em.createQueryBuilder(Team, 't');
      if (!args.includeArchived) qb.andWhere('t.archivedAt IS NULL');
      return pageQuery(qb, 'key', args);
    });
  }

  create(actor: Actor, input: CreateTeamInput): Promise<Team> {
    return this.tenant.run(actor, async (em) => {
      await assertKeyFree(em, Team, 'a team', input.key);
      return em.save(
        em.create(Team, {
          organizationId: actor.organizationId,
          key: input.key,
          name: input.name.trim(),
          capacity: input.capacity,
        }),
      );
    });
  }

  update(actor: Actor, input: UpdateTeamInput): Promise<Team> {
    return this.tenant.run(actor, async (em) => {
      const team = await findForEdit(em, Team, 'team', input.id, input.expectedVersion);
      if (input.key !== undefined && input.key !== team.key) {
        await assertKeyFree(em, Team, 'a team', input.key);
        team.key = input.key;
      }
      if (input.name !== undefined) team.name = input.name.trim();
      if (input.capacity !== undefined) team.capacity = input.capacity;
      return em.save(team);
    });
  }

  /** Archived teams leave lists; their objectives, sprints and history stay. */
  archive(actor: Actor, id: string, expectedVersion?: number | null): Promise<Team> {
    return this.tenant.run(actor, async (em) => {
      const team = await findForEdit(em, Team, 'team', id, expectedVersion);
      team.archivedAt ??= new Date();
      return em.save(team);
    });
  }
}
