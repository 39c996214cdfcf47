import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiClient, DEMO } from './helpers/client.ts';
import { customer, paidOrder, sql } from './helpers/fixtures.ts';
import { serverForSuite } from './helpers/suite.ts';
import { strFromU8, unzipSync } from 'fflate';

/** Parses our CSV (`;`, BOM, quotes doubled) into rows of cells. */
function parseCsv(text: string): string[][] {
  assert.ok(text.startsWith('\ufeff'), 'the CSV starts with a BOM');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.slice(1);
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted && ch === '"' && s[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (quoted) cell += ch;
    else if (ch === ';') endCell();
    else if (ch === '\n') {
      endCell();
      rows.push(row);
      row = [];
    } else if (ch !== '\r') cell += ch;
  }
  if (cell || row.length) {
    endCell();
    rows.push(row);
  }
  return rows;
}

describe('staff and admin list filters and exports', () => {
  const t = serverForSuite({ env: { LIMIT_UNPAID_ORDERS: '50', LIMIT_HELD_UNITS: '500' } });
  const signedIn = async (who: { email: string; password: string }) => {
    const c = new ApiClient(t.url);
    assert.equal((await c.login(who.email, who.password)).status, 200);
    return c;
  };
  // Both sides of midnight in Paris on 14 March 2026 (UTC+1): 23:30 on the 14th, 00:30 on the 15th.
  const LATE_14 = '2026-03-14T22:30:00Z';
  const EARLY_15 = '2026-03-14T23:30:00Z';

  let staff: ApiClient;
  let admin: ApiClient;
  let centres: string[];
  let late: { id: string; number: string };
  let early: { id: string; number: string };
  let gift: { id: string; number: string };
  let buyerName: string;

  test('when orders are arranged across Paris midnight and centres, then the lists filter them by centre, day and gifts', async () => {
    staff = await signedIn(DEMO.staff);
    admin = await signedIn(DEMO.admin);
    centres = (await new ApiClient(t.url).get('/api/centres')).body.map((c: { id: string }) => c.id);
    assert.ok(centres.length >= 2);
    buyerName = `Éloïse Filtre ${Math.random().toString(36).slice(2, 7)}`;
    const buyer = new ApiClient(t.url);
    await buyer.register(buyerName, `filtre-${Date.now()}@example.fr`);
    late = (await paidOrder(t, buyer, centres[0]!)).order;
    early = (await paidOrder(t, buyer, centres[0]!)).order;
    gift = (await paidOrder(t, await customer(t), centres[1]!, { donate: true })).order;
    // The moments of placing and paying, set as if they had happened then.
    for (const [o, at] of [
      [late, LATE_14],
      [early, EARLY_15],
      [gift, EARLY_15],
    ] as const) {
      await sql(t, 'UPDATE orders SET created_at = $2 WHERE id = $1', [o.id, at]);
      await sql(t, 'UPDATE payments SET created_at = $2 WHERE order_id = $1', [o.id, at]);
    }

    const numbers = async (who: ApiClient, path: string) => {
      const res = await who.get(path);
      assert.equal(res.status, 200, `${path}: ${JSON.stringify(res.body)}`);
      return res.body.items.map((o: { number?: string; orderNumber?: string }) => o.number ?? o.orderNumber).sort();
    };
    const sorted = (...o: Array<{ number: string }>) => o.map((x) => x.number).sort();
    for (const base of ['/api/staff/orders', '/api/admin/orders']) {
      const who = base.includes('admin') ? admin : staff;
      // `to` includes the whole of its Paris day: 23:30 on the 14th is in, 00:30 on the 15th is not.
      assert.deepEqual(await numbers(who, `${base}?from=2026-03-14&to=2026-03-14`), sorted(late), base);
      assert.deepEqual(await numbers(who, `${base}?from=2026-03-15&to=2026-03-15`), sorted(early, gift), base);
      assert.deepEqual(await numbers(who, `${base}?from=2026-03-14&to=2026-03-15&centreId=${centres[0]}`), sorted(late, early), base);
      assert.deepEqual(await numbers(who, `${base}?from=2026-03-14&to=2026-03-15&hasGifts=true`), sorted(gift), base);
      assert.deepEqual(await numbers(who, `${base}?from=2026-03-15&hasGifts=false`), sorted(early), base);
      // Cleared controls send empty values: they filter nothing.
      assert.deepEqual(await numbers(who, `${base}?from=2026-03-14&to=2026-03-14&centreId=&hasGifts=`), sorted(late), base);
      for (const bad of ['from=14/03/2026', 'to=2026-02-30', 'centreId=nope', 'hasGifts=maybe']) {
        assert.equal((await who.get(`${base}?${bad}`)).status, 400, bad);
      }
    }
  });

  test('when payments are filtered, then centre, Paris days, provider, status and the customer’s name narrow the list', async () => {
    const numbers = async (query: string) => {
      const res = await staff.get(`/api/staff/payments?${query}`);
      assert.equal(res.status, 200, `${query}: ${JSON.stringify(res.body)}`);
      return res.body.items.map((p: { orderNumber: string }) => p.orderNumber).sort();
    };
    const sorted = (...o: Array<{ number: string }>) => o.map((x) => x.number).sort();
    assert.deepEqual(await numbers('from=2026-03-14&to=2026-03-14'), sorted(late));
    assert.deepEqual(await numbers('from=2026-03-15&to=2026-03-15'), sorted(early, gift));
    assert.deepEqual(await numbers(`from=2026-03-14&to=2026-03-15&centreId=${centres[1]}`), sorted(gift));
    assert.deepEqual(await numbers('from=2026-03-14&to=2026-03-15&provider=demo&status=succeeded'), sorted(late, early, gift));
    assert.deepEqual(await numbers('from=2026-03-14&to=2026-03-15&provider=stripe'), []);
    assert.deepEqual(await numbers('from=2026-03-14&to=2026-03-15&status=refunded'), []);
    // The customer's name, typed without accents or capitals.
    const plain = buyerName.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    assert.deepEqual(await numbers(`q=${encodeURIComponent(plain)}`), sorted(late, early));
    assert.equal((await staff.get('/api/staff/payments?status=lost')).status, 400);
  });

  test('when lists are exported, then the CSV has Paris dates, French labels (English for an English admin), per-line rows and neutralised formulas', async () => {
    const csvOf = async (who: ApiClient, path: string) => {
      const res = await fetch(`${t.url}${path}`, { headers: { cookie: who.cookieHeader } });
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type') ?? '', /text\/csv/);
      assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="/);
      // Read as bytes: fetch's text() would drop the BOM this checks.
      return parseCsv(Buffer.from(await res.arrayBuffer()).toString('utf8'));
    };
    const orders = await csvOf(staff, '/api/staff/orders?format=csv&from=2026-03-14&to=2026-03-15');
    assert.deepEqual(orders[0]!.slice(0, 4), ['Numéro', 'Date', 'Statut', 'Client']);
    const byNumber = new Map(orders.slice(1).map((r) => [r[0], r]));
    assert.equal(byNumber.size, 3);
    assert.deepEqual(byNumber.get(late.number)!.slice(1, 3), ['14/03/2026 23:30', 'Payée']);
    assert.deepEqual(byNumber.get(early.number)!.slice(1, 3), ['15/03/2026 00:30', 'Payée']);
    assert.equal(byNumber.get(late.number)![3], buyerName);
    assert.match(byNumber.get(late.number)![7]!, /^\d+,\d{2}$/, 'euros with a decimal comma');

    // One row per line: the gift order's line says it is offered.
    const lines = await csvOf(admin, `/api/admin/orders?format=csv&lines=true&from=2026-03-15&to=2026-03-15&centreId=${centres[1]}`);
    const header = lines[0]!;
    assert.deepEqual([header[0], header[1], header[6], header[8], header[11]], ['Numéro', 'Date', 'Produit', 'Quantité', 'Offert au centre']);
    assert.equal(lines.length, 2);
    assert.equal(lines[1]![0], gift.number);
    assert.equal(lines[1]![11], 'Oui');

    // An admin working in English gets English labels, same Paris dates.
    await sql(t, `UPDATE users SET locale = 'en' WHERE email = $1`, [DEMO.admin.email]);
    try {
      const en = await csvOf(admin, '/api/admin/orders?format=csv&from=2026-03-14&to=2026-03-14');
      assert.deepEqual(en[0]!.slice(0, 3), ['Number', 'Date', 'Status']);
      assert.deepEqual(en[1]!.slice(0, 3), [late.number, '14/03/2026 23:30', 'Paid']);
      assert.match(en[1]![7]!, /^\d+\.\d{2}$/);
      const pay = await csvOf(admin, '/api/staff/payments?format=csv&from=2026-03-14&to=2026-03-14');
      assert.deepEqual(pay[0]!.slice(0, 3), ['Date', 'Order', 'Customer']);
      assert.deepEqual(pay[1]!.slice(0, 6), ['14/03/2026 23:30', late.number, buyerName, pay[1]![3], 'Demo', 'Succeeded']);
    } finally {
      await sql(t, `UPDATE users SET locale = 'fr' WHERE email = $1`, [DEMO.admin.email]);
    }
    const pay = await csvOf(staff, `/api/staff/payments?format=csv&q=${encodeURIComponent(buyerName)}`);
    assert.deepEqual(pay[0], ['Date', 'Commande', 'Client', 'Centre', 'Prestataire', 'Statut', 'Montant (€)', 'Remboursé (€)', 'Référence']);
    assert.deepEqual(
      pay
        .slice(1)
        .map((r) => r[5])
        .sort(),
      ['Réussi', 'Réussi'],
    );

    // A name that is a formula reaches the spreadsheet as text, in every export.
    const evil = new ApiClient(t.url);
    await evil.register('=HYPERLINK("http://evil")', `evil-${Date.now()}@example.fr`);
    const evilOrder = (await paidOrder(t, evil, centres[0]!)).order;
    for (const [who, path] of [
      [staff, `/api/staff/orders?format=csv&q=${evilOrder.number}`],
      [admin, `/api/admin/orders?format=csv&lines=true&q=${evilOrder.number}`],
      [staff, `/api/staff/payments?format=csv&q=${evilOrder.number}`],
    ] as const) {
      const rows = await csvOf(who, path);
      assert.equal(rows.length, 2, path);
      assert.ok(rows[1]!.includes(`'=HYPERLINK("http://evil")`), `${path}: ${JSON.stringify(rows[1])}`);
      assert.ok(!rows[1]!.some((c) => /^[=+\-@]/.test(c)), path);
    }

    // The .xlsx option: a real workbook whose cells are text, never formulas.
    const res = await fetch(`${t.url}/api/admin/orders?format=xlsx&lines=true&q=${evilOrder.number}`, { headers: { cookie: admin.cookieHeader } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.match(res.headers.get('content-disposition') ?? '', /filename="commandes-lignes-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const xml = Object.entries(files)
      .filter(([name]) => name.startsWith('xl/'))
      .map(([, data]) => strFromU8(data))
      .join('\n');
    assert.ok(xml.includes('Offert au centre') && xml.includes(evilOrder.number), 'the header and the order are in the workbook');
    assert.match(xml, /<t>=HYPERLINK\((&quot;|")http:\/\/evil/, 'the name is kept as text');
    assert.ok(!/<f[ >]/.test(xml), 'no cell is a formula');
  });
});
