/** One computation and whether it has started (from then on, nobody joins it). */
interface Flight {
  promise: Promise<unknown>;
  started: boolean;
}

/** The computations of one key: the one running, and the one queued behind it. */
interface Lane {
  running: Flight | null;
  queued: Flight | null;
}

/** Keys with a computation running or queued, at most; beyond, callers compute on their own. */
export const MAX_SHARED_KEYS = 1_000;

/**
 * Identical computations that arrive together run once: per key, at most one runs, and every
 * caller arriving meanwhile waits for the next one, which starts when the running one settles and
 * is shared by all who came before it started. A caller never joins a computation that has
 * already started: whatever the caller had committed before it asked (its own writes) is older
 * than everything the computation then reads, so a shared answer is never older than the
 * caller's own writes. Nothing is kept once a computation settles (no cache): memory holds one
 * entry per key in flight, at most MAX_SHARED_KEYS. A failure is every sharer's failure.
 *
 * The computation runs in the async context of the caller that queued it (its request scope: its
 * turn and its deadline; Tenant.sharedSnapshot lets the others compute again when that deadline
 * stopped it).
 */
export class SharedFlights {
  private readonly lanes = new Map<string, Lane>();
  /** callers given another caller's computation so far (for tests and the bench) */
  joined = 0;

  share<T>(key: string, compute: () => Promise<T>): Promise<T> {
    let lane = this.lanes.get(key);
    if (lane?.queued) {
      this.joined++;
      return lane.queued.promise as Promise<T>;
    }
    if (!lane) {
      if (this.lanes.size >= MAX_SHARED_KEYS) return compute();
      lane = { running: null, queued: null };
      this.lanes.set(key, lane);
    }
    const own = lane;
    const previous = own.running?.promise;
    const flight: Flight = { promise: null as unknown as Promise<T>, started: false };
    const start = (): Promise<T> => {
      // from here on, a caller waits for the next computation
      flight.started = true;
      if (own.queued === flight) own.queued = null;
      own.running = flight;
      return compute();
    };
    flight.promise = previous
      ? previous.then(start, start)
      : // started before anyone else can see it
        start();
    if (previous) own.queued = flight;
    const settled = () => {
      if (own.running === flight) own.running = null;
      if (!own.running && !own.queued && this.lanes.get(key) === own) this.lanes.delete(key);
    };
    flight.promise.then(settled, settled);
    return flight.promise as Promise<T>;
  }

  /** Keys with a computation running or queued (for tests). */
  get size(): number {
    return this.lanes.size;
  }
}
