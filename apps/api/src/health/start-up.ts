import { Injectable } from '@nestjs/common';

/**
 * What the start still does after the server listens (the demo's seeding): readiness waits for
 * it, so a client that waits for `/health/ready` never finds the demo organization half made.
 * The server listens first so that liveness and the dashboard's files answer at once.
 */
@Injectable()
export class StartUp {
  private running: string | null = null;

  /** `what` runs until `work` settles (whether it succeeds or fails: a failure stops the app). */
  track(what: string, work: Promise<unknown>): void {
    this.running = what;
    const done = () => {
      if (this.running === what) this.running = null;
    };
    work.then(done, done);
  }

  /** What the start still runs, or null once it has finished. */
  get pending(): string | null {
    return this.running;
  }
}
