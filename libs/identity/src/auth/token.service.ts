import { Inject, Injectable } from '@nestjs/common';
import { SignJWT, jwtVerify } from 'jose';
import { DomainError } from '@app/domain';

export const JWT_SECRET = Symbol('JWT_SECRET');

export interface TokenClaims {
  userId: string;
  organizationId: string;
}

const ISSUER = 'throughline';
const LIFETIME = '7d';

/** HS256 tokens bound to one user in one organization. The role is read fresh per request. */
@Injectable()
export class TokenService {
  private readonly key: Uint8Array;

  constructor(@Inject(JWT_SECRET) secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  sign(claims: TokenClaims): Promise<string> {
    return new SignJWT({ org: claims.organizationId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(LIFETIME)
      .sign(this.key);
  }

  async verify(token: string): Promise<TokenClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        algorithms: ['HS256'],
      });
      if (typeof payload.sub !== 'string' || typeof payload.org !== 'string')
        throw new Error('claims');
      return { userId: payload.sub, organizationId: payload.org };
    } catch {
      throw DomainError.unauthenticated('the token is invalid or expired: sign in again');
    }
  }
}
