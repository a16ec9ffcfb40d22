import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isUuid } from '../auth/uuid.js';

/**
 * An API token is `tl_<organization id>_<token id>_<secret>`: the organization lets the guard look
 * the token up inside that organization's row-level-security scope (never across tenants), the
 * token id finds the row, and the secret (32 random bytes, base64url) is checked against the
 * stored SHA-256 in constant time. A fast hash is enough: the secret has 256 bits of entropy.
 */
const FORMAT = /^tl_([0-9a-f-]{36})_([0-9a-f-]{36})_([A-Za-z0-9_-]{43})$/;

export interface ParsedApiToken {
  organizationId: string;
  tokenId: string;
  secret: string;
}

export function isApiTokenString(token: string): boolean {
  return token.startsWith('tl_');
}

export function newApiTokenSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function formatApiToken(organizationId: string, tokenId: string, secret: string): string {
  return `tl_${organizationId}_${tokenId}_${secret}`;
}

export function parseApiToken(token: string): ParsedApiToken | null {
  const match = FORMAT.exec(token);
  if (!match || !isUuid(match[1]) || !isUuid(match[2])) return null;
  return {
    organizationId: match[1].toLowerCase(),
    tokenId: match[2].toLowerCase(),
    secret: match[3],
  };
}

export function hashApiTokenSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function apiTokenSecretMatches(secret: string, storedHash: string): boolean {
  const given = Buffer.from(hashApiTokenSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
