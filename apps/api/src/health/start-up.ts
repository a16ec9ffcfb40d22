import { Injectable } from '@nestjs/common';

/**
 * What the start still does after the server listens (the demo's seeding), in one place for the
 * two that wait for it: readiness (a client that waits for `/health/ready` never finds the demo
 * organization half made) and a shutdown (closing the pool under the seeding made it fail). The
 * server listens first so that liveness and the dashboard's files answer at once.
 */
@Injectable()
export class StartUp {
  private running: string | null = null;
  private work: Promise<unknown> = Promise.resolve();

  /** `what` runs until `work` settles (whether it succeeds or fails: a failure stops the app). */
  track(what: string, work: Promise<unknown>): void {
    this.running = what;
    this.work = work;
    const done = () => {
      if (this.work === work) this.running = null;
    };
    work.then(done, done);
  }

  /** What the start still runs, or null once it has finished. */
  get pending(): string | null {
    return this.running;
  }

  /** Settles once what the start runs has (its own failure is reported where it runs). */
  finished(): Promise<void> {
    return this.work.then(
      () => undefined,
      () => undefined,
    );
  }
}
