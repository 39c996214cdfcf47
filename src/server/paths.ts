import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_DIST_DIR = path.join(ROOT_DIR, 'dist/web');
export const SEED_IMAGES_DIR = path.join(ROOT_DIR, 'src/db/seed/images');
