import { AsyncLocalStorage } from 'node:async_hooks';
import { DomainError } from '@app/domain';

/** The statement_timeout of a transaction outside any request (CLI, seeding) and its ceiling. */
export const STATEMENT_TIMEOUT_MS = 30_000;

/**
 * One HTTP request's share of the database. Its transactions take turns (first come, first
 * served), so a request holds at most one pooled connection however many fields it resolves at
 * once, and none starts after the request's deadline.
 */
export class RequestScope {
  readonly deadline: number;
  /** a transaction of this request wrote: its later reads go to the primary (read-routing.ts) */
  wrote = false;
  /** the transaction running now, if any (see `holds`) */
  private holder: object | null = null;
  private readonly waiting: { turn: (holder: object) => void }[] = [];

  constructor(
    readonly timeoutMs: number,
    /** the id the request is logged and answered with (X-Request-Id); none over graphql-ws */
    readonly requestId?: string,
  ) {
    this.deadline = Date.now() + timeoutMs;
  }

  remainingMs(): number {
    return this.deadline - Date.now();
  }

  /** Whether `holder` is the request's running transaction (a transaction nested inside it). */
  holds(holder: object | undefined): boolean {
    return holder !== undefined && this.holder === holder;
  }

  /** Waits for the request's turn; refused once the deadline has passed, even while waiting. */
  async acquire(): Promise<object> {
    this.refuseAfterDeadline();
    const holder = {};
    if (this.holder === null) {
      this.holder = holder;
      return holder;
    }
    return new Promise<object>((resolve, reject) => {
      const entry = {
        turn: (h: object) => {
          clearTimeout(timer);
          resolve(h);
        },
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(entry), 1);
        reject(this.timeoutError());
      }, this.remainingMs());
      this.waiting.push(entry);
    }).then((h) => {
      this.refuseAfterDeadline(() => this.release(h));
      return h;
    });
  }

  /** Hands the turn to the next waiting transaction of this request. */
  release(holder: object): void {
    if (this.holder !== holder) return;
    const next = this.waiting.shift();
    if (!next) {
      this.holder = null;
      return;
    }
    const nextHolder = {};
    this.holder = nextHolder;
    next.turn(nextHolder);
  }

  private refuseAfterDeadline(cleanUp?: () => void): void {
    if (this.remainingMs() > 0) return;
    cleanUp?.();
    throw this.timeoutError();
  }

  private timeoutError(): DomainError {
    return DomainError.timeout(
      `this request ran longer than its ${this.timeoutMs / 1000} s limit and was stopped: ask for less (smaller pages, a narrower scope)`,
    );
  }
}

interface ScopeStore {
  scope: RequestScope;
  /** set inside a running transaction: the turn that transaction holds */
  holder?: object;
}

const storage = new AsyncLocalStorage<ScopeStore>();

/** Runs `fn` (an HTTP request's handling) in a request scope of its own. */
export function runInRequestScope<T>(timeoutMs: number, fn: () => T, requestId?: string): T {
  return storage.run({ scope: new RequestScope(timeoutMs, requestId) }, fn);
}

/**
 * The id of the HTTP request being handled, wherever its code runs (services, error formatting,
 * log lines): kept in the request scope, so a request costs no second async context. Undefined
 * outside a request (workers, start-up) and in work handed off with `outsideRequestScope`.
 */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.scope.requestId;
}

/**
 * Runs `work` as one transaction of the current request: after the request's earlier
 * transactions, never beside them. A transaction started inside a running one of the same request
 * goes straight through (it would otherwise wait for itself). Outside a request (CLI, seeding,
 * workers) nothing is gated.
 */
export async function inRequestTurn<T>(work: () => Promise<T>): Promise<T> {
  const store = storage.getStore();
  if (!store || store.scope.holds(store.holder)) return work();
  const holder = await store.scope.acquire();
  try {
    return await storage.run({ scope: store.scope, holder }, work);
  } finally {
    store.scope.release(holder);
  }
}

/**
 * The HTTP request being handled, as an identity to group its work by (Tenant.load); null outside
 * a request and inside a running transaction of it (whatever starts there runs nested at once).
 */
export function currentRequest(): object | null {
  const store = storage.getStore();
  if (!store || store.scope.holds(store.holder)) return null;
  return store.scope;
}

/** Whether this runs inside an HTTP request's scope (not a worker, the CLI, a live view's push). */
export function insideRequest(): boolean {
  return storage.getStore() !== undefined;
}

/** Whether a transaction of the current request has written (false outside a request). */
export function requestHasWritten(): boolean {
  return storage.getStore()?.scope.wrote ?? false;
}

/** Marks the current request as having written, so its later reads see that on the primary. */
export function markRequestWrote(): void {
  const scope = storage.getStore()?.scope;
  if (scope) scope.wrote = true;
}

/** The time left before the current request's deadline, in ms; Infinity outside a request. */
export function requestRemainingMs(): number {
  return storage.getStore()?.scope.remainingMs() ?? Infinity;
}

/** The statement_timeout for a transaction starting now: at most the request's remaining time. */
export function statementTimeoutMs(): number {
  const scope = storage.getStore()?.scope;
  if (!scope) return STATEMENT_TIMEOUT_MS;
  return Math.max(1, Math.min(STATEMENT_TIMEOUT_MS, scope.remainingMs()));
}

/**
 * Runs `fn` outside any request scope: work a request starts but does not wait for (a
 * reconciliation it hands off, the job queue's workers) must not inherit the request's deadline
 * or its one-connection turn.
 */
export function outsideRequestScope<T>(fn: () => T): T {
  return storage.exit(fn);
}
