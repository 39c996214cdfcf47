// npm test: lint and check the formatting (biome.json), type-check, check the import rules (.dependency-cruiser.cjs), build the front end (the browser tests use it), then run the
// suite with node's test runner as a driver matrix:
//   - every API test file (test/*.test.ts that starts a test server) runs twice, once on
//     PostgreSQL (TEST_DRIVER=pg) and once on embedded PGlite (TEST_DRIVER=pglite); the
//     harness's default driver follows TEST_DRIVER, tests that pin a driver keep it;
//   - the other files (config, browser tests in test/e2e, multi-process tests in
//     test/process) run once, on PostgreSQL.
// The two halves run side by side; every output line is prefixed with its driver.
//
// Guard: the run fails if any test process prints a DeprecationWarning. The runner reads
// everything the test processes print (node's test runner forwards each file's stderr,
// and the server subprocesses of test/process write into it too), so a deprecation from
// our code or a dependency's is caught wherever it comes from, without --throw-deprecation
// (which would crash the process at the first warning, mid-test, with a confusing stack).
//
//   node scripts/test.mjs                       whole suite (typecheck, build, both drivers)
//   node scripts/test.mjs test/a.test.ts ...    only these files (API files on both drivers)
//   node scripts/test.mjs --driver=pglite test/a.test.ts   only one driver
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

const DRIVERS = ['pg', 'pglite'];

const runOrExit = (cmd, args) => {
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

/** An API test file: directly under test/ and starting the real server (the matrix's unit). */
function isApiTest(file) {
  // startTestServer, or the per-suite helpers of test/helpers/suite.ts that call it.
  return path.dirname(path.normalize(file)) === 'test' && /\b(startTestServer|serverForSuite|serverWithMailForSuite)\(/.test(readFileSync(file, 'utf8'));
}

const args = process.argv.slice(2);
const driverArg = args.find((a) => a.startsWith('--driver='))?.slice('--driver='.length);
if (driverArg && !DRIVERS.includes(driverArg)) {
  console.error(`--driver must be one of ${DRIVERS.join(', ')}`);
  process.exit(2);
}
const only = args.filter((a) => !a.startsWith('--'));
const files = only.length ? only : findTests('test').sort();
if (!only.length) {
  runOrExit('npm', ['run', '--silent', 'lint']);
  runOrExit('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
  runOrExit('npm', ['run', '--silent', 'deps']);
  runOrExit('npx', ['vite', 'build', '--logLevel', 'warn']);
}

const apiFiles = files.filter(isApiTest);
const runs = [
  { driver: 'pg', files },
  { driver: 'pglite', files: apiFiles },
].filter((r) => r.files.length && (!driverArg || r.driver === driverArg));

/** Files running at once in each half (two halves side by side). */
const concurrency = process.env.TEST_CONCURRENCY ?? '2';
const deprecations = [];

/** The guard reads warnings from the output: flags that would hide them are dropped. */
function withoutSilencers(options = '') {
  return options
    .split(/\s+/)
    .filter((o) => o && o !== '--no-deprecation' && o !== '--no-warnings')
    .join(' ');
}

function childEnv(driver) {
  const env = { ...process.env, NODE_OPTIONS: withoutSilencers(process.env.NODE_OPTIONS), TEST_DRIVER: driver };
  // Started from inside a test (test/runner.test.ts), this is still a run of its own.
  delete env.NODE_TEST_CONTEXT;
  return env;
}

function runHalf({ driver, files: list }) {
  const started = Date.now();
  const label = `[${driver}]`.padEnd(9);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-timeout=600000', '--test-reporter=spec', ...list],
    { env: childEnv(driver), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      if (/DeprecationWarning:/.test(line)) deprecations.push(`${label}${line}`);
      process.stdout.write(`${label}${line}\n`);
    });
  }
  return new Promise((resolve) => {
    child.on('close', (code, signal) => resolve({ driver, files: list.length, code: code ?? (signal ? 1 : 0), seconds: (Date.now() - started) / 1000 }));
  });
}

const results = await Promise.all(runs.map(runHalf));
console.log('\n--- test summary');
for (const r of results) {
  console.log(
    `${r.driver.padEnd(7)} ${String(r.files).padStart(3)} files  ${r.seconds.toFixed(1).padStart(7)} s  ${r.code === 0 ? 'pass' : `FAIL (exit ${r.code})`}`,
  );
}
if (deprecations.length) {
  console.log(`\n--- FAIL: ${deprecations.length} DeprecationWarning line(s) printed during the suite (fix the cause, do not silence it):`);
  for (const line of deprecations) console.log(line);
}
process.exit(results.some((r) => r.code !== 0) || deprecations.length ? 1 : 0);
