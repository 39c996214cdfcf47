/**
 * Where the server's CPU goes, from a V8 CPU profile of a bench run:
 *
 *   BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" npm run bench -- --only=checkout
 *   node --import tsx bench/profile.ts /tmp/prof        (the largest .cpuprofile in the folder: the
 *                                                        server's main thread, not tsx's loader thread)
 *
 * Prints the self time by area (our code by folder, each dependency by package, Node's own
 * internals, garbage collection, idle) and the twenty functions with the most self time.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const arg = process.argv[2] ?? '/tmp/prof';
const file = statSync(arg).isDirectory()
  ? readdirSync(arg)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => path.join(arg, f))
      .sort((a, b) => statSync(b).size - statSync(a).size)[0]
  : arg;
if (!file) throw new Error(`no .cpuprofile in ${arg}`);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));

/** The area a function belongs to: a package, a folder of ours, Node's internals, or V8's own entries. */
function area(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (!url) return `(${functionName || 'anonymous'})`; // (garbage collector), (idle), (program)
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const ours = /\/src\/(.+)\/[^/]+$/.exec(url);
  return ours ? `src/${ours[1]}` : url;
}

const selfMs = new Map<number, number>();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i]!;
  selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
}
const total = [...selfMs.values()].reduce((s, v) => s + v, 0);
const busy = total - [...selfMs].filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)').reduce((s, [, v]) => s + v, 0);

const sum = (key: (n: ProfileNode) => string) => {
  const out = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const k = key(byId.get(id)!);
    out.set(k, (out.get(k) ?? 0) + ms);
  }
  return [...out].sort((a, b) => b[1] - a[1]);
};
const pct = (ms: number) => `${((ms / busy) * 100).toFixed(1)} %`;

console.log(`${file}: ${Math.round(total)} ms sampled, ${Math.round(busy)} ms busy (not idle)`);
console.log('\nself time by area (share of busy time):');
for (const [k, ms] of sum(area)
  .filter(([k]) => k !== '((idle))')
  .slice(0, 25))
  console.log(`  ${pct(ms).padStart(7)}  ${Math.round(ms).toString().padStart(6)} ms  ${k}`);
console.log('\nfunctions with the most self time:');
for (const [k, ms] of sum((n) => `${n.callFrame.functionName || '(anonymous)'}  ${area(n)}:${n.callFrame.lineNumber + 1}`)
  .filter(([k]) => !k.startsWith('(idle)'))
  .slice(0, 20)) {
  console.log(`  ${pct(ms).padStart(7)}  ${k}`);
}
