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

const SOURCE_ROLES: readonly Role[] = ['ADMIN', 'OWNER'];

/** ADMIN and OWNER create, rotate, sync and delete ticket sources; every member reads them. */
export function useCanManageSources(): boolean {
  const role = useContext(RoleContext);
  return role !== null && SOURCE_ROLES.includes(role);
}

const CHECK_IN_ROLES: readonly Role[] = ['MEMBER', 'EDITOR', 'ADMIN', 'OWNER'];

/** MEMBER and above check in key results and KPIs. */
export function useCanCheckIn(): boolean {
  const role = useContext(RoleContext);
  return role !== null && CHECK_IN_ROLES.includes(role);
}
