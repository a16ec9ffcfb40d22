import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RateLimits, Tenant, type Actor } from '@app/common';
import { applyScope, Database, Membership, Organization, User, Vision } from '@app/database';
import { DomainError } from '@app/domain';
import type { AcceptInviteInput, LogInInput, SignUpInput } from './auth.inputs.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.js';
import { slugify } from './slug.js';
import { SessionCache } from '../access/session-cache.js';
import { TokenService } from './token.service.js';
import { isUuid } from './uuid.js';

/** Who is asking over the network: rate limits count by it. In-process callers pass none. */
export interface Caller {
  address: string;
}

export interface AuthResult {
  token: string;
  user: User;
  organization: Organization;
  actor: Actor;
}

/**
 * Sign-up, sign-in and invite acceptance: the one narrow path that reads users before anyone is
 * signed in (through the `app.auth_email` setting, see the users policy).
 */
@Injectable()
export class AuthService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(Tenant) private readonly tenant: Tenant,
    @Inject(RateLimits) private readonly limits: RateLimits,
    @Inject(SessionCache) private readonly sessions: SessionCache,
  ) {}

  /**
   * Creates an organization with the caller as OWNER. An existing user (right password) gets a new
   * organization; an e-mail registered with another password is a CONFLICT. A caller over the
   * network gets SIGNUPS_PER_HOUR attempts per address. `operation` names it in the audit log (the
   * demo seeder gives its own).
   */
  async signUp(input: SignUpInput, caller?: Caller, operation = 'signUp'): Promise<AuthResult> {
    if (caller) await this.limits.signUp(caller.address);
    const email = input.email.trim().toLowerCase();
    const organizationId = crypto.randomUUID();
    const scope = { organizationId, authEmail: email, operation };
    return this.db.transaction(scope, async (em) => {
      const existing = await em.findOne(User, { where: { email } });
      if (existing) {
        const ok =
          !!existing.passwordHash && (await verifyPassword(input.password, existing.passwordHash));
        if (!ok) {
          throw DomainError.conflict(
            'this e-mail is already registered: log in, or sign up with its password to add an organization',
          );
        }
      }
      const userId = existing?.id ?? crypto.randomUUID();
      await applyScope(em, { organizationId, userId, authEmail: email });
      // The organization first: the audit log's row of this sign-up belongs to it.
      const organization = await this.insertOrganization(
        em,
        organizationId,
        input.organizationName.trim(),
      );
      let user = existing;
      if (!user) {
        const values = {
          id: userId,
          email,
          name: input.name.trim(),
          passwordHash: await hashPassword(input.password),
          sessionEpoch: 0,
        };
        await em.insert(User, values);
        user = em.create(User, values);
      }
      await em.insert(Membership, {
        organizationId,
        userId: user.id,
        role: 'OWNER',
        joinedAt: new Date(),
      });
      await em.insert(Vision, { organizationId, statement: '', horizon: '' });
      return this.result(user, organization, 'OWNER');
    });
  }

  /**
   * A caller over the network is refused (RATE_LIMITED) while its e-mail and address, or its
   * address, are blocked after repeated wrong passwords, even with the right one.
   */
  async logIn(input: LogInInput, caller?: Caller): Promise<AuthResult> {
    const email = input.email.trim().toLowerCase();
    if (caller) await this.limits.checkLogIn(email, caller.address);
    const result = await this.logInOrNull(input, email);
    if (!result) {
      if (caller) await this.limits.logInFailed(email, caller.address);
      throw DomainError.unauthenticated('wrong e-mail or password');
    }
    if (caller) await this.limits.logInSucceeded(email, caller.address);
    return result;
  }

  /** null: no such user, or the wrong password. */
  private async logInOrNull(input: LogInInput, email: string): Promise<AuthResult | null> {
    return this.db.transaction({ organizationId: null, authEmail: email }, async (em) => {
      const user = await em.findOne(User, { where: { email } });
      const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
      if (!user || !ok) return null;
      await applyScope(em, { organizationId: null, userId: user.id });
      const rows = await em
        .createQueryBuilder(Membership, 'm')
        .innerJoinAndMapOne('m.organization', Organization, 'o', 'o.id = m.organizationId')
        .where('m.userId = :userId AND m.joinedAt IS NOT NULL', { userId: user.id })
        .orderBy('o.slug')
        .getMany();
      const memberships = rows as (Membership & { organization: Organization })[];
      if (memberships.length === 0)
        throw DomainError.unauthenticated('you are not a member of any organization');
      let chosen = memberships[0];
      if (input.organizationSlug) {
        const match = memberships.find((m) => m.organization.slug === input.organizationSlug);
        if (!match)
          throw DomainError.badInput(
            'input.organizationSlug',
            `you are not a member of "${input.organizationSlug}"`,
          );
        chosen = match;
      } else if (memberships.length > 1) {
        const slugs = memberships.map((m) => m.organization.slug).join(', ');
        throw DomainError.badInput(
          'input.organizationSlug',
          `you belong to several organizations, choose one of: ${slugs}`,
        );
      }
      return this.result(user, chosen.organization, chosen.role);
    });
  }

  /**
   * The invitee sets a password (or confirms their existing one) with the one-time token. A
   * caller over the network gets SIGNUPS_PER_HOUR attempts per address.
   */
  async acceptInvite(input: AcceptInviteInput, caller?: Caller): Promise<AuthResult> {
    if (caller) await this.limits.acceptInvite(caller.address);
    const [organizationId, userId, secret] = input.token.split('.');
    if (!isUuid(organizationId) || !isUuid(userId) || !secret) {
      throw DomainError.badInput('input.token', 'is not an invite token');
    }
    return this.db.transaction(
      { organizationId, userId, operation: 'acceptInvite' },
      async (em) => {
        const membership = await em.findOne(Membership, { where: { organizationId, userId } });
        const valid =
          membership?.inviteTokenHash === hashInviteSecret(secret) &&
          membership.joinedAt === null &&
          (membership.inviteExpiresAt ?? new Date(0)) > new Date();
        if (!membership || !valid)
          throw DomainError.badInput(
            'input.token',
            'is invalid, used or expired: ask for a new invite',
          );
        const user = await em.findOneOrFail(User, { where: { id: userId } });
        if (user.passwordHash) {
          if (!(await verifyPassword(input.password, user.passwordHash))) {
            throw DomainError.badInput(
              'input.password',
              'you already have an account: enter its password',
            );
          }
        }
        const firstPassword = !user.passwordHash;
        if (firstPassword) {
          user.passwordHash = await hashPassword(input.password);
          if (input.name) user.name = input.name.trim();
        }
        // The membership first: the audit log records this as the invite accepted.
        await em.update(
          Membership,
          { organizationId, userId },
          { joinedAt: new Date(), inviteTokenHash: null, inviteExpiresAt: null },
        );
        if (firstPassword) {
          await em.update(
            User,
            { id: user.id },
            { passwordHash: user.passwordHash, name: user.name },
          );
        }
        const organization = await em.findOneOrFail(Organization, {
          where: { id: organizationId },
        });
        return this.result(user, organization, membership.role);
      },
    );
  }

  /**
   * Ends every session of the caller's user, in every organization, this one included: the
   * session epoch every session token carries moves on. API tokens are revoked one by one.
   */
  async signOutEverywhere(actor: Actor): Promise<boolean> {
    await this.tenant.run(actor, (em) =>
      em.query(`UPDATE users SET session_epoch = session_epoch + 1 WHERE id = $1`, [actor.userId]),
    );
    // committed: no replica may go on trusting a session it checked a moment ago
    await this.sessions.changed(actor.organizationId, actor.userId);
    return true;
  }

  /** Tries the plain slug, then numbered ones; a savepoint keeps the transaction usable. */
  private async insertOrganization(
    em: EntityManager,
    id: string,
    name: string,
  ): Promise<Organization> {
    const base = slugify(name);
    const candidates = [
      base,
      ...[2, 3, 4, 5].map((n) => `${base}-${n}`),
      `${base}-${randomBytes(3).toString('hex')}`,
    ];
    for (const slug of candidates) {
      await em.query('SAVEPOINT org_slug');
      try {
        await em.insert(Organization, { id, name, slug });
        await em.query('RELEASE SAVEPOINT org_slug');
        return em.findOneOrFail(Organization, { where: { id } });
      } catch (error) {
        await em.query('ROLLBACK TO SAVEPOINT org_slug');
        if ((error as { code?: string }).code !== '23505') throw error;
      }
    }
    throw DomainError.conflict('could not find a free slug for this organization name');
  }

  private async result(
    user: User,
    organization: Organization,
    role: Membership['role'],
  ): Promise<AuthResult> {
    const actor: Actor = { userId: user.id, organizationId: organization.id, role };
    const token = await this.tokens.sign({ ...actor, sessionEpoch: user.sessionEpoch ?? 0 });
    return { token, user, organization, actor };
  }
}

export function hashInviteSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
