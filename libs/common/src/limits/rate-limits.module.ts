import { Module, type DynamicModule } from '@nestjs/common';
import type { Env } from '@app/config';
import { RateLimits } from './rate-limits.js';

/** The rate limits for every module: shared through Redis when a URL is given, in memory otherwise. */
@Module({})
export class RateLimitsModule {
  static forRoot(env: Pick<Env, 'limits' | 'redisUrl' | 'redisPrefix'>): DynamicModule {
    return {
      module: RateLimitsModule,
      global: true,
      providers: [
        {
          provide: RateLimits,
          useFactory: () => RateLimits.create(env.limits, env.redisUrl, env.redisPrefix),
        },
      ],
      exports: [RateLimits],
    };
  }
}
