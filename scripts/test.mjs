// npm test: lint and check the formatting (biome.json), type-check, check the import rules (.dependency-cruiser.cjs), build the front end (the browser tests use it), then run
// every test file with node's test runner against the real PostgreSQL server.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

function findTests(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'helpers' ? [] : findTests(full);
    return name.endsWith('.test.ts') ? [full] : [];
  });
}

const only = process.argv.slice(2);
const files = only.length ? only : findTests('test').sort();
if (!only.length) {
  run('npm', ['run', '--silent', 'lint']);
  run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
  run('npm', ['run', '--silent', 'deps']);
  run('npx', ['vite', 'build', '--logLevel', 'warn']);
}
run(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=600000', '--test-reporter=spec', ...files]);
