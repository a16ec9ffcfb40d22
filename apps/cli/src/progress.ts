import { SingleBar, Presets } from 'cli-progress';

/** A progress bar on stderr for long imports (quiet when stderr is not a terminal). */
export function progressBar(label: string): {
  update(done: number, total: number): void;
  stop(): void;
} {
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total}`,
      stream: process.stderr,
      noTTYOutput: false,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/**
 * A running count on stderr for work whose total is not known in advance (a reconciliation reads
 * pages until the tracker says it is done).
 */
export function progressCounter(label: string): { update(done: number): void; stop(): void } {
  const bar = new SingleBar(
    {
      format: `${label} {value} records | {duration}s`,
      stream: process.stderr,
      noTTYOutput: false,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update(done) {
      if (!started) {
        bar.start(0, 0);
        started = true;
      }
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
