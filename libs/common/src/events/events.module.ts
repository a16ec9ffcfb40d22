import { Module, type DynamicModule } from '@nestjs/common';
import { EventBus, InProcessEventBus, RedisEventBus } from './event-bus.js';

/** The live-event bus for every module: Redis pub/sub when a URL is given, in-process otherwise. */
@Module({})
export class EventsModule {
  static forRoot(redisUrl: string | null): DynamicModule {
    return {
      module: EventsModule,
      global: true,
      providers: [
        {
          provide: EventBus,
          useFactory: () =>
            redisUrl ? RedisEventBus.connect(redisUrl) : Promise.resolve(new InProcessEventBus()),
        },
      ],
      exports: [EventBus],
    };
  }
}
