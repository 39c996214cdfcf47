import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForSuite } from './helpers/suite.ts';
import { ApiClient, DEMO, recorded } from './helpers/client.ts';
import { Lexer, type Token } from 'marked';
import type { SitePage, SitePageLink } from '../src/contract/index.ts';

/** The first token of a type in marked's tree. */
const find = (tokens: Token[], type: string): Token | undefined => {
  for (const token of tokens) {
    const inner = 'tokens' in token && token.tokens ? find(token.tokens, type) : undefined;
    if (token.type === type) return token;
    if (inner) return inner;
  }
  return undefined;
};
/** What marked's tokens read as, once rendered (escapes as their character). */
const plain = (tokens: Token[]): string =>
  tokens.map((t) => ('tokens' in t && t.tokens ? plain(t.tokens) : 'text' in t && typeof t.text === 'string' ? t.text : '')).join('');

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

  test('when the association’s details are set, then the default legal notice and personal data pages name it, its address and contact; before, they ask the admin to fill them', async () => {
    const page = async (slug: string, lang: string) => (await new ApiClient(t.url).get<SitePage>(`/api/pages/${slug}?lang=${lang}`)).body.body;
    // Out of the box: only the default name is known, so the pages say the details are missing.
    assert.match(
      await page('mentions-legales', 'fr'),
      /## Éditeur\n\*Les coordonnées de l’association .* ne sont pas encore renseignées : l’administrateur les indique dans Administration → Association\.\*/,
    );
    assert.match(await page('donnees-personnelles', 'fr'), /## Responsable du traitement\n\*Les coordonnées de l’association/);
    assert.match(await page('mentions-legales', 'en'), /## Publisher\n\*The details of the association running this shop .* are not filled in yet/);
    assert.doesNotMatch(await page('mentions-legales', 'fr'), /\{\{/);

    const a = await admin();
    const set = await a.put('/api/admin/association', {
      name: 'Les *Amis* du Panier [Paris]',
      address: '12 rue des Lilas',
      postcode: '75020',
      city: 'Paris',
      rna: 'W751234567',
      contactEmail: 'contact@amis-du-panier.fr',
      signatoryName: 'Claire Martin',
      signatoryTitle: 'présidente',
    });
    assert.equal(set.status, 200, JSON.stringify(set.body));

    const notice = await page('mentions-legales', 'fr');
    const publisher = notice.slice(notice.indexOf('## Éditeur'), notice.indexOf('## Hébergement'));
    // Parsed back as the shop renders it: the name is bold and literal (its markdown characters escaped).
    const strong = find(new Lexer().lex(publisher), 'strong');
    assert.equal(strong && plain([strong]), 'Les *Amis* du Panier [Paris]');
    assert.match(
      publisher,
      /- Adresse : 12 rue des Lilas, 75020 Paris\n- RNA W751234567\n- Contact : \[contact@amis-du-panier\.fr\]\(mailto:contact@amis-du-panier\.fr\)\n- Directeur ou directrice de la publication : Claire Martin, présidente/,
    );
    assert.doesNotMatch(publisher, /pas encore renseignées/);
    const data = await page('donnees-personnelles', 'fr');
    assert.match(data, /## Responsable du traitement\nLe responsable du traitement de vos données est \*\*Les \\\*Amis\\\* du Panier \\\[Paris\\\]\*\*/);
    assert.match(data, /- Contact : \[contact@amis-du-panier\.fr\]\(mailto:contact@amis-du-panier\.fr\)/);
    assert.doesNotMatch(data, /Directeur/, 'the publication director is the legal notice’s only');
    const en = await page('mentions-legales', 'en');
    assert.match(
      en,
      /This shop is published by \*\*Les .*\*\*, the association that runs it for the Restos du Cœur\.\n\n- Address: 12 rue des Lilas, 75020 Paris/,
    );

    // A page the admin rewrote is theirs: it is not filled in.
    assert.equal((await a.put('/api/admin/pages/mentions-legales', { lang: 'en', title: 'Legal', body: 'Our own {{publisher}} text.' })).status, 200);
    assert.equal(await page('mentions-legales', 'en'), 'Our own {{publisher}} text.');
  });
});
