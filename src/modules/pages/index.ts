export { pageRoutes } from './routes.ts';
export { DEFAULT_PAGES, PAGE_SLUGS, type PageSlug } from './defaults.ts';
