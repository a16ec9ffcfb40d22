import { webcrypto } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SignJWT, jwtVerify } from 'jose';
import { DomainError } from '@app/domain';
import { isUuid } from './uuid.js';

export const JWT_SECRET = Symbol('JWT_SECRET');

export interface TokenClaims {
  userId: string;
  organizationId: string;
  /** the user's session epoch when the token was issued (signOutEverywhere moves it on) */
  sessionEpoch: number;
}

/** A verified token's claims, and until when (epoch ms) the token itself stays valid. */
export interface VerifiedClaims extends TokenClaims {
  validUntil: number;
}

const ISSUER = 'throughline';
/** A session lasts one working day; integrations use API tokens instead (docs/decisions.md). */
export const SESSION_LIFETIME_SECONDS = 12 * 3600;
/** Replicas' clocks may differ a little: a token issued "now" elsewhere is not from the future. */
const CLOCK_TOLERANCE_SECONDS = 5;

/**
 * HS256 session tokens bound to one user in one organization. Every claim the server relies on
 * is required and checked: exp and iat (a token without them never expires), nbf when present,
 * sub and org as UUIDs, the session epoch as a whole number; the age is bounded by the lifetime
 * whatever exp says. The role is not in the token: the Authenticator reads it from the membership.
 */
@Injectable()
export class TokenService {
  /**
   * The secret imported once as a WebCrypto key: given the raw bytes, jose imports them again on
   * every call, which was half of a verification's time.
   */
  private readonly hmacKey: Promise<webcrypto.CryptoKey>;

  constructor(@Inject(JWT_SECRET) secret: string) {
    this.hmacKey = webcrypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    );
  }

  async sign(claims: TokenClaims): Promise<string> {
    return new SignJWT({ org: claims.organizationId, epoch: claims.sessionEpoch })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${SESSION_LIFETIME_SECONDS}s`)
      .sign(await this.hmacKey);
  }

  async verify(token: string): Promise<VerifiedClaims> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, await this.hmacKey, {
        issuer: ISSUER,
        algorithms: ['HS256'],
        requiredClaims: ['exp', 'iat', 'sub', 'org', 'epoch'],
        maxTokenAge: SESSION_LIFETIME_SECONDS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      }));
    } catch {
      throw DomainError.unauthenticated('the token is invalid or expired: sign in again');
    }
    const { sub, org, epoch, exp, iat } = payload;
    if (!isUuid(sub) || !isUuid(org) || !Number.isSafeInteger(epoch) || (epoch as number) < 0) {
      throw DomainError.unauthenticated('the token is invalid or expired: sign in again');
    }
    // jose has checked both are numbers; the earlier of exp and the lifetime bound, no tolerance
    const validUntil = Math.min(exp as number, (iat as number) + SESSION_LIFETIME_SECONDS) * 1000;
    return { userId: sub, organizationId: org, sessionEpoch: epoch as number, validUntil };
  }
}
