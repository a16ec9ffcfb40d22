import type { Role } from '@app/database';

/** The signed-in member a request acts for: one user in one organization, with their role. */
export interface Actor {
  userId: string;
  organizationId: string;
  /** for an API token: the creator's current role capped by the token's scope */
  role: Role;
  /** set when the request came with an API token (the audit log records it) */
  apiTokenId?: string;
  apiTokenScope?: 'READ' | 'WRITE';
  /** what the audit log records as the operation: the mutation's name, `cli:import-plan`, ... */
  operation?: string;
}

/** Role ranks: each role may do everything the roles below it may. */
export const ROLE_RANK: Record<Role, number> = {
  VIEWER: 1,
  MEMBER: 2,
  EDITOR: 3,
  ADMIN: 4,
  OWNER: 5,
};

export function hasRole(actor: Actor, required: Role): boolean {
  return ROLE_RANK[actor.role] >= ROLE_RANK[required];
}
