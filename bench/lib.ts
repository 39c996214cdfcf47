import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface Node {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts one server process (what `npm start` runs) and waits until /healthz answers. */
export async function startNode(env: Record<string, string>, nodeArgs: string[] = []): Promise<Node> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    // Demo centres without pickup slots: the benchmarks place many orders at one centre without a slot.
    env: { ...process.env, NODE_ENV: 'test', SEED_DEMO: 'true', SEED_DEMO_SLOTS: 'false', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env },
    // BENCH_SERVER_LOG: the server's log lines (stdout) into that file, to read where time went.
    stdio: ['ignore', process.env.BENCH_SERVER_LOG ? openSync(process.env.BENCH_SERVER_LOG, 'w') : 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * CPU time used so far (ms, user + system) by the server process, every PostgreSQL
 * process and this process (the load generator), read from /proc (Linux): tells where
 * each order's CPU goes when all three share the machine's cores.
 */
export function cpuSnapshot(serverPid: number): { server: number; postgres: number; loadGenerator: number } {
  const ticksMs = 1000 / 100; // USER_HZ is 100 on Linux
  const cpuOf = (pid: string | number): number => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) * ticksMs; // utime, stime
    } catch {
      return 0; // the process ended meanwhile
    }
  };
  let postgres = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') postgres += cpuOf(pid);
    } catch {
      // gone
    }
  }
  const self = process.cpuUsage();
  return { server: cpuOf(serverPid), postgres, loadGenerator: (self.user + self.system) / 1000 };
}
