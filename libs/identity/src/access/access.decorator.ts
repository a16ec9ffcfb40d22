import { applyDecorators, SetMetadata } from '@nestjs/common';
import { Extensions } from '@nestjs/graphql';
import type { Role } from '@app/database';

/** Who may call an operation: a minimum role, any signed-in member, or anyone (PUBLIC). */
export type AccessRule = Role | 'PUBLIC';

export const ACCESS_KEY = 'throughline:access';

/**
 * Every query, mutation and subscription names its rule; the access guard denies operations that
 * do not (and a test walks the schema for any without one). The rule is also published as a schema
 * extension so tools and tests can read it from the schema itself.
 */
export function Access(rule: AccessRule): MethodDecorator {
  return applyDecorators(SetMetadata(ACCESS_KEY, rule), Extensions({ access: rule }));
}

export const SESSION_ONLY_KEY = 'throughline:session-only';

/**
 * Operations on sessions and API tokens themselves (sign out everywhere, create, list and revoke
 * tokens): only a person signed in may call them, never an API token, whatever its scope.
 */
export function SessionOnly(): MethodDecorator {
  return applyDecorators(SetMetadata(SESSION_ONLY_KEY, true), Extensions({ sessionOnly: true }));
}
