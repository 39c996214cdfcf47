import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `src/server/main.ts` as its own process (what `npm start` runs once the
 * front end is built), on a random port, and resolves once it says it is ready —
 * or rejects with its output if it exits first.
 */
export function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    // The ready line is an info log: the level stays at info whatever the caller asks.
    // Demo centres without pickup slots unless asked: the tests place orders there without one.
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'test', SEED_DEMO_SLOTS: 'false', ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    // Not a speed check: a start that never comes must fail with the server's output, not hang the suite.
    const giveUp = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server not ready after 120 s:\n${out}`));
    }, 120_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const ready = out.match(/"url":"http:\/\/localhost:(\d+)".*Panier Solidaire is ready/);
      if (ready) {
        clearTimeout(giveUp);
        child.stdout!.off('data', onData);
        child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
        resolve({ child, url: `http://127.0.0.1:${ready[1]}`, output: () => out, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    void exited.then(({ code }) => {
      clearTimeout(giveUp);
      reject(new Error(`server exited (${code}) before ready:\n${out}`));
    });
  });
}
