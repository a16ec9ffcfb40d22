import { createContext, useContext } from 'react';
import type { Role } from '../gql/graphql';

/** The caller's role as the API reports it (`me`); the API refuses what the role may not do anyway. */
export const RoleContext = createContext<Role | null>(null);

const EDITING_ROLES: readonly Role[] = ['EDITOR', 'ADMIN', 'OWNER'];

/** EDITOR and above edit initiatives and links (the contract's rules). */
export function useCanEditLinks(): boolean {
  const role = useContext(RoleContext);
  return role !== null && EDITING_ROLES.includes(role);
}
