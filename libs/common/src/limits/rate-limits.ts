import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { createClient } from 'redis';
import type { Limits } from '@app/config';
import { DomainError } from '@app/domain';

/** The longest block a run of failed log-ins earns; blocks double from 1 s up to it. */
export const MAX_LOGIN_BLOCK_SECONDS = 15 * 60;
/** Failed log-ins per e-mail and address are counted over a day, per address over an hour. */
const ACCOUNT_WINDOW_SECONDS = 24 * 60 * 60;
const ADDRESS_WINDOW_SECONDS = 60 * 60;

/** What the limiters need of a store: in memory (one process) or Redis (shared by replicas). */
type LimiterFactory = (
  name: string,
  points: number,
  durationSeconds: number,
) => RateLimiterAbstract;

/**
 * Counts that no single client may exceed, with rate-limiter-flexible: in this process's memory,
 * or in Redis when REDIS_URL is set so that every replica sees the same counts (a replica that
 * loses Redis falls back to its own memory instead of failing the request). Each limit is opt-in
 * per operation: only log-in, sign-up, invite acceptance and the GraphQL query budget use them.
 */
export class RateLimits implements OnApplicationShutdown {
  private readonly logger = new Logger('RateLimits');
  /** consecutive failed log-ins per e-mail and address, and per address over all e-mails */
  private readonly accountFailures: RateLimiterAbstract;
  private readonly addressFailures: RateLimiterAbstract;
  /** a key here is blocked (RateLimiterAbstract.block) while a run of failures lasts */
  private readonly accountBlocks: RateLimiterAbstract;
  private readonly addressBlocks: RateLimiterAbstract;
  private readonly signUps: RateLimiterAbstract;
  private readonly invites: RateLimiterAbstract;
  private readonly queryCost: RateLimiterAbstract;

  private constructor(
    readonly limits: Limits,
    limiter: LimiterFactory,
    private readonly close: () => Promise<void>,
  ) {
    // failures are counted, never refused, by these two: the blocks do the refusing
    this.accountFailures = limiter('login-fail-account', 1e9, ACCOUNT_WINDOW_SECONDS);
    this.addressFailures = limiter('login-fail-address', 1e9, ADDRESS_WINDOW_SECONDS);
    this.accountBlocks = limiter('login-block-account', 1, 1);
    this.addressBlocks = limiter('login-block-address', 1, 1);
    this.signUps = limiter('signup', limits.signUpsPerHour, 60 * 60);
    this.invites = limiter('accept-invite', limits.signUpsPerHour, 60 * 60);
    this.queryCost = limiter('query-cost', limits.queryCostPerMinute, 60);
  }

  /**
   * In memory without a URL; through Redis (one connection of its own) with one, every key under
   * `redisPrefix`.
   */
  static async create(
    limits: Limits,
    redisUrl: string | null,
    redisPrefix: string,
  ): Promise<RateLimits> {
    if (!redisUrl) {
      return new RateLimits(
        limits,
        (name, points, duration) => new RateLimiterMemory({ keyPrefix: name, points, duration }),
        () => Promise.resolve(),
      );
    }
    const client = createClient({ url: redisUrl });
    const logger = new Logger('RateLimits');
    client.on('error', (error: unknown) =>
      logger.error(`redis: ${error instanceof Error ? error.message : String(error)}`),
    );
    await client.connect();
    return new RateLimits(
      limits,
      (name, points, duration) =>
        new RateLimiterRedis({
          storeClient: client,
          useRedisPackage: true,
          // while Redis is unreachable, count in this process instead of waiting or failing
          rejectIfRedisNotReady: true,
          insuranceLimiter: new RateLimiterMemory({ keyPrefix: name, points, duration }),
          keyPrefix: `${redisPrefix}:rl:${name}`,
          points,
          duration,
        }),
      async () => {
        await client.quit().catch(() => undefined);
      },
    );
  }

  /** Refuses a log-in attempt while its e-mail and address, or its address, are blocked. */
  async checkLogIn(email: string, address: string): Promise<void> {
    const [account, perAddress] = await Promise.all([
      this.blockedFor(this.accountBlocks, accountKey(email, address)),
      this.blockedFor(this.addressBlocks, address),
    ]);
    const wait = Math.max(account, perAddress);
    if (wait > 0) {
      throw DomainError.rateLimited(`too many failed log-ins: try again in ${wait} s`, wait);
    }
  }

  /**
   * Counts a failed log-in. From the Nth failure on (N per e-mail and address, a larger N per
   * address over all e-mails) each failure blocks the key for 1 s, then 2, 4, ... up to 15 min.
   */
  async logInFailed(email: string, address: string): Promise<void> {
    const key = accountKey(email, address);
    const [account, perAddress] = await Promise.all([
      this.safely(() => this.accountFailures.penalty(key, 1)),
      this.safely(() => this.addressFailures.penalty(address, 1)),
    ]);
    await Promise.all([
      this.blockAfter(this.accountBlocks, key, account, this.limits.logInFailuresPerAccount),
      this.blockAfter(this.addressBlocks, address, perAddress, this.limits.logInFailuresPerAddress),
    ]);
  }

  /** A successful log-in clears its e-mail and address's run of failures (not the address's). */
  async logInSucceeded(email: string, address: string): Promise<void> {
    const key = accountKey(email, address);
    await Promise.all([
      this.safely(() => this.accountFailures.delete(key)),
      this.safely(() => this.accountBlocks.delete(key)),
    ]);
  }

  /** One sign-up attempt from this address (SIGNUPS_PER_HOUR). */
  signUp(address: string): Promise<void> {
    return this.take(this.signUps, address, 1, 'too many sign-ups from your address');
  }

  /** One invite acceptance from this address (SIGNUPS_PER_HOUR, counted apart). */
  acceptInvite(address: string): Promise<void> {
    return this.take(this.invites, address, 1, 'too many invite acceptances from your address');
  }

  /** Spends a GraphQL operation's cost from its caller's budget (QUERY_COST_PER_MINUTE). */
  spendQueryCost(caller: string, cost: number): Promise<void> {
    if (cost <= 0) return Promise.resolve();
    return this.take(
      this.queryCost,
      caller,
      Math.ceil(cost),
      `you have used your query budget of ${this.limits.queryCostPerMinute} per minute`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  private async take(
    limiter: RateLimiterAbstract,
    key: string,
    points: number,
    message: string,
  ): Promise<void> {
    try {
      await limiter.consume(key, points);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) return this.storeFailed(rejection);
      const wait = seconds(rejection.msBeforeNext);
      throw DomainError.rateLimited(`${message}: try again in ${wait} s`, wait);
    }
  }

  /** Seconds until the key's block ends; 0 when it is not blocked. */
  private async blockedFor(blocks: RateLimiterAbstract, key: string): Promise<number> {
    const res = await this.safely(() => blocks.get(key));
    return res && res.consumedPoints > blocks.points ? seconds(res.msBeforeNext) : 0;
  }

  private async blockAfter(
    blocks: RateLimiterAbstract,
    key: string,
    failures: RateLimiterRes | null,
    threshold: number,
  ): Promise<void> {
    if (!failures || failures.consumedPoints < threshold) return;
    const exponent = Math.min(failures.consumedPoints - threshold, 20);
    const duration = Math.min(2 ** exponent, MAX_LOGIN_BLOCK_SECONDS);
    if (duration >= 60)
      this.logger.warn(`log-in blocked for ${duration} s after repeated failures`);
    await this.safely(() => blocks.block(key, duration));
  }

  /** A store error (Redis without its insurance) never fails the request: it is logged. */
  private async safely<T>(work: () => Promise<T>): Promise<T | null> {
    try {
      return await work();
    } catch (error) {
      this.storeFailed(error);
      return null;
    }
  }

  private storeFailed(error: unknown): void {
    this.logger.error(
      `rate limit store: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
    );
  }
}

function accountKey(email: string, address: string): string {
  return `${email.trim().toLowerCase()}|${address}`;
}

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
