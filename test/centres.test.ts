import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForSuite } from './helpers/suite.ts';
import { ApiClient, DEMO, signedIn } from './helpers/client.ts';
import { createCentre, sql } from './helpers/fixtures.ts';
import { ManualClock } from '../src/shared/clock.ts';

type C = { id: string; name: string; city: string; openingHours: string; hours: unknown[]; openNow: boolean; nextOpening: string | null; distanceKm?: number };

describe('centres: distance, hours and language', () => {
  const t = serverForSuite();
  let c: ApiClient;
  before(() => {
    c = new ApiClient(t.url);
  });
  const list = async (qs: string, headers?: Record<string, string>) => {
    const res = await c.get(`/api/centres${qs}`, headers);
    assert.equal(res.status, 200, `${qs}: ${JSON.stringify(res.body)}`);
    return res.body as C[];
  };

  test('when listing centres, then each has structured hours, open now, next opening and hours text made from them', async () => {
    const centres = await list('');
    assert.ok(centres.length >= 8);
    for (const centre of centres) {
      assert.ok(centre.hours.length > 0, centre.name);
      assert.equal(typeof centre.openNow, 'boolean');
      assert.ok(centre.nextOpening === null || !Number.isNaN(Date.parse(centre.nextOpening)));
      assert.equal(centre.distanceKm, undefined);
    }
    const paris18 = centres.find((x) => x.name.includes('Paris 18e'))!;
    assert.deepEqual(paris18.hours, [
      { day: 2, opens: '09:00', closes: '12:00' },
      { day: 4, opens: '09:00', closes: '12:00' },
      { day: 6, opens: '14:00', closes: '17:00' },
    ]);
    assert.equal(paris18.openingHours, 'Mardi et jeudi 9h–12h, samedi 14h–17h');
    const en = (await list('?lang=en')).find((x) => x.id === paris18.id)!;
    assert.equal(en.openingHours, 'Tuesday and Thursday 9:00–12:00, Saturday 14:00–17:00');
    const byHeader = (await list('', { 'accept-language': 'en-US,en;q=0.9' })).find((x) => x.id === paris18.id)!;
    assert.equal(byHeader.openingHours, en.openingHours);
  });

  test('when asking near a position, then centres come by distance with distanceKm', async () => {
    const centres = await list('?near=48.8946,2.3441');
    assert.match(centres[0]!.name, /Paris 18e/);
    assert.equal(centres[0]!.distanceKm, 0);
    assert.match(centres[1]!.name, /Paris 13e/);
    const distances = centres.map((x) => x.distanceKm!);
    assert.deepEqual(
      distances,
      [...distances].sort((a, b) => a - b),
    );
    assert.ok(distances.at(-1)! > 500, 'the farthest is hundreds of km away');
    assert.match((await list('?near=43.30,5.38'))[0]!.name, /Marseille/);
  });

  test('when asking by postcode or town, then they are placed offline and centres come by distance', async () => {
    assert.match((await list('?postcode=75018'))[0]!.name, /Paris 18e/);
    assert.match((await list('?postcode=75013'))[0]!.name, /Paris 13e/);
    assert.match((await list('?postcode=69007'))[0]!.name, /Lyon/);
    // Villeurbanne: another commune next to Lyon.
    const villeurbanne = await list('?postcode=69100');
    assert.match(villeurbanne[0]!.name, /Lyon/);
    assert.ok(villeurbanne[0]!.distanceKm! < 10);
    assert.match((await list('?town=lille'))[0]!.name, /Lille/);
    assert.match((await list(`?town=${encodeURIComponent('Saint-Étienne')}`))[0]!.name, /Lyon|Grenoble/);
    assert.match((await list(`?town=${encodeURIComponent('NANTES')}`))[0]!.name, /Nantes/);
  });

  test('when the postcode, town or position is unknown or malformed, then 400 validation_failed', async () => {
    for (const qs of [
      '?postcode=00000',
      '?postcode=99999',
      '?postcode=7501',
      '?postcode=abcde',
      '?town=Nullepartville',
      '?near=91,2',
      '?near=48.8',
      '?near=x,y',
      '?lang=de',
    ]) {
      const res = await c.get(`/api/centres${qs}`);
      assert.equal(res.status, 400, qs);
      assert.equal(res.body.error.code, 'validation_failed', qs);
    }
  });

  test('when an admin enters hours and exceptions, then the shop shows them and the text follows', async () => {
    const admin = await signedIn(t.url, DEMO.admin);
    const created = await createCentre(admin, {
      name: 'Centre horaires',
      hours: [
        { day: 1, opens: '09:00', closes: '12:00' },
        { day: 1, opens: '14:00', closes: '17:00' },
        { day: 3, opens: '09:00', closes: '12:00' },
      ],
      exceptions: [{ date: '2030-12-25', opens: null, closes: null, note: 'Noël' }],
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.openingHours, 'Lundi 9h–12h et 14h–17h, mercredi 9h–12h');
    assert.deepEqual(created.body.exceptions, [{ date: '2030-12-25', opens: null, closes: null, note: 'Noël' }]);
    const shown = (await list('?lang=en')).find((x) => x.id === created.body.id)!;
    assert.equal(shown.openingHours, 'Monday 9:00–12:00 and 14:00–17:00, Wednesday 9:00–12:00');

    const edited = await admin.patch(`/api/admin/centres/${created.body.id}`, { hours: [{ day: 7, opens: '10:00', closes: '11:30' }] });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    assert.equal(edited.body.openingHours, 'Dimanche 10h–11h30');
    assert.equal(edited.body.exceptions.length, 1, 'exceptions left as they were');

    for (const hours of [
      [{ day: 8, opens: '09:00', closes: '10:00' }],
      [{ day: 1, opens: '12:00', closes: '09:00' }],
      [{ day: 1, opens: '9h', closes: '10:00' }],
    ]) {
      const bad = await admin.patch(`/api/admin/centres/${created.body.id}`, { hours });
      assert.equal(bad.status, 400, JSON.stringify(hours));
    }
    const badException = await admin.patch(`/api/admin/centres/${created.body.id}`, { exceptions: [{ date: '2030-01-01', opens: '09:00', closes: null }] });
    assert.equal(badException.status, 400);
  });
});

describe('centres: open now and next opening in Paris time', () => {
  const clock = new ManualClock();
  const t = serverForSuite({ clock });
  let c: ApiClient;
  let id: string;
  before(async () => {
    c = new ApiClient(t.url);
    // Only this centre is active, so answers are about it alone.
    await sql(t, 'UPDATE centres SET active = false');
    const [row] = await sql<{ id: string }>(
      t,
      `INSERT INTO centres (name, address, postcode, city, lat, lng) VALUES ('Centre horloge', '1 rue', '75001', 'Paris', 48.86, 2.34) RETURNING id`,
    );
    id = row!.id;
    await sql(
      t,
      `INSERT INTO centre_hours (centre_id, day, opens, closes) VALUES
         ($1, 1, '23:00', '23:59'), ($1, 6, '14:00', '17:00'), ($1, 7, '03:00', '05:00'), ($1, 7, '09:00', '12:00')`,
      [id],
    );
    await sql(
      t,
      `INSERT INTO centre_hour_exceptions (centre_id, date, opens, closes, note) VALUES
         ($1, '2026-12-26', NULL, NULL, 'Lendemain de Noël'), ($1, '2026-12-30', '10:00', '12:00', 'Ouverture exceptionnelle')`,
      [id],
    );
  });
  const at = async (iso: string) => {
    clock.advance(Date.parse(iso) - clock.now().getTime());
    const res = await c.get('/api/centres');
    assert.equal(res.status, 200);
    const centre = (res.body as C[]).find((x) => x.id === id)!;
    return { openNow: centre.openNow, nextOpening: centre.nextOpening };
  };

  test('when it is just before and just after midnight in Paris, then open now follows the Paris day', async () => {
    // Monday 23:00–23:59 Paris (winter, UTC+1): 22:58Z is 23:58 Monday.
    assert.deepEqual(await at('2026-11-30T22:58:00Z'), { openNow: true, nextOpening: '2026-12-05T13:00:00.000Z' });
    // 23:00Z is 00:00 Tuesday in Paris (still Monday in UTC): closed.
    assert.deepEqual(await at('2026-11-30T23:00:00Z'), { openNow: false, nextOpening: '2026-12-05T13:00:00.000Z' });
    // Sunday 23:30 Paris (22:30Z): the next opening is Monday 23:00 Paris.
    assert.deepEqual(await at('2026-11-29T22:30:00Z'), { openNow: false, nextOpening: '2026-11-30T22:00:00.000Z' });
  });

  test('when the clocks go forward (last Sunday of March), then times after the change use UTC+2', async () => {
    // Saturday 28 March 2026, 23:59 Paris (UTC+1) → Sunday 03:00 Paris is already summer time: 01:00Z.
    assert.deepEqual(await at('2026-03-28T22:59:00Z'), { openNow: false, nextOpening: '2026-03-29T01:00:00.000Z' });
    // 01:30 Paris winter time (00:30Z): the 02:00→03:00 jump is ahead.
    assert.deepEqual(await at('2026-03-29T00:30:00Z'), { openNow: false, nextOpening: '2026-03-29T01:00:00.000Z' });
    // 01:00Z is 03:00 summer time: open; next is 09:00 (07:00Z).
    assert.deepEqual(await at('2026-03-29T01:00:00Z'), { openNow: true, nextOpening: '2026-03-29T07:00:00.000Z' });
  });

  test('when the clocks go back (last Sunday of October), then times after the change use UTC+1', async () => {
    // Saturday 24 October 2026, 16:00 Paris summer time (14:00Z): open; next is Sunday 03:00 winter time (02:00Z).
    assert.deepEqual(await at('2026-10-24T14:00:00Z'), { openNow: true, nextOpening: '2026-10-25T02:00:00.000Z' });
    // 02:30Z is 03:30 winter time: open (03:00–05:00). Next: 09:00 winter time = 08:00Z.
    assert.deepEqual(await at('2026-10-25T02:30:00Z'), { openNow: true, nextOpening: '2026-10-25T08:00:00.000Z' });
    // 00:30Z is 02:30 summer time, before the change: closed, opening at 03:00 winter time.
    assert.deepEqual(await at('2026-10-25T00:30:00Z'), { openNow: false, nextOpening: '2026-10-25T02:00:00.000Z' });
  });

  test('when a date has exceptions, then a closed day is skipped and an extra day opens', async () => {
    // Saturday 26 December 2026 is closed: at 15:00 Paris it is not open, and the next opening is Sunday 03:00.
    assert.deepEqual(await at('2026-12-26T14:00:00Z'), { openNow: false, nextOpening: '2026-12-27T02:00:00.000Z' });
    // Wednesday 30 December opens 10:00–12:00 though Wednesdays are closed.
    assert.deepEqual(await at('2026-12-30T09:30:00Z'), { openNow: true, nextOpening: '2027-01-02T13:00:00.000Z' });
    assert.deepEqual(await at('2026-12-30T08:00:00Z'), { openNow: false, nextOpening: '2026-12-30T09:00:00.000Z' });
  });
});
