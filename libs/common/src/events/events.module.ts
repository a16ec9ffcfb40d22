import { Module, type DynamicModule } from '@nestjs/common';
import type { Env } from '@app/config';
import { EventBus, InProcessEventBus, RedisEventBus } from './event-bus.js';

/** The live-event bus for every module: Redis pub/sub when a URL is given, in-process otherwise. */
@Module({})
export class EventsModule {
  static forRoot({ redisUrl, redisPrefix }: Pick<Env, 'redisUrl' | 'redisPrefix'>): DynamicModule {
    return {
      module: EventsModule,
      global: true,
      providers: [
        {
          provide: EventBus,
          useFactory: () =>
            redisUrl
              ? RedisEventBus.connect(redisUrl, redisPrefix)
              : Promise.resolve(new InProcessEventBus()),
        },
      ],
      exports: [EventBus],
    };
  }
}
