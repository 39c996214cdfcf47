import type { Database } from '../../db/index.ts';
import type { Clock } from '../../shared/clock.ts';
import type { Locale, SitePage, SitePageBody, SitePageLink } from '../../contract/index.ts';
import { recordAudit, type AuditActor } from '../audit/index.ts';
import { getAssociation } from '../association/index.ts';
import { DEFAULT_PAGES, defaultPage, PAGE_SLUGS, type PageSlug, type Publisher } from './defaults.ts';

interface PageRow {
  slug: PageSlug;
  lang: Locale;
  title: string;
  body: string;
  updated_at: Date;
}

/**
 * The footer's pages: the admin's text when there is one (site_pages, one row per page and
 * language), else the default shipped in defaults.ts, filled with the association's details
 * as they are now. Every change is audited in its transaction.
 */
export function createPages(deps: { db: Database; clock: Clock }) {
  const { db, clock } = deps;

  const toPage = (slug: PageSlug, lang: Locale, row: PageRow | undefined, publisher: Publisher): SitePage =>
    row
      ? { slug, lang, title: row.title, body: row.body, custom: true, updatedAt: row.updated_at.toISOString() }
      : { slug, lang, ...defaultPage(slug, lang, publisher), custom: false, updatedAt: null };
  const publisher = (): Promise<Publisher> => getAssociation(db);

  async function rows(lang?: Locale): Promise<PageRow[]> {
    const { rows } = await db.query<PageRow>('SELECT slug, lang, title, body, updated_at FROM site_pages WHERE $1::text IS NULL OR lang = $1', [lang ?? null]);
    return rows;
  }

  return {
    async get(slug: PageSlug, lang: Locale): Promise<SitePage> {
      const { rows } = await db.query<PageRow>('SELECT slug, lang, title, body, updated_at FROM site_pages WHERE slug = $1 AND lang = $2', [slug, lang]);
      return toPage(slug, lang, rows[0], await publisher());
    },

    /** The footer's links, in the order of PAGE_SLUGS. */
    async links(lang: Locale): Promise<SitePageLink[]> {
      const custom = new Map((await rows(lang)).map((r) => [r.slug, r]));
      return PAGE_SLUGS.map((slug) => ({ slug, title: custom.get(slug)?.title ?? DEFAULT_PAGES[slug][lang].title }));
    },

    /** Every page in both languages, for the admin. */
    async all(): Promise<SitePage[]> {
      const custom = new Map((await rows()).map((r) => [`${r.slug}:${r.lang}`, r]));
      const details = await publisher();
      return PAGE_SLUGS.flatMap((slug) => (['fr', 'en'] as const).map((lang) => toPage(slug, lang, custom.get(`${slug}:${lang}`), details)));
    },

    async update(actor: AuditActor, slug: PageSlug, input: SitePageBody): Promise<SitePage> {
      return db.transaction(async (tx) => {
        const now = clock.now();
        const before = await tx.query<PageRow>('SELECT slug, lang, title, body, updated_at FROM site_pages WHERE slug = $1 AND lang = $2 FOR UPDATE', [
          slug,
          input.lang,
        ]);
        const { rows } = await tx.query<PageRow>(
          `INSERT INTO site_pages (slug, lang, title, body, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (slug, lang) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
           RETURNING slug, lang, title, body, updated_at`,
          [slug, input.lang, input.title, input.body, now, actor.id],
        );
        const details = await getAssociation(tx);
        const old = toPage(slug, input.lang, before.rows[0], details);
        await recordAudit(tx, {
          actor,
          action: 'page.update',
          entityType: 'page',
          entityId: slug,
          before: { lang: input.lang, title: old.title, body: old.body },
          after: { lang: input.lang, title: input.title, body: input.body },
        });
        return toPage(slug, input.lang, rows[0], details);
      });
    },
  };
}

export type Pages = ReturnType<typeof createPages>;
