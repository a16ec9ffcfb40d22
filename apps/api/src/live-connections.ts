import {
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { EventBus, liveConnections, type Actor, type LiveEvent } from '@app/common';
import { DomainError } from '@app/domain';
import { Authenticator, type AccessChange } from '@app/identity';
import {
  UNAUTHENTICATED_CLOSE,
  type LiveConnectionRegistry,
  type LiveSocket,
} from './live-options.js';

/** How often every open connection's token is checked again (expiry, changes made in SQL). */
const RECHECK_MS = 60_000;

interface Connection {
  authorization: unknown;
  actor: Actor;
}

/**
 * The open graphql-ws connections of this process, each with the token it authenticated with.
 * A connection acts as the member it authenticated as for as long as it stays open, so when that
 * member's access ends or narrows (sign out everywhere, a role change, removal, a revoked API
 * token: the `accessChanged` event, from this replica or another) their connections are checked
 * again at once, and every minute all of them are (an expired token, a change made by hand in
 * SQL). A connection whose token no longer authenticates, or now as another role, is closed with
 * 4401 and the reason: the client reconnects with what it holds now, or signs in again.
 */
@Injectable()
export class LiveConnections
  implements LiveConnectionRegistry, OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger('LiveConnections');
  private readonly open = new Map<LiveSocket, Connection>();
  /** the same connections by member: counted at every connect, rechecked at their access change */
  private readonly byUser = new Map<string, Set<LiveSocket>>();
  private changes: AsyncIterableIterator<LiveEvent> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(Authenticator) private readonly authenticator: Authenticator,
    @Inject(EventBus) private readonly bus: EventBus,
  ) {}

  onApplicationBootstrap(): void {
    const changes = this.bus.subscribe((e) => e.type === 'accessChanged');
    this.changes = changes;
    void (async () => {
      for await (const event of changes) {
        const { userId } = event.payload as AccessChange;
        await this.recheck([...(this.byUser.get(userId) ?? [])]);
      }
    })();
    this.timer = setInterval(() => void this.recheckAll(), RECHECK_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.changes?.return?.();
  }

  opened(socket: LiveSocket, authorization: unknown, actor: Actor): void {
    this.forget(socket); // a connection that authenticates again may do so as someone else
    liveConnections.inc();
    this.open.set(socket, { authorization, actor });
    const sockets = this.byUser.get(actor.userId) ?? new Set<LiveSocket>();
    this.byUser.set(actor.userId, sockets.add(socket));
  }

  closed(socket: LiveSocket): void {
    this.forget(socket);
  }

  openFor(userId: string): number {
    return this.byUser.get(userId)?.size ?? 0;
  }

  private forget(socket: LiveSocket): boolean {
    const connection = this.open.get(socket);
    if (!connection) return false;
    this.open.delete(socket);
    liveConnections.dec();
    const sockets = this.byUser.get(connection.actor.userId);
    sockets?.delete(socket);
    if (sockets?.size === 0) this.byUser.delete(connection.actor.userId);
    return true;
  }

  /** Every open connection checked again (the timer's round). */
  recheckAll(): Promise<void> {
    return this.recheck([...this.open.keys()]);
  }

  /** Checks these connections' tokens against the database, closing those refused now. */
  private async recheck(sockets: LiveSocket[]): Promise<void> {
    await Promise.all(
      sockets.map(async (socket) => {
        const connection = this.open.get(socket);
        if (!connection) return;
        const reason = await this.refusal(connection);
        if (reason === null || !this.forget(socket)) return;
        // a close frame's reason holds at most 123 bytes
        socket.close(UNAUTHENTICATED_CLOSE, `UNAUTHENTICATED: ${reason}`.slice(0, 120));
      }),
    );
  }

  /** Why the connection may not stay open, or null when it still authenticates as before. */
  private async refusal({ authorization, actor }: Connection): Promise<string | null> {
    try {
      const now = await this.authenticator.authenticate(authorization, { fresh: true });
      if (now.role !== actor.role) return `your role is now ${now.role}: connect again`;
      return null;
    } catch (error) {
      if (error instanceof DomainError) return error.message;
      // the database is unreachable for now: keep the connection, check again next time
      this.logger.warn(`could not check a live connection: ${String(error)}`);
      return null;
    }
  }
}

/** LiveConnections for the GraphQL module's factory (its authenticator and bus are global). */
@Module({ providers: [LiveConnections], exports: [LiveConnections] })
export class LiveConnectionsModule {}
