import { readFileSync, writeFileSync } from 'node:fs';

/** The shape of bench/results.json's `results` (a full run). */
export interface Results {
  frontEnd: { jsGzip: number; cssGzip: number; totalGzip: number };
  catalogue: { bytes: number; app: { rps: number; p50: number; p99: number; errors: number }; bare: { rps: number; p50: number; p99: number }; ratio: number };
  checkout: {
    seconds: number;
    orders: number;
    errors: number;
    ordersPerSecond: number;
    p50: number;
    p99: number;
    pgbenchTps: number;
    ratio: number;
    orderSqlOnly: { tps: number; latencyMs: number; ratio: number };
    steady: { ordersPerSecond: number; orders: number; errors: number; p50: number; p99: number };
    cpuMsPerOrder: { server: number; postgres: number; loadGenerator: number };
    cpuCeilingOrdersPerSecond: number;
    /** Counted by the server: its database driver, its Socket.IO adapter (NOTIFYs). */
    roundTripsPerOrder: { database: number; adapter: number };
  };
  race: { created: number; refused: number; otherStatuses: number; oversell: number; stockLeft: number; stockEqualsMovements: boolean; settleMs: number };
  realtimeOneNode: Realtime;
  realtimeTwoNodes: Realtime;
}

interface Realtime {
  shopperSockets: number;
  staffSockets: number;
  staffNotify: { p50: number; p99: number; fromRequest: { p50: number; p99: number } };
  fanout: { deliveries: number; p50: number; p99: number };
}

const n = (x: number) => x.toLocaleString('en-GB');
const yes = (ok: boolean) => (ok ? 'yes' : '**no**');

/** The table of docs/BENCHMARKS.md, from one full run: each figure beside its baseline and target. */
export function figuresTable(r: Results, machine: string, date: string): string {
  const c = r.checkout;
  const one = r.realtimeOneNode;
  const two = r.realtimeTwoNodes;
  const rows = [
    [
      '1',
      'catalogue `GET /api/products?pageSize=24`, 50 connections, 10 s',
      `${n(r.catalogue.app.rps)} req/s, p50 ${r.catalogue.app.p50} ms, p99 ${r.catalogue.app.p99} ms, ${r.catalogue.app.errors} errors`,
      `bare \`node:http\` sending the same ${n(r.catalogue.bytes)} bytes and headers: ${n(r.catalogue.bare.rps)} req/s, p50 ${r.catalogue.bare.p50} ms, p99 ${r.catalogue.bare.p99} ms`,
      String(r.catalogue.ratio),
      '≥ 0.5, p99 < 25 ms',
      yes(r.catalogue.ratio >= 0.5 && r.catalogue.app.p99 < 25),
    ],
    [
      '2',
      `checkout, 100 buyers ordering back to back, ${c.seconds} s`,
      `${n(c.ordersPerSecond)} orders/s (${n(c.orders)} orders, ${c.errors} errors), p50 ${n(c.p50)} ms, p99 ${n(c.p99)} ms`,
      `pgbench TPC-B \`-c 10 -j 2\`: ${n(c.pgbenchTps)} tps`,
      String(c.ratio),
      '≥ 0.2',
      yes(c.ratio >= 0.2),
    ],
    [
      '2a',
      'the SQL of one order request, sent by pgbench (`bench/order-statements.sql`, `-M prepared -c 10 -j 2`)',
      `${n(c.orderSqlOnly.tps)} tps, ${c.orderSqlOnly.latencyMs} ms average`,
      `pgbench TPC-B: ${n(c.pgbenchTps)} tps`,
      String(Math.round((c.orderSqlOnly.tps / c.pgbenchTps) * 100) / 100),
      'the ceiling of our SQL alone',
      '—',
    ],
    [
      '2b',
      'CPU per order (ms of one core), server · PostgreSQL · load generator',
      `${c.cpuMsPerOrder.server} · ${c.cpuMsPerOrder.postgres} · ${c.cpuMsPerOrder.loadGenerator}`,
      `2 cores ÷ their sum: ${n(c.cpuCeilingOrdersPerSecond)} orders/s at most`,
      String(Math.round((c.ordersPerSecond / c.cpuCeilingOrdersPerSecond) * 100) / 100),
      'server ≤ 1.5 ms',
      yes(c.cpuMsPerOrder.server <= 1.5),
    ],
    [
      '2c',
      `checkout at a steady ${c.steady.ordersPerSecond} orders/s (open loop)`,
      `${n(c.steady.orders)} orders, ${c.steady.errors} errors, p50 ${c.steady.p50} ms, p99 ${c.steady.p99} ms`,
      '—',
      '—',
      'p99 < 100 ms',
      yes(c.steady.p99 < 100),
    ],
    [
      '2d',
      'race: 1,000 buyers for 100 units',
      `${r.race.created} sold, ${r.race.refused} refused (409), ${r.race.otherStatuses} other, **oversell ${r.race.oversell}**, stock ${r.race.stockLeft}, stock = Σ movements: ${r.race.stockEqualsMovements}, settled in ${(r.race.settleMs / 1000).toFixed(1)} s`,
      '—',
      '—',
      '0 oversell',
      yes(r.race.oversell === 0 && r.race.stockEqualsMovements),
    ],
    [
      '2e',
      'round trips per order, counted by the server (`GET /api/admin/diagnostics`): database driver + Socket.IO adapter',
      `${c.roundTripsPerOrder.database} + ${c.roundTripsPerOrder.adapter} = ${Math.round((c.roundTripsPerOrder.database + c.roundTripsPerOrder.adapter) * 100) / 100}`,
      '—',
      '—',
      '≤ 3',
      yes(c.roundTripsPerOrder.database + c.roundTripsPerOrder.adapter <= 3),
    ],
    [
      '3',
      `staff notification, one node (order answer → \`order:created\` at ${one.staffSockets} staff sockets)`,
      `p50 ${one.staffNotify.p50} ms, p99 ${one.staffNotify.p99} ms (from sending the order: p50 ${one.staffNotify.fromRequest.p50} ms, p99 ${one.staffNotify.fromRequest.p99} ms)`,
      '—',
      '—',
      'p99 < 50 ms',
      yes(one.staffNotify.p99 < 50),
    ],
    [
      '3',
      `fan-out of \`stock:changed\` to ${n(one.shopperSockets)} shopper sockets, one node`,
      `p50 ${one.fanout.p50} ms, p99 ${one.fanout.p99} ms (${n(one.fanout.deliveries)} deliveries)`,
      '—',
      '—',
      'p99 < 250 ms',
      yes(one.fanout.p99 < 250),
    ],
    [
      '3',
      'staff notification across two nodes (PostgreSQL adapter)',
      `p50 ${two.staffNotify.p50} ms, p99 ${two.staffNotify.p99} ms (from sending the order: p50 ${two.staffNotify.fromRequest.p50} ms, p99 ${two.staffNotify.fromRequest.p99} ms)`,
      '—',
      '—',
      'p99 < 150 ms',
      yes(two.staffNotify.p99 < 150),
    ],
    [
      '3',
      `fan-out to ${n(two.shopperSockets)} shoppers across two nodes`,
      `p50 ${two.fanout.p50} ms, p99 ${two.fanout.p99} ms (${n(two.fanout.deliveries)} deliveries)`,
      '—',
      '—',
      'p99 < 250 ms',
      yes(two.fanout.p99 < 250),
    ],
    [
      '4',
      'shop first load, gzipped (JS + CSS, incl. the socket.io client)',
      `${(r.frontEnd.totalGzip / 1000).toFixed(1)} KB (JS ${(r.frontEnd.jsGzip / 1000).toFixed(1)} KB, CSS ${(r.frontEnd.cssGzip / 1000).toFixed(1)} KB)`,
      '—',
      '—',
      '≤ 60 KB',
      yes(r.frontEnd.totalGzip <= 60_000),
    ],
  ];
  return [
    `Run of ${date.slice(0, 16).replace('T', ' ')} UTC on ${machine}; written by \`npm run bench\` (raw figures: \`bench/results.json\`).`,
    '',
    '| # | figure | ours | baseline (same run) | ratio | target | met? |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

const START = '<!-- figures:start (written by npm run bench) -->';
const END = '<!-- figures:end -->';

/** Replaces the figures between the markers of docs/BENCHMARKS.md, leaving the prose around them. */
export function writeFigures(file: string, table: string): void {
  const doc = readFileSync(file, 'utf8');
  const from = doc.indexOf(START);
  const to = doc.indexOf(END);
  if (from < 0 || to < from) throw new Error(`${file}: figure markers not found`);
  writeFileSync(file, `${doc.slice(0, from + START.length)}\n${table}\n${doc.slice(to)}`);
}
