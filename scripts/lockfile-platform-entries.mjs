// Run in the repository root after any `npm install`. The npm registry reachable here does not
// serve some platform-specific optional packages (e.g. @swc/core-darwin-arm64@1.16.22), so npm
// leaves them out of package-lock.json and `npm ci` then refuses the lock ("Missing: ... from lock
// file"). This adds a lock entry (version, optional, os, cpu) for each one npm ci reports; npm
// skips them on this platform without downloading anything.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

let out;
try {
  out = execFileSync('npm', ['ci', '--dry-run', '--ignore-scripts'], {
    encoding: 'utf8',
    stdio: 'pipe',
  });
} catch (error) {
  out = `${error.stdout}${error.stderr}`;
}
const missing = [...out.matchAll(/Missing: (.+?)@\S* from lock file/g)].map((m) => m[1]);
if (missing.length === 0) {
  console.log('npm ci accepts package-lock.json: nothing to add');
  process.exit(0);
}
const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8'));
const OSES = ['darwin', 'win32', 'linux', 'android', 'freebsd', 'openharmony', 'sunos', 'aix'];
for (const name of missing) {
  const parent = Object.values(lock.packages).find((p) => p.optionalDependencies?.[name]);
  if (!parent) throw new Error(`${name} is not an optional dependency of anything in the lock`);
  const parts = name.split('/').pop().split('-');
  const os = parts.find((p) => OSES.includes(p));
  if (!os) throw new Error(`cannot tell the platform of ${name}`);
  const cpu = parts[parts.indexOf(os) + 1];
  lock.packages[`node_modules/${name}`] = {
    version: parent.optionalDependencies[name],
    optional: true,
    os: [os],
    cpu: [cpu],
  };
  console.log(`added ${name}@${parent.optionalDependencies[name]} (${os}/${cpu})`);
}
const entries = Object.entries(lock.packages);
lock.packages = Object.fromEntries([
  ...entries.filter(([k]) => k === ''),
  ...entries.filter(([k]) => k !== '').sort(([a], [b]) => a.localeCompare(b)),
]);
fs.writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
