// Prints (and returns) the gzip size of the dashboard's initial JavaScript: the entry script of
// dist/dashboard/index.html and the chunks it preloads. Lazily loaded chunks (the charts) are not
// counted: they arrive when a view needs them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export function initialJs(dir = 'dist/dashboard') {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const files = [
    ...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g),
  ].map((m) => m[1]);
  const sizes = files.map((file) => {
    const bytes = readFileSync(join(dir, file));
    return { file, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  return {
    files: sizes,
    bytes: sizes.reduce((sum, f) => sum + f.bytes, 0),
    gzip: sizes.reduce((sum, f) => sum + f.gzip, 0),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { files, bytes, gzip } = initialJs(process.argv[2]);
  const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
  console.log(
    `dashboard initial JS: ${kb(gzip)} gzip (${kb(bytes)} minified) in ${files.map((f) => f.file).join(', ')}`,
  );
}
