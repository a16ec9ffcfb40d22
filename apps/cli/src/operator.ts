import type { Actor } from '@app/common';
import { applyScope, Membership, Organization, User, type Database } from '@app/database';

/**
 * The member an operator command acts as: the user with `email` in the organization `slug`
 * (optional when the user has one). Operators hold the database credentials, so no password is
 * asked; the lookup goes through the same narrow sign-in path as logIn (row-level security stays on).
 */
export async function operatorActor(
  db: Database,
  email: string,
  slug: string | undefined,
): Promise<Actor> {
  const address = email.trim().toLowerCase();
  return db.transaction({ organizationId: null, authEmail: address }, async (em) => {
    const user = await em.findOne(User, { where: { email: address } });
    if (!user) throw new Error(`no user with e-mail ${address} (use --user)`);
    await applyScope(em, { organizationId: null, userId: user.id });
    const rows = (await em
      .createQueryBuilder(Membership, 'm')
      .innerJoinAndMapOne('m.organization', Organization, 'o', 'o.id = m.organizationId')
      .where('m.userId = :id AND m.joinedAt IS NOT NULL', { id: user.id })
      .orderBy('o.slug')
      .getMany()) as (Membership & { organization: Organization })[];
    const chosen = slug
      ? rows.find((m) => m.organization.slug === slug)
      : rows.length === 1
        ? rows[0]
        : undefined;
    if (!chosen) {
      const slugs = rows.map((m) => m.organization.slug).join(', ') || 'none';
      throw new Error(
        slug
          ? `${address} is not a member of "${slug}" (member of: ${slugs})`
          : `choose an organization with --org (member of: ${slugs})`,
      );
    }
    return { userId: user.id, organizationId: chosen.organizationId, role: chosen.role };
  });
}
