import { z } from 'zod';
import { stripBidiControls } from '../shared/text.ts';
import { instant, paged, pageQuery, timestamps } from './common.ts';
import { LOCALES } from './enums.ts';

// --- Shop ------------------------------------------------------------------------------

/** Orders of a product list: by relevance to `q` (the default when `q` is given), by name, by price (lowest first). */
export const PRODUCT_SORTS = ['relevance', 'name', 'price'] as const;

/** `lang=fr|en` on public reads, else Accept-Language, else French (contract: "Public reads in two languages"). */
export const langQuery = z.enum(LOCALES, { error: 'Langue « fr » ou « en ».' }).optional();

export const productListQuery = z.object({
  q: z.string().max(200, 'La recherche est limitée à 200 caractères.').optional(),
  category: z.string().max(64).optional(),
  sort: z.enum(PRODUCT_SORTS, { error: 'Tri « relevance », « name » ou « price ».' }).optional(),
  lang: langQuery,
  ...pageQuery(24),
});

export const product = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    category: z.string(),
    unit: z.string(),
    priceCents: z.number().int(),
    imageUrl: z.string().nullable(),
    stock: z.number().int(),
    /** At most this many in one order (null: no limit but the stock and LIMIT_UNITS_PER_PRODUCT). */
    maxPerOrder: z.number().int().nullable(),
    /** Words the search also finds the product by (in the language read: English ones, else the French ones). */
    keywords: z.array(z.string()),
    /** Net weight of one unit in grams, null when unknown. */
    weightGrams: z.number().int().nullable(),
  })
  .meta({ id: 'Product' });
export type Product = z.infer<typeof product>;

export const productPage = paged(product).meta({ id: 'ProductPage' });
export type ProductPage = z.infer<typeof productPage>;

export const publicCategoryQuery = z.object({ lang: langQuery });

export const category = z.object({ slug: z.string(), name: z.string() }).meta({ id: 'Category' });
export type Category = z.infer<typeof category>;

// --- Admin: products -------------------------------------------------------------------

const price = z
  .number({ error: 'Le prix doit être un nombre de centimes.' })
  .int('Le prix est un nombre entier de centimes.')
  .min(0, 'Le prix ne peut pas être négatif.')
  .max(1_000_000);

/** Search keywords: trimmed, without empties or repeats, at most 20 of 40 characters. */
const keywordList = z
  .array(
    z
      .string()
      .trim()
      .max(40, 'Un mot-clé est limité à 40 caractères.')
      .refine((k) => !k.includes('\u0000'), 'Caractère interdit.'),
  )
  .max(20, 'Au plus 20 mots-clés.')
  .transform((list) => [...new Set(list.filter(Boolean))]);

export const productFields = {
  name: z.string().overwrite(stripBidiControls).trim().min(1, 'Le nom est requis.').max(120),
  description: z.string().trim().max(2000),
  category: z.string().trim().min(1).max(64),
  unit: z.string().trim().max(40),
  priceCents: price,
  onSale: z.boolean(),
  maxPerOrder: z.number().int().min(1).max(99).nullable(),
  /** English name and description, for visitors reading English (empty or null: the French ones). */
  nameEn: z
    .string()
    .overwrite(stripBidiControls)
    .trim()
    .max(120)
    .nullable()
    .transform((s) => s || null),
  descriptionEn: z
    .string()
    .trim()
    .max(2000)
    .nullable()
    .transform((s) => s || null),
  keywords: keywordList,
  keywordsEn: keywordList,
  weightGrams: z.number().int('Le poids est un nombre entier de grammes.').min(1).max(100_000).nullable(),
};

export const createProductBody = z.object({
  ...productFields,
  description: productFields.description.default(''),
  unit: productFields.unit.default(''),
  onSale: productFields.onSale.default(true),
  maxPerOrder: productFields.maxPerOrder.default(null),
  nameEn: productFields.nameEn.default(null),
  descriptionEn: productFields.descriptionEn.default(null),
  keywords: productFields.keywords.default([]),
  keywordsEn: productFields.keywordsEn.default([]),
  weightGrams: productFields.weightGrams.default(null),
  /** Initial stock, written as a movement like every other stock change. */
  stock: z.number().int().min(0).max(100_000).default(0),
});

export const updateProductBody = z
  .object(productFields)
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'Rien à modifier.');

export const stockAdjustmentBody = z.object({
  delta: z
    .number()
    .int('La variation est un nombre entier.')
    .min(-100_000)
    .max(100_000)
    .refine((d) => d !== 0, 'La variation ne peut pas être nulle.'),
  reason: z.string().trim().min(3, 'Indiquez la raison de l’ajustement.').max(300),
});

export const adminProductQuery = z.object({
  q: z.string().trim().max(200).optional(),
  category: z.string().max(64).optional(),
  onSale: z.enum(['true', 'false']).optional(),
  ...pageQuery(50),
});

/** The image upload (multipart field `image`): described for the docs; multer reads it. */
export const productImageUpload = z.object({ image: z.string().meta({ format: 'binary' }) });

/** What the shop shows of a product, and what only the admin sees: the slug, whether it is on sale, its dates. */
export const adminProduct = product
  .extend({
    slug: z.string(),
    onSale: z.boolean(),
    nameEn: z.string().nullable(),
    descriptionEn: z.string().nullable(),
    keywordsEn: z.array(z.string()),
    ...timestamps,
  })
  .meta({ id: 'AdminProduct' });
export type AdminProduct = z.infer<typeof adminProduct>;

/** A stock movement: `reason` is one of STOCK_REASONS. */
export const stockMovement = z.object({
  delta: z.number().int(),
  reason: z.string(),
  note: z.string().nullable(),
  orderId: z.string().nullable(),
  at: instant,
  actorName: z.string().nullable(),
});
export type StockMovement = z.infer<typeof stockMovement>;

export const adminProductDetail = adminProduct.extend({ movements: z.array(stockMovement) }).meta({ id: 'AdminProductDetail' });
export type AdminProductDetail = z.infer<typeof adminProductDetail>;

// --- Admin: categories -----------------------------------------------------------------

/** Lower-case words joined by single hyphens: the slug is part of shop URLs (`?category=`). */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const noNul = (s: string) => !s.includes('\u0000');

const categoryName = z
  .string({ error: 'Le nom est requis.' })
  .trim()
  .min(1, 'Le nom est requis.')
  .max(80, 'Le nom est limité à 80 caractères.')
  .refine(noNul, 'Caractère interdit.');

/** The English name; empty or null means "none" (visitors reading English then see the French name). */
const categoryNameEn = z
  .string()
  .trim()
  .max(80, 'Le nom anglais est limité à 80 caractères.')
  .refine(noNul, 'Caractère interdit.')
  .nullable()
  .transform((s) => (s ? s : null));

/** Where the category goes in the display order, counted from 0 (beyond the end means last). */
const position = z
  .number({ error: 'La position est un nombre entier.' })
  .int('La position est un nombre entier.')
  .min(0, 'La position ne peut pas être négative.')
  .max(10_000);

export const createCategoryBody = z.object({
  slug: z
    .string({ error: 'L’identifiant est requis.' })
    .min(1, 'L’identifiant est requis.')
    .max(64, 'L’identifiant est limité à 64 caractères.')
    .regex(SLUG, 'L’identifiant ne contient que des lettres minuscules sans accent, des chiffres et des tirets (ex. « epicerie-sucree »).'),
  name: categoryName,
  nameEn: categoryNameEn.optional(),
  position: position.optional(),
});

export const updateCategoryBody = z
  .object({ name: categoryName, nameEn: categoryNameEn, position })
  .partial()
  .refine((b) => b.name !== undefined || b.nameEn !== undefined || b.position !== undefined, 'Rien à modifier (name, nameEn ou position).');

/** A category with its names and how many products it holds (`products`: on sale or not, what stops a deletion). */
export const adminCategory = z
  .object({
    slug: z.string(),
    name: z.string(),
    nameEn: z.string().nullable(),
    position: z.number().int(),
    products: z.number().int(),
    productsOnSale: z.number().int(),
    ...timestamps,
  })
  .meta({ id: 'AdminCategory' });
export type AdminCategory = z.infer<typeof adminCategory>;
