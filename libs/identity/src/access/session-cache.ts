import {
  Inject,
  Injectable,
  Optional,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { EventBus, type Actor, type LiveEvent } from '@app/common';

export const SESSION_CACHE_MS = Symbol('SESSION_CACHE_MS');

/** The default of SESSION_CACHE_MS: how long a checked session is trusted without the database. */
export const DEFAULT_SESSION_CACHE_MS = 2_000;

/** Sessions remembered at most; beyond, the oldest are forgotten first. */
const MAX_ENTRIES = 10_000;

interface Entry {
  actor: Actor;
  /** epoch ms: the earlier of the cache's lifetime and the token's own expiry */
  until: number;
}

/** The payload of an `accessChanged` event: whose sessions must be checked afresh. */
export interface AccessChange {
  userId: string;
}

/**
 * Session tokens checked against the database a moment ago, so that a client's burst of requests
 * does not open a transaction each just to read the same membership row (SESSION_CACHE_MS, at
 * most 5 s; 0 turns it off). Keyed by the whole token string, which was verified when it was
 * stored; only successes are kept, never refusals.
 *
 * A change that ends or narrows access (sign out everywhere, a role change, a member removed)
 * calls `changed` once it has committed: this process forgets the user's sessions at once, and
 * the event bus tells the other replicas (through Redis when REDIS_URL is set), which forget them
 * as soon as the message arrives. A check that was reading the database while a change landed
 * does not store its (possibly older) answer: every change moves `generation` on. Staleness is
 * thus bounded by the bus's delivery, and by SESSION_CACHE_MS when a message is lost (Redis
 * unreachable, or replicas without REDIS_URL) or the change was made outside the services (SQL).
 */
@Injectable()
export class SessionCache implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  private changes: AsyncIterableIterator<LiveEvent> | null = null;

  constructor(
    @Inject(SESSION_CACHE_MS) private readonly ttlMs: number,
    // absent where a module composes the identity services without the live bus (some tests)
    @Optional() @Inject(EventBus) private readonly bus: EventBus | null = null,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.bus) return;
    const changes = this.bus.subscribe((e) => e.type === 'accessChanged');
    this.changes = changes;
    void (async () => {
      for await (const event of changes) this.forget((event.payload as AccessChange).userId);
    })();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.changes?.return?.();
  }

  /**
   * The actor a token was checked as, while the check is fresh; null to check it again. A copy:
   * a request writes its operation's name on its actor (the audit log), never on another's.
   */
  get(token: string): Actor | null {
    const entry = this.entries.get(token);
    if (!entry) return null;
    if (entry.until <= Date.now()) {
      this.entries.delete(token);
      return null;
    }
    return { ...entry.actor };
  }

  /** Taken before reading the database; `set` with it stores nothing if a change came between. */
  stamp(): number {
    return this.generation;
  }

  set(token: string, actor: Actor, tokenValidUntil: number, stamp: number): void {
    if (this.ttlMs <= 0 || stamp !== this.generation) return;
    const until = Math.min(Date.now() + this.ttlMs, tokenValidUntil);
    if (this.entries.size >= MAX_ENTRIES) {
      // a Map iterates in insertion order: the first key is the oldest entry
      this.entries.delete(this.entries.keys().next().value!);
    }
    // a copy, taken before the request that checked it names its operation on its own
    this.entries.set(token, { actor: { ...actor }, until });
  }

  /**
   * After a committed change to `userId`'s access in `organizationId`: this process forgets the
   * user's sessions now, the other replicas when the event reaches them.
   */
  async changed(organizationId: string, userId: string): Promise<void> {
    this.forget(userId);
    const payload: AccessChange = { userId };
    await this.bus?.publishAfterWrite({ type: 'accessChanged', organizationId, payload });
  }

  /** Every session of the user, in every organization (sign out everywhere spans them all). */
  private forget(userId: string): void {
    this.generation++;
    for (const [token, entry] of this.entries) {
      if (entry.actor.userId === userId) this.entries.delete(token);
    }
  }
}
