// `npm start` runs this first: it builds the front ends (`npm run build`) only when the
// build is missing or older than what it is built from, so `npm install && npm start`
// works on a fresh clone and after a `git pull`, while a normal restart costs one walk
// over src/web (a few hundred stat calls) and no build.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ENTRIES = ['shop', 'admin', 'staff'];

/** Newest modification time of a file or, for a folder, of any file under it. */
function newest(file) {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(file).map((name) => newest(path.join(file, name))));
}

/** Oldest built page, or 0 when one is missing: every page must be newer than every source. */
function builtAt() {
  const times = ENTRIES.map((entry) => newest(path.join(ROOT, 'dist/web', entry, 'index.html')));
  return Math.min(...times);
}

// What the build reads: the pages and their code (index.html files live under src/web),
// the build configuration, and the locked versions of the tools and libraries it bundles.
const sources = ['src/web', 'vite.config.ts', 'package-lock.json'].map((p) => newest(path.join(ROOT, p)));
const built = builtAt();
if (built > 0 && built >= Math.max(...sources)) process.exit(0);

console.log(built === 0 ? 'Construction des pages (première fois)…' : 'Construction des pages (sources modifiées)…');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const r = spawnSync(npm, ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
if (r.status !== 0) {
  console.error(
    'La construction des pages a échoué (npm run build). Si « vite: not found » : lancez d’abord `npm install` ' +
      '(ou `npm ci --omit=dev`), puis relancez `npm start`.',
  );
  process.exit(r.status ?? 1);
}
