import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { applyScope, Membership, User, type Role } from '@app/database';
import {
  assertVersion,
  decodeCursor,
  encodeCursor,
  hasRole,
  Tenant,
  type Actor,
  type Page,
} from '@app/common';
import { DomainError } from '@app/domain';
import { SessionCache } from '../access/session-cache.js';
import { hashInviteSecret } from '../auth/auth.service.js';
import type { ChangeMemberRoleInput, InviteMemberInput } from './members.inputs.js';

const INVITE_LIFETIME_MS = 7 * 24 * 3600 * 1000;

export interface MemberRow {
  user: User;
  role: Role;
  joinedAt: Date | null;
  invitePending: boolean;
  version: number;
}

/**
 * Membership rules: ADMIN and above manage members; only an OWNER grants, changes or removes the
 * OWNER role; an organization always keeps at least one OWNER.
 */
@Injectable()
export class MembersService {
  constructor(
    @Inject(Tenant) private readonly tenant: Tenant,
    @Inject(SessionCache) private readonly sessions: SessionCache,
  ) {}

  list(actor: Actor, first: number, after: string | null): Promise<Page<MemberRow>> {
    return this.tenant.run(actor, async (em) => {
      const qb = em
        .createQueryBuilder(Membership, 'm')
        .innerJoinAndMapOne('m.user', User, 'u', 'u.id = m.userId')
        .where('m.organizationId = :org', { org: actor.organizationId })
        .orderBy('u.email')
        .take(first + 1);
      if (after) qb.andWhere('u.email > :after', { after: decodeCursor(after)[0] });
      const rows = (await qb.getMany()) as (Membership & { user: User })[];
      const nodes = rows.slice(0, first).map(toRow);
      const last = nodes[nodes.length - 1];
      return {
        nodes,
        pageInfo: {
          hasNextPage: rows.length > first,
          endCursor: last ? encodeCursor(last.user.email, last.user.id) : null,
        },
      };
    });
  }

  /** The caller's own membership: the dashboard asks for its role rather than decoding the token. */
  me(actor: Actor): Promise<MemberRow> {
    return this.tenant.run(actor, async (em) => {
      const membership = await em
        .createQueryBuilder(Membership, 'm')
        .innerJoinAndMapOne('m.user', User, 'u', 'u.id = m.userId')
        .where('m.organizationId = :org AND m.userId = :user', {
          org: actor.organizationId,
          user: actor.userId,
        })
        .getOne();
      if (!membership) throw DomainError.notFound('member', actor.userId);
      // The role the caller acts with: an API token's is capped by its scope (READ: VIEWER,
      // WRITE: at most EDITOR), which is what a client deciding what to show needs to know.
      return { ...toRow(membership as Membership & { user: User }), role: actor.role };
    });
  }

  async invite(
    actor: Actor,
    input: InviteMemberInput,
  ): Promise<{ member: MemberRow; inviteToken: string; expiresAt: Date }> {
    this.assertMayGrant(actor, input.role);
    const email = input.email.trim().toLowerCase();
    return this.tenant.run(actor, async (em) => {
      await applyScope(em, {
        organizationId: actor.organizationId,
        userId: actor.userId,
        authEmail: email,
      });
      let user = await em.findOne(User, { where: { email } });
      if (!user) {
        user = await em.save(
          em.create(User, {
            email,
            name: input.name?.trim() || email.split('@')[0],
            passwordHash: null,
          }),
        );
      }
      const existing = await em.findOne(Membership, {
        where: { organizationId: actor.organizationId, userId: user.id },
      });
      if (existing) {
        throw DomainError.conflict(
          `${email} is already ${existing.joinedAt ? 'a member' : 'invited'}`,
        );
      }
      const secret = randomBytes(24).toString('base64url');
      const expiresAt = new Date(Date.now() + INVITE_LIFETIME_MS);
      await em.insert(Membership, {
        organizationId: actor.organizationId,
        userId: user.id,
        role: input.role,
        inviteTokenHash: hashInviteSecret(secret),
        inviteExpiresAt: expiresAt,
        joinedAt: null,
      });
      return {
        member: { user, role: input.role, joinedAt: null, invitePending: true, version: 1 },
        inviteToken: `${actor.organizationId}.${user.id}.${secret}`,
        expiresAt,
      };
    });
  }

  /** Once committed, the member's sessions are checked afresh everywhere (session-cache.ts). */
  async changeRole(actor: Actor, input: ChangeMemberRoleInput): Promise<MemberRow> {
    const row = await this.tenant.run(actor, async (em) => {
      const membership = await this.lockMembership(em, actor, input.userId);
      const user = await em.findOneOrFail(User, { where: { id: input.userId } });
      assertVersion(membership, input.expectedVersion, `the membership of ${user.email}`);
      if (membership.role === 'OWNER' || input.role === 'OWNER')
        this.assertMayGrant(actor, 'OWNER');
      if (membership.role === 'OWNER' && input.role !== 'OWNER')
        await this.assertAnotherOwner(em, actor);
      membership.role = input.role;
      await em.save(membership);
      return toRow({ ...membership, user });
    });
    await this.sessions.changed(actor.organizationId, input.userId);
    return row;
  }

  /** Once committed, the member's sessions are refused everywhere (session-cache.ts). */
  async remove(actor: Actor, userId: string): Promise<boolean> {
    await this.tenant.run(actor, async (em) => {
      const membership = await this.lockMembership(em, actor, userId);
      if (membership.role === 'OWNER') {
        this.assertMayGrant(actor, 'OWNER');
        await this.assertAnotherOwner(em, actor);
      }
      await em.delete(Membership, { organizationId: actor.organizationId, userId });
    });
    await this.sessions.changed(actor.organizationId, userId);
    return true;
  }

  private assertMayGrant(actor: Actor, role: Role): void {
    if (role === 'OWNER' && !hasRole(actor, 'OWNER')) {
      throw DomainError.forbidden('only an OWNER can grant, change or remove the OWNER role');
    }
  }

  /**
   * Locks keep two concurrent demotions from removing the last two owners together, and hold the
   * membership (and its version) until the write.
   */
  private async lockMembership(
    em: EntityManager,
    actor: Actor,
    userId: string,
  ): Promise<Membership> {
    await this.tenant.lock(em, actor, 'members');
    const membership = await em.findOne(Membership, {
      where: { organizationId: actor.organizationId, userId },
      lock: { mode: 'for_no_key_update' },
    });
    if (!membership) throw DomainError.notFound('member', userId);
    return membership;
  }

  private async assertAnotherOwner(em: EntityManager, actor: Actor): Promise<void> {
    const owners = await em.count(Membership, {
      where: { organizationId: actor.organizationId, role: 'OWNER' },
    });
    if (owners <= 1)
      throw DomainError.conflict(
        'an organization needs at least one OWNER: make someone else OWNER first',
      );
  }
}

function toRow(m: Membership & { user: User }): MemberRow {
  return {
    user: m.user,
    role: m.role,
    joinedAt: m.joinedAt,
    invitePending: m.joinedAt === null,
    version: m.version,
  };
}
