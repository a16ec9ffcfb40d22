import type { Disturbance } from './disturbances.js';
import type { LoadFigures, OperationFigures } from './figures.js';
import type { Verification } from './verify.js';

/** The goals the figures are reported against. */
export const GOALS = { readsP99Ms: 250, outsideErrorRate: 0.001 };

const n = (v: number) => v.toLocaleString('en');
const ms = (v: number) => (Number.isNaN(v) ? '-' : `${Math.round(v)} ms`);
const s = (msValue: number) => `${(msValue / 1000).toFixed(1)} s`;
const pct = (part: number, whole: number) =>
  whole === 0 ? '-' : `${((100 * part) / whole).toFixed(part && part / whole < 0.001 ? 3 : 2)}%`;
const errorList = (errors: Record<string, number>) =>
  Object.entries(errors)
    .sort((a, b) => b[1] - a[1])
    .map(([what, count]) => `${n(count)} x ${what}`)
    .join(', ');

/** The floor's figures, printed before the load starts. */
export function printFloor(floor: OperationFigures, clients: number, seconds: number): void {
  console.log(
    `floor: the cheapest authenticated read (vision: one statement, nothing computed) alone, ${clients} clients for ${seconds.toFixed(1)} s: ` +
      `${floor.perSecond.toFixed(1)} req/s, p50 ${ms(floor.p50)}, p99 ${ms(floor.p99)}` +
      (floor.failed ? `, ${n(floor.failed)} failed: ${errorList(floor.errors)}` : ''),
  );
}

export function printReport(
  figures: LoadFigures,
  verification: Verification,
  disturbances: Disturbance[],
  floor: OperationFigures | null = null,
): void {
  const log = (line = '') => console.log(line);
  log();
  log(
    `${'operation'.padEnd(18)}${'requests'.padStart(10)}${'req/s'.padStart(9)}${'p50'.padStart(9)}${'p99'.padStart(9)}  errors`,
  );
  for (const o of figures.operations) {
    log(
      `${o.name.padEnd(18)}${n(o.requests).padStart(10)}${o.perSecond.toFixed(1).padStart(9)}` +
        `${ms(o.p50).padStart(9)}${ms(o.p99).padStart(9)}  ` +
        (o.failed ? `${n(o.failed)} (${pct(o.failed, o.requests)}): ${errorList(o.errors)}` : '0'),
    );
  }

  log();
  log('disturbances (a window runs from the kill or stop until the part is back, plus 2 s):');
  if (!disturbances.length) log('  none');
  for (const d of disturbances) {
    const w = figures.windows.find((x) => x.disturbance === d);
    if (!w) {
      log(`  ${d.what}: left out (${d.problem})`);
      continue;
    }
    log(
      `  ${d.what}: at ${s(d.start)}, back ${d.back === null ? `never (${d.problem})` : `at ${s(d.back)} (${s(d.back - d.start)} later)`}`,
    );
    log(
      `    inside: ${n(w.failed)} failed of ${n(w.requests)} (${pct(w.failed, w.requests)}), ` +
        (w.failingFor === null
          ? 'no failed request'
          : `failing for ${s(w.failingFor)} (first to last failed request)`) +
        `; dashboard reads p99 ${ms(w.readsP99)}; ${n(w.succeededWhileDown)} succeeded while it was down`,
    );
  }
  const out = figures.outside;
  log(
    `  outside the windows: ${n(out.failed)} failed of ${n(out.requests)} (${pct(out.failed, out.requests)})` +
      `${out.failed ? `: ${errorList(out.errors)}` : ''}; dashboard reads p99 ${ms(out.readsP99)}`,
  );

  log();
  const v = verification;
  log('acknowledged writes, looked for on the primary:');
  log(`  check-ins: ${n(v.checkIns.acknowledged)} acknowledged, ${n(v.checkIns.found)} found`);
  log(
    `  tickets: ${n(v.tickets.acknowledged)} keys upserted, ${n(v.tickets.found)} hold their newest acknowledged upsert (or a later one)`,
  );
  const w = v.webhooks;
  log(
    `  webhooks: ${n(w.acknowledged)} deliveries answered 202, ${n(w.stored)} stored, ${n(w.applied)} applied ` +
      `with their ticket${w.waitedMs > 1000 ? ` (after waiting ${s(w.waitedMs)} for the workers)` : ''}`,
  );
  if (w.pending) {
    log(
      `  stored but not applied yet: ${n(w.pending)} (a job a killed replica had fetched comes back when ` +
        `pg-boss expires it: 120 s, seen at its next check, every 60 s): ${v.notApplied.slice(0, 5).join('; ')}`,
    );
  }
  if (v.missing.length) log(`  LOST (first 20): ${v.missing.slice(0, 20).join('; ')}`);

  log();
  const reads = figures.operations.find((o) => o.name === 'dashboard reads');
  const readsP99 = reads?.p99 ?? NaN;
  const outsideRate = out.requests ? out.failed / out.requests : 0;
  const goal = (met: boolean) => (met ? 'met' : 'MISSED');
  log('goals:');
  log(
    `  dashboard reads p99 under ${GOALS.readsP99Ms} ms: ${ms(readsP99)} over the whole run, ${ms(out.readsP99)} outside the windows: ${goal(out.readsP99 < GOALS.readsP99Ms)}`,
  );
  if (floor) {
    log(
      `    (the floor on this machine at this many clients: p99 ${ms(floor.p99)} for the cheapest authenticated read alone)`,
    );
  }
  log(
    `  error rate outside the windows under ${GOALS.outsideErrorRate * 100}%: ${pct(out.failed, out.requests)}: ${goal(outsideRate < GOALS.outsideErrorRate)}`,
  );
  log(`  no acknowledged write lost: ${v.missing.length} lost: ${goal(v.missing.length === 0)}`);
}
