import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForSuite } from './helpers/suite.ts';
import { ApiClient, DEMO, recorded } from './helpers/client.ts';
import type { SitePage, SitePageLink } from '../src/contract/index.ts';

const SLUGS = ['comment-ca-marche', 'contact', 'mentions-legales', 'cgv', 'donnees-personnelles'];

describe('footer pages', () => {
  const t = serverForSuite();
  const admin = async () => {
    const c = new ApiClient(t.url);
    assert.equal((await c.login(DEMO.admin.email, DEMO.admin.password)).status, 200);
    return c;
  };

  test('when anyone lists the pages, then the five are there with their titles in the asked language', async () => {
    const fr = await new ApiClient(t.url).get<SitePageLink[]>('/api/pages?lang=fr');
    assert.equal(fr.status, 200);
    assert.deepEqual(
      fr.body.map((p) => p.slug),
      SLUGS,
    );
    assert.equal(fr.body.find((p) => p.slug === 'mentions-legales')?.title, 'Mentions légales');
    const en = await new ApiClient(t.url).get<SitePageLink[]>('/api/pages', { 'accept-language': 'en-GB,en;q=0.9' });
    assert.equal(en.body.find((p) => p.slug === 'mentions-legales')?.title, 'Legal notice');
    assert.equal((await new ApiClient(t.url).get('/api/pages?lang=de')).status, 400);
  });

  test('when nobody rewrote a page, then its French default says how to exercise the GDPR rights from the account', async () => {
    const res = await new ApiClient(t.url).get<SitePage>('/api/pages/donnees-personnelles');
    assert.equal(res.status, 200);
    assert.equal(res.body.lang, 'fr');
    assert.equal(res.body.custom, false);
    assert.equal(res.body.updatedAt, null);
    assert.match(res.body.body, /RGPD/);
    assert.match(res.body.body, /\(\/account\/data\)/);
    for (const slug of SLUGS) {
      for (const lang of ['fr', 'en']) {
        const page = await new ApiClient(t.url).get<SitePage>(`/api/pages/${slug}?lang=${lang}`);
        assert.equal(page.status, 200);
        assert.ok(page.body.title && page.body.body.length > 100, `${slug} ${lang} has a default text`);
      }
    }
    assert.equal((await new ApiClient(t.url).get('/api/pages/inconnue')).status, 404);
  });

  test('when the admin rewrites a page in one language, then it is served, the other language keeps its text, and the change is audited', async () => {
    const a = await admin();
    const body = '## Horaires\nLe **mardi** de 14 h à 18 h. Écrivez à [l’équipe](mailto:equipe@example.fr).';
    const res = await a.put<SitePage>('/api/admin/pages/contact', { lang: 'fr', title: 'Nous joindre', body });
    assert.equal(res.status, 200);
    assert.equal(res.body.custom, true);
    assert.equal(res.body.title, 'Nous joindre');
    const fr = await new ApiClient(t.url).get<SitePage>('/api/pages/contact?lang=fr');
    assert.deepEqual([fr.body.title, fr.body.body, fr.body.custom], ['Nous joindre', body, true]);
    const en = await new ApiClient(t.url).get<SitePage>('/api/pages/contact?lang=en');
    assert.deepEqual([en.body.title, en.body.custom], ['Contact', false]);
    assert.equal((await new ApiClient(t.url).get<SitePageLink[]>('/api/pages?lang=fr')).body.find((p) => p.slug === 'contact')?.title, 'Nous joindre');

    const audit = await a.get('/api/admin/audit?entityType=page&entityId=contact');
    assert.equal(audit.status, 200);
    const entry = audit.body.items[0];
    assert.equal(entry!.action, 'page.update');
    assert.equal(recorded(entry!.before).title, 'Contact');
    assert.equal(recorded(entry!.after).title, 'Nous joindre');
    assert.equal(recorded(entry!.after).body, body);

    const all = await a.get<SitePage[]>('/api/admin/pages');
    assert.equal(all.body.length, 10);
    assert.equal(all.body.find((p) => p.slug === 'contact' && p.lang === 'fr')?.custom, true);
  });

  test('when someone other than an admin edits a page, or sends a bad one, then it is refused and nothing changes', async () => {
    const customer = new ApiClient(t.url);
    await customer.register();
    assert.equal((await customer.put('/api/admin/pages/cgv', { lang: 'fr', title: 'Piraté', body: 'x' })).status, 403);
    assert.equal((await new ApiClient(t.url).put('/api/admin/pages/cgv', { lang: 'fr', title: 'Piraté', body: 'x' })).status, 401);
    const a = await admin();
    assert.equal((await a.put('/api/admin/pages/cgv', { lang: 'fr', title: '', body: 'x' })).status, 400);
    assert.equal((await a.put('/api/admin/pages/cgv', { lang: 'de', title: 'T', body: 'x' })).status, 400);
    assert.equal((await a.put('/api/admin/pages/cgv', { lang: 'fr', title: 'T', body: 'x'.repeat(20_001) })).status, 400);
    assert.equal((await a.put('/api/admin/pages/nouvelle', { lang: 'fr', title: 'T', body: 'x' })).status, 404);
    assert.equal((await new ApiClient(t.url).get<SitePage>('/api/pages/cgv')).body.custom, false);
  });

  test('when a page holds HTML and script links, then the API hands them back as plain text for the shop to render safely', async () => {
    const a = await admin();
    const body = '<script>alert(1)</script>\n<img src=x onerror=alert(2)>\n[clic](javascript:alert(3))';
    assert.equal((await a.put('/api/admin/pages/cgv', { lang: 'en', title: '<b>Terms</b>', body })).status, 200);
    const res = await new ApiClient(t.url).get('/api/pages/cgv?lang=en');
    assert.match(res.headers.get('content-type') ?? '', /application\/json/);
    assert.equal(res.body.body, body);
    assert.equal(res.body.title, '<b>Terms</b>');
  });
});
