/**
 * The cart's HTTP routes, for signed-in people and guests alike (contract "Cart (guests
 * too)"): a guest's cart lives on the server under the `ps_cart` cookie (HttpOnly, SameSite
 * Lax; only its hash is stored), is made on the first change (GUEST_CARTS_PER_MINUTE per
 * address), expires after GUEST_CART_DAYS without a change, and is merged into the account's
 * cart at sign-up and sign-in — or on the next cart request of a signed-in browser that
 * still carries one (a sign-in through OpenID Connect).
 */
import { createHash, randomBytes } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { parse as parseCookie, serialize } from 'cookie';
import { cartItemBody, type Cart, type CartAdjustment } from '../../contract/index.ts';
import type { Database } from '../../db/index.ts';
import type { Clock } from '../../shared/clock.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { isUuid } from '../../shared/ids.ts';
import { parse } from '../../shared/validate.ts';
import { secureCookie } from '../auth/index.ts';
import { applyLines, mergeGuestCart, type CartLimits } from './service.ts';
import { createGuestCart, deleteLines, guestCartLive, guestCartsMadeSince, purgeExpiredGuestCarts, readCart, touchGuestCart, type CartOwner } from './store.ts';

export const GUEST_CART_COOKIE = 'ps_cart';

const EMPTY_CART: Cart = { items: [], totalCents: 0, donationTotalCents: 0 };

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface CartSettings extends CartLimits {
  /** GUEST_CART_DAYS: a guest cart left unchanged this long is forgotten. */
  guestCartDays: number;
  /** GUEST_CARTS_PER_MINUTE: guest carts one address may open in a minute. */
  guestCartsPerMinute: number;
}

export interface Carts {
  router: Router;
  /** Sign-up and sign-in: the browser's guest cart joins the account's; the merged cart, if there was one. */
  mergeOnSignIn(req: Request, res: Response, userId: string): Promise<Cart | undefined>;
  /** The sweeper: forgets guest carts past their expiry. */
  purgeExpired(): Promise<number>;
}

export function createCarts(deps: { db: Database; clock: Clock; settings: CartSettings }): Carts {
  const { db, clock, settings } = deps;
  const days = settings.guestCartDays;
  const expiry = () => new Date(clock.now().getTime() + days * 86_400_000);

  const guestIdOf = (req: Request): string | undefined => {
    const token = req.headers.cookie ? parseCookie(req.headers.cookie)[GUEST_CART_COOKIE] : undefined;
    return token ? sha256(token) : undefined;
  };
  const setCookie = (req: Request, res: Response, token: string) =>
    res.append(
      'Set-Cookie',
      serialize(GUEST_CART_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: secureCookie(req), path: '/', maxAge: days * 86_400 }),
    );
  const clearCookie = (req: Request, res: Response) =>
    res.append('Set-Cookie', serialize(GUEST_CART_COOKIE, '', { httpOnly: true, sameSite: 'lax', secure: secureCookie(req), path: '/', maxAge: 0 }));

  async function mergeOnSignIn(req: Request, res: Response, userId: string): Promise<Cart | undefined> {
    const guestId = guestIdOf(req);
    if (!guestId) return undefined;
    clearCookie(req, res);
    return mergeGuestCart(db, guestId, userId, clock.now(), settings);
  }

  /** Whose cart this request reads: the account's, else the guest cookie's live cart, else none yet. */
  async function ownerOf(req: Request): Promise<CartOwner | undefined> {
    if (req.user) return { kind: 'user', id: req.user.id };
    const guestId = guestIdOf(req);
    if (guestId && (await guestCartLive(db, guestId, clock.now()))) return { kind: 'guest', id: guestId };
    return undefined;
  }

  /** A guest's first change opens a cart (rate-limited per address) and sets its cookie. */
  async function openGuestCart(req: Request, res: Response): Promise<CartOwner> {
    const now = clock.now();
    const address = sha256(req.ip ?? 'unknown');
    const made = await guestCartsMadeSince(db, address, new Date(now.getTime() - 60_000));
    if (made.n >= settings.guestCartsPerMinute) {
      const wait = made.oldest ? Math.max(1, Math.ceil((made.oldest.getTime() + 60_000 - now.getTime()) / 1000)) : 60;
      throw new AppError('rate_limited', { headers: { 'Retry-After': String(wait) }, details: { retryAfter: wait } });
    }
    const token = randomBytes(32).toString('base64url');
    const id = sha256(token);
    await createGuestCart(db, id, address, now, expiry());
    setCookie(req, res, token);
    return { kind: 'guest', id };
  }

  /** A signed-in browser still carrying a guest cart (OpenID Connect sign-in): merged first, its cuts told. */
  async function mergeLeftover(req: Request, res: Response): Promise<CartAdjustment[]> {
    if (!req.user || !guestIdOf(req)) return [];
    return (await mergeOnSignIn(req, res, req.user.id))?.adjusted ?? [];
  }

  const r = Router();

  r.get('/cart', async (req, res) => {
    const merged = await mergeLeftover(req, res);
    const owner = await ownerOf(req);
    res.json(owner ? await readCart(db, owner, merged) : EMPTY_CART);
  });

  r.put('/cart/items/:productId', async (req, res) => {
    const { productId } = req.params;
    const body = parse(cartItemBody, req.body);
    if (!isUuid(productId)) throw notFound();
    const merged = await mergeLeftover(req, res);
    let owner = await ownerOf(req);
    if (!owner && body.quantity === 0) {
      res.json(EMPTY_CART);
      return;
    }
    owner ??= await openGuestCart(req, res);
    const adjusted = await applyLines(db, owner, [{ productId, quantity: body.quantity, donate: body.donate }], 'set', settings);
    if (owner.kind === 'guest') await touchGuestCart(db, owner.id, expiry());
    res.json(await readCart(db, owner, [...merged, ...adjusted]));
  });

  r.delete('/cart', async (req, res) => {
    const owner = await ownerOf(req);
    if (owner) await deleteLines(db, owner);
    res.status(204).end();
  });

  return { router: r, mergeOnSignIn, purgeExpired: () => purgeExpiredGuestCarts(db, clock.now()) };
}
