import { EventEmitter } from 'node:events';
import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { createClient } from 'redis';

/**
 * An event for the live views, always about one organization: subscribers receive only the events
 * of their own organization (the subscription resolvers filter on it).
 */
export interface LiveEvent {
  /**
   * `accessChanged` is not a live view's: a member's access ended or narrowed, and every replica
   * forgets that user's recently checked sessions (the identity library's session cache)
   */
  type:
    | 'planChanged'
    | 'projectedAlignmentChanged'
    | 'checkInAdded'
    | 'ticketsChanged'
    | 'accessChanged';
  organizationId: string;
  /** the cycle a plan event concerns */
  cycleKey?: string;
  /** JSON-safe: it may travel through Redis */
  payload: unknown;
}

/**
 * Publish/subscribe for the live views (GraphQL subscriptions). In one process when REDIS_URL is
 * unset; through Redis pub/sub otherwise, so a subscriber of one API replica receives what another
 * replica published.
 */
export abstract class EventBus implements OnApplicationShutdown {
  private readonly local = new EventEmitter().setMaxListeners(0);

  abstract publish(event: LiveEvent): Promise<void>;

  /** Publishes after a write has committed: a failure is logged, never the write's failure. */
  async publishAfterWrite(event: LiveEvent): Promise<void> {
    try {
      await this.publish(event);
    } catch (error) {
      new Logger('EventBus').error(
        `publish ${event.type}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /**
   * Events that pass the filter, until the consumer stops iterating. With `latestOnly`, events that
   * arrive while the consumer is busy collapse into the newest (a view that recomputes a report
   * on each event needs only the last of a burst).
   */
  subscribe(
    filter: (event: LiveEvent) => boolean,
    options: { latestOnly?: boolean } = {},
  ): AsyncIterableIterator<LiveEvent> {
    const queue: LiveEvent[] = [];
    const waiting: ((result: IteratorResult<LiveEvent>) => void)[] = [];
    let done = false;
    const listener = (event: LiveEvent) => {
      if (done || !filter(event)) return;
      const next = waiting.shift();
      if (next) next({ value: event, done: false });
      else if (options.latestOnly) queue.splice(0, queue.length, event);
      else queue.push(event);
    };
    this.local.on('event', listener);
    const stop = (): Promise<IteratorResult<LiveEvent>> => {
      done = true;
      this.local.off('event', listener);
      for (const next of waiting.splice(0)) next({ value: undefined, done: true });
      return Promise.resolve({ value: undefined, done: true });
    };
    return {
      next: () => {
        if (queue.length) return Promise.resolve({ value: queue.shift()!, done: false });
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => waiting.push(resolve));
      },
      return: stop,
      throw: (error: unknown) => {
        void stop();
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  /** Hands an event to this process's subscribers. */
  protected deliver(event: LiveEvent): void {
    this.local.emit('event', event);
  }

  async onApplicationShutdown(): Promise<void> {
    this.local.removeAllListeners();
    await this.close();
  }

  protected abstract close(): Promise<void>;
}

export class InProcessEventBus extends EventBus {
  publish(event: LiveEvent): Promise<void> {
    this.deliver(event);
    return Promise.resolve();
  }

  protected close(): Promise<void> {
    return Promise.resolve();
  }
}

/** What the bus uses of a node-redis client. */
interface RedisConnection {
  publish(channel: string, message: string): Promise<unknown>;
  quit(): Promise<unknown>;
}

/**
 * Redis pub/sub: every replica subscribes to one channel and delivers what arrives to its own
 * subscribers, including what it published itself (so all replicas see events in the same way).
 */
export class RedisEventBus extends EventBus {
  private readonly logger = new Logger('EventBus');

  private constructor(
    private readonly publisher: RedisConnection,
    private readonly subscriber: RedisConnection,
    /** `<REDIS_PREFIX>:live`: deployments sharing one Redis do not hear each other */
    private readonly channel: string,
  ) {
    super();
  }

  static async connect(url: string, prefix: string): Promise<RedisEventBus> {
    const publisher = createClient({ url });
    const subscriber = publisher.duplicate();
    const bus = new RedisEventBus(publisher, subscriber, `${prefix}:live`);
    for (const client of [publisher, subscriber]) {
      client.on('error', (error: unknown) =>
        bus.logger.error(`redis: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
    await Promise.all([publisher.connect(), subscriber.connect()]);
    await subscriber.subscribe(bus.channel, (message) => {
      try {
        bus.deliver(JSON.parse(message) as LiveEvent);
      } catch {
        bus.logger.error('redis: ignored a malformed live event');
      }
    });
    return bus;
  }

  async publish(event: LiveEvent): Promise<void> {
    await this.publisher.publish(this.channel, JSON.stringify(event));
  }

  protected async close(): Promise<void> {
    await Promise.allSettled([this.subscriber.quit(), this.publisher.quit()]);
  }
}
