import { DomainError } from '@app/domain';
import type { Authenticator } from '@app/identity';
import type { ConnectionAuthenticator } from './live-options.js';

/**
 * graphql-ws connections: connectionParams.authorization is checked exactly as the access guard
 * checks an HTTP request's header (a session token with its epoch, or an API token, and the
 * member's current role); the connection then acts as that member for every subscription it
 * starts. A refusal carries the reason; anything else (the database down) is a server error.
 */
export function connectionAuthenticator(authenticator: Authenticator): ConnectionAuthenticator {
  return async (authorization) => {
    try {
      return await authenticator.authenticate(authorization);
    } catch (error) {
      if (error instanceof DomainError) return { refused: error.message };
      throw error;
    }
  };
}
