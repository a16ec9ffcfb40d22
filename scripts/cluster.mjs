// `npm run cluster`: builds what changed (scripts/build.mjs skips what is up to date), then runs
// the cluster (apps/cluster) until Ctrl-C or SIGTERM. This wrapper waits for the cluster to stop
// its parts before it exits itself, so the shell prompt comes back only once nothing is left.
import { execFileSync, spawn } from 'node:child_process';

execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
const child = spawn(process.execPath, ['dist/apps/cluster/src/main.js'], { stdio: 'inherit' });
// A Ctrl-C reaches the cluster directly (same process group); a signal sent to this process alone
// (npm passing on a SIGTERM) is passed on. The cluster stops once, whichever comes first.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
