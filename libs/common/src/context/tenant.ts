import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  currentRequest,
  Database,
  insideRequest,
  requestHasWritten,
  requestRemainingMs,
} from '@app/database';
import { DomainError } from '@app/domain';
import type { Actor } from './actor.js';
import { SharedFlights } from './shared-flights.js';

/** Loads of one request waiting for their shared transaction (Tenant.load). */
interface LoadGroup {
  actor: Actor;
  loads: {
    work: (em: EntityManager) => Promise<unknown>;
    resolve: (value: unknown) => void;
    reject: (error: unknown) => void;
  }[];
}

/** PostgreSQL's answers when a concurrent transaction got there first. */
const RACE_CODES = new Set([
  '40001', // serialization failure: a row this snapshot read was changed meanwhile
  '23505', // unique violation: a concurrent transaction inserted the same key
]);

/** A request's deadline ended it: its own (DomainError TIMEOUT) or PostgreSQL's statement_timeout. */
function isTimeout(error: unknown): boolean {
  if (error instanceof DomainError) return error.code === 'TIMEOUT';
  return (error as { code?: unknown } | null)?.code === '57014';
}

/**
 * Runs work in one transaction for the actor's organization (row-level security on). Services take
 * an Actor and call `run`; they never open connections of their own.
 */
@Injectable()
export class Tenant {
  private readonly flights = new SharedFlights();
  /** per request: the loads waiting for this turn of the event loop's transaction */
  private readonly loads = new Map<object, LoadGroup>();

  constructor(@Inject(Database) private readonly db: Database) {}

  run<T>(actor: Actor, work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(this.scopeOf(actor), work);
  }

  /**
   * A DataLoader's batch read. Within an HTTP request, the loads of one request run one after the
   * other in ONE transaction instead of one transaction each: those that start in the same turn of
   * the event loop (the batches GraphQL's resolvers dispatch together, one per loader), and those
   * that the answers of a load bring about while that transaction is still open (the next level of
   * fields: after each round of loads the transaction waits one turn for them). A transaction costs
   * two round trips of its own, and a request's transactions wait for each other and for a pooled
   * connection. Loads only read, so when a load fails, it and the loads not yet run get a
   * transaction each, with their own answer or error; the answers already given stand. Outside a
   * request (and inside a running transaction of it, where a load runs nested) it is `run`.
   */
  load<T>(actor: Actor, work: (em: EntityManager) => Promise<T>): Promise<T> {
    const request = currentRequest();
    if (!request) return this.run(actor, work);
    let group = this.loads.get(request);
    if (
      group &&
      (group.actor.organizationId !== actor.organizationId || group.actor.userId !== actor.userId)
    ) {
      return this.run(actor, work);
    }
    if (!group) {
      const created: LoadGroup = { actor, loads: [] };
      group = created;
      this.loads.set(request, created);
      // after the resolvers of this turn dispatched their batches (DataLoader: on process.nextTick)
      setImmediate(() => void this.runLoads(request, created));
    }
    const own = group;
    return new Promise<T>((resolve, reject) =>
      own.loads.push({ work, resolve: resolve as (value: unknown) => void, reject }),
    );
  }

  /**
   * Runs a request's loads in one transaction, round after round, while its answers bring more;
   * the group leaves `loads` (so that later loads start a transaction of their own) in the same
   * turn in which it is found empty, so no load can be left behind in it.
   */
  private async runLoads(request: object, group: LoadGroup): Promise<void> {
    const close = () => {
      if (this.loads.get(request) === group) this.loads.delete(request);
    };
    let pending: LoadGroup['loads'] = [];
    let failed: { load: LoadGroup['loads'][number]; error: unknown } | null = null;
    try {
      await this.run(group.actor, async (em) => {
        for (;;) {
          // Past the request's deadline no load joins: those queued go below, where a new
          // transaction refuses them as any transaction of the request is refused then.
          if (group.loads.length === 0 || requestRemainingMs() <= 0) return close();
          pending = group.loads.splice(0);
          while (pending.length > 0) {
            const load = pending.shift()!;
            try {
              load.resolve(await load.work(em));
            } catch (error) {
              failed = { load, error };
              throw error;
            }
          }
          // one turn for the fields these answers resolve to dispatch their loads into this one
          await new Promise((next) => setImmediate(next));
        }
      });
      for (const one of group.loads.splice(0)) {
        void this.run(group.actor, one.work).then(one.resolve, one.reject);
      }
    } catch (error) {
      close();
      // The load that failed has its answer; one whose transaction could not even start gets it
      // too. The loads not run yet get a transaction each (a failed statement ends this one).
      const own = failed as { load: LoadGroup['loads'][number]; error: unknown } | null;
      own?.load.reject(own.error);
      const rest = [...pending, ...group.loads.splice(0)];
      if (!own && rest.length === 1) return rest[0].reject(error);
      for (const one of rest) void this.run(group.actor, one.work).then(one.resolve, one.reject);
    }
  }

  /**
   * Reads in several statements from one consistent snapshot (REPEATABLE READ, read-only): a write
   * that commits while `work` runs is wholly in what it reads or wholly out (docs/design.md 2.1).
   * Every report that reads more than one statement runs here.
   */
  snapshot<T>(actor: Actor, work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(this.scopeOf(actor), work, {
      isolation: 'REPEATABLE READ',
      readOnly: true,
      reportMemory: true,
    });
  }

  /**
   * A snapshot read whose answer depends on nothing but the organization and `key` (a report and
   * its arguments; never the user or the role): identical ones of this process that arrive together
   * run once, each caller sharing only a computation that starts after it asked (SharedFlights), so
   * the answer is never older than the caller's own committed writes. A request that has written
   * computes on its own: its reads after its write belong on the primary, in its own turn. A
   * computation that another request's deadline stopped is computed again by each sharer.
   */
  sharedSnapshot<T>(
    actor: Actor,
    key: string,
    work: (em: EntityManager) => Promise<T>,
  ): Promise<T> {
    const compute = () => this.snapshot(actor, work);
    if (!insideRequest() || requestHasWritten()) return compute();
    let started = false;
    const shared = this.flights.share(`${actor.organizationId}:${key}`, () => {
      started = true;
      return compute();
    });
    // A shared computation runs in the turn and under the deadline of the request that queued it.
    // When that request's time ran out, the others are not out of time: each computes on its
    // own, within its own deadline (and its own turn: still one connection per request).
    return shared.catch((error: unknown) => {
      if (started || !isTimeout(error) || requestRemainingMs() <= 0) throw error;
      return compute();
    });
  }

  /**
   * Writes figures computed from one snapshot (a sprint snapshot, a cycle baseline): REPEATABLE
   * READ, read-write. When a concurrent transaction changed a row this one then writes, or inserted
   * the same unique key, PostgreSQL refuses this one; that becomes CONFLICT with `conflict`'s
   * message instead of a raw database error, and nothing is written.
   */
  async snapshotWrite<T>(
    actor: Actor,
    work: (em: EntityManager) => Promise<T>,
    conflict: string,
  ): Promise<T> {
    try {
      return await this.db.transaction(this.scopeOf(actor), work, {
        isolation: 'REPEATABLE READ',
        reportMemory: true,
      });
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      if (typeof code === 'string' && RACE_CODES.has(code)) throw DomainError.conflict(conflict);
      throw error;
    }
  }

  /**
   * Serializes writes of one kind within an organization until the transaction ends (link writes,
   * so that two concurrent links cannot close a cycle together).
   */
  async lock(em: EntityManager, actor: Actor, topic: string): Promise<void> {
    await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `${topic}:${actor.organizationId}`,
    ]);
  }

  /** The tenant, the user and, for the audit log, the operation and the API token in use. */
  private scopeOf(actor: Actor) {
    return {
      organizationId: actor.organizationId,
      userId: actor.userId,
      operation: actor.operation,
      apiTokenId: actor.apiTokenId,
    };
  }
}
