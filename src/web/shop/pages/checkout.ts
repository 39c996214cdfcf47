/**
 * Checkout: choose the Restos du Cœur centre (by distance from a postcode, a town or the
 * person's position, with hours and "open now", a small map),
 * offer everything to the association if wished, check the summary, then "Confirmer et
 * payer": the order is placed (stock held) and the browser goes to the payment page.
 * One Idempotency-Key per attempt, kept for a retry after a network failure, so a
 * retried click never makes two orders.
 */

import { api, ApiError, isAbort, type Cart, type PlacedOrder, type ShopCentre, type StockShortage } from '../../shared/api.ts';
import { h, heartIcon, mount, uid, type Child } from '../../shared/dom.ts';
import { formatPrice } from '../../shared/format.ts';
import { t } from '../../shared/i18n.ts';
import { limitText } from '../limits.ts';
import { announce, errorState, errorText, spinner, toast, withBusy, pageState, offeredRow, totalsRow } from '../../shared/ui.ts';
import { cartEmptied, loadCart, setLine } from '../cart-store.ts';
import { loadUser } from '../../shared/session.ts';
import { centrePicker, fetchCentres, type Origin } from '../centre-picker.ts';
import { forgetChoice, readChoice, saveChoice } from '../checkout-choice.ts';
import { slotChooser } from '../pickup.ts';
import { focusHeading, navigate, type PageContext, type PageHandle } from '../router.ts';

/** The centre of the last order placed: offered as a suggestion, never chosen silently. */
const CENTRE_KEY = 'panier-solidaire.centre';

function rememberedCentre(): string | undefined {
  try {
    return localStorage.getItem(CENTRE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

function rememberCentre(id: string): void {
  try {
    localStorage.setItem(CENTRE_KEY, id);
  } catch {
    // Private mode: the choice is not kept, that is all.
  }
}

/** A fresh random key (crypto.randomUUID needs a secure context; getRandomValues does not). */
function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * One numbered step of the checkout: a panel named by its heading (`headingId`; `focusable`:
 * the heading takes the focus when the page sends it there).
 */
function checkoutStep(num: number, title: string, opts: { headingId: string; focusable?: boolean; className?: string }, ...children: Child[]): HTMLElement {
  return h(
    'section',
    { class: `checkout-step panel${opts.className ? ` ${opts.className}` : ''}`, 'aria-labelledby': opts.headingId },
    h(
      'h2',
      { class: 'checkout-step__title', id: opts.headingId, tabindex: opts.focusable ? '-1' : undefined },
      h('span', { class: 'checkout-step__num', 'aria-hidden': 'true' }, String(num)),
      title,
    ),
    ...children,
  );
}

/** Goes where the server says the payment happens: our demo page in-app, Stripe by a full load. */
export function goToPayment(url: string | null, orderId: string): void {
  navigate(url ?? `/orders/${encodeURIComponent(orderId)}`);
}

export async function renderCheckout(ctx: PageContext): Promise<PageHandle> {
  ctx.setTitle(t('checkout.title'));
  const container = h('div', { class: 'container checkout-page' });
  const heading = h('h1', { class: 'page-title' }, t('checkout.title'));
  mount(ctx.main, container);

  let cart: Cart;
  let centres: ShopCentre[];
  const choice = readChoice();
  let selected: string | undefined;
  let donationOnly = choice.donationOnly === true;
  /** The key of the attempt in progress: kept while its outcome is unknown (network failure). */
  let attemptKey: string | undefined;

  async function load(): Promise<boolean> {
    mount(container, heading, spinner(t('checkout.loading')));
    try {
      // Where distances started from before a reload; a place no longer known just lists all centres.
      const listFrom = (origin: Origin | undefined) =>
        fetchCentres(origin, ctx.signal).catch((err: unknown) => {
          if (origin && err instanceof ApiError && err.code === 'validation_failed') {
            choice.origin = undefined;
            return fetchCentres(undefined, ctx.signal);
          }
          throw err;
        });
      // Ordering needs an account: a guest is asked to sign in (the guest cart joins the account then).
      const [me, c, list] = await Promise.all([loadUser(ctx.signal), loadCart(), listFrom(choice.origin)]);
      if (ctx.signal.aborted) return false;
      if (!me || !c) {
        navigate(`/login?next=${encodeURIComponent('/checkout')}`, { replace: true });
        return false;
      }
      if (c.items.length === 0) {
        mount(container, heading, pageState({ title: t('cart.empty'), text: t('checkout.emptyText'), link: ['/', t('cart.browse')] }));
        return false;
      }
      cart = c;
      centres = list;
      return true;
    } catch (err) {
      if (isAbort(err) || ctx.signal.aborted) return false;
      mount(
        container,
        heading,
        errorState({
          title: t('checkout.error'),
          error: err,
          onRetry: () =>
            void load().then((ok) => {
              if (ok) build();
              focusHeading();
            }),
        }),
      );
      return false;
    }
  }

  function build(): void {
    selected = centres.some((c) => c.id === choice.centreId) ? choice.centreId : undefined;
    const keepChoice = () => saveChoice({ centreId: selected, donationOnly, origin: choice.origin });

    // --- Step 1: the centre --------------------------------------------------------------------
    const legendId = uid('legend');
    const slots = slotChooser();
    const forCustomer = () => !donationOnly && cart.items.some((i) => !i.donate);
    const loadSlots = () =>
      void slots.load(
        centres.find((c) => c.id === selected),
        forCustomer(),
      );
    const picker = centrePicker({
      centres,
      origin: choice.origin,
      selected,
      suggestion: rememberedCentre(),
      onChange(state) {
        selected = state.selected;
        choice.origin = state.origin;
        keepChoice();
        renderSummary();
        loadSlots();
      },
    });
    loadSlots();

    const centreSection = checkoutStep(
      1,
      t('checkout.centreTitle'),
      { headingId: `${legendId}-h` },
      h('p', { class: 'muted' }, t('checkout.centreIntro')),
      picker.element,
    );

    // --- Step 2: everything for the association ---------------------------------------------------
    const allId = uid('all');
    const allHintId = uid('all-hint');
    const all = h('input', { type: 'checkbox', role: 'switch', id: allId, class: 'switch__input', 'aria-describedby': allHintId, checked: donationOnly });
    all.addEventListener('change', () => {
      donationOnly = all.checked;
      keepChoice();
      renderSummary();
      loadSlots();
      announce(donationOnly ? t('checkout.allOn') : t('checkout.allOff'));
    });
    const giftSection = checkoutStep(
      2,
      t('checkout.giftTitle'),
      { headingId: `${allId}-h` },
      h(
        'label',
        { class: 'switch switch--large', for: allId },
        all,
        h('span', { class: 'switch__track', 'aria-hidden': 'true' }, h('span', { class: 'switch__thumb' })),
        h('span', { class: 'switch__text' }, heartIcon('switch__heart'), t('checkout.allLabel')),
      ),
      h('p', { class: 'muted', id: allHintId }, t('checkout.allHint')),
    );

    // --- Step 3: summary and payment -------------------------------------------------------------
    const summaryBody = h('div', { class: 'order-summary' });
    const problem = h('div', { class: 'checkout-problem', role: 'alert' });
    const submit = h('button', { type: 'submit', class: 'btn btn--primary btn--block btn--large' }, t('checkout.confirm'));
    const form = h(
      'form',
      { class: 'checkout-form', novalidate: true, action: '/checkout', method: 'post' },
      centreSection,
      giftSection,
      slots.element,
      checkoutStep(
        3,
        t('checkout.summaryTitle'),
        { headingId: 'summary-h', focusable: true, className: 'checkout-summary' },
        summaryBody,
        problem,
        submit,
        h('p', { class: 'checkout-summary__note muted' }, t('checkout.payNote')),
      ),
    );

    function renderSummary(): void {
      const centre = centres.find((c) => c.id === selected);
      const gift = (donate: boolean) => donationOnly || donate;
      const offered = cart.items.filter((i) => gift(i.donate)).reduce((s, i) => s + i.lineTotalCents, 0);
      mount(
        summaryBody,
        h(
          'ul',
          { class: 'summary-lines' },
          cart.items.map((i) =>
            h(
              'li',
              { class: `summary-line${gift(i.donate) ? ' summary-line--gift' : ''}` },
              h('span', { class: 'summary-line__qty' }, `${i.quantity} ×`),
              h('span', { class: 'summary-line__name' }, h('span', { lang: 'fr' }, i.name), h('span', { class: 'summary-line__unit' }, ` · ${i.unit}`)),
              h('span', { class: `tag ${gift(i.donate) ? 'tag--gift' : 'tag--me'}` }, gift(i.donate) ? t('checkout.tagOffered') : t('checkout.tagForMe')),
              h('span', { class: 'summary-line__total' }, formatPrice(i.lineTotalCents)),
            ),
          ),
        ),
        h(
          'dl',
          { class: 'totals' },
          offered > 0 ? offeredRow(offered) : null,
          offered > 0 && offered < cart.totalCents ? totalsRow(t('cart.forMe'), cart.totalCents - offered) : null,
          totalsRow(t('checkout.toPay'), cart.totalCents, 'total'),
        ),
        h(
          'div',
          { class: 'summary-centre' },
          h('p', { class: 'summary-centre__label' }, t('checkout.centreSummary')),
          centre
            ? h(
                'p',
                { class: 'summary-centre__name', lang: 'fr' },
                centre.name,
                h('br'),
                h('span', { class: 'muted' }, `${centre.address}, ${centre.postcode} ${centre.city}`),
              )
            : h('p', { class: 'muted' }, t('checkout.noCentreYet')),
        ),
        h(
          'p',
          { class: 'summary-explain' },
          offered >= cart.totalCents ? t('checkout.explainAll') : offered > 0 ? t('checkout.explainMixed') : t('checkout.explainNone'),
        ),
        h('a', { class: 'summary-edit', href: '/cart' }, t('checkout.editCart')),
      );
    }

    function showProblem(...children: Array<Node | string | null>): void {
      mount(problem, h('div', { class: 'notice notice--error' }, ...children));
    }

    async function adjustCart(shortages: StockShortage[]): Promise<void> {
      for (const s of shortages) {
        const line = cart.items.find((i) => i.productId === s.productId);
        if (!line) continue;
        await setLine(s.productId, Math.max(0, Math.min(line.quantity, s.available)));
      }
      const fresh = await loadCart();
      if (!fresh) return;
      problem.replaceChildren();
      if (fresh.items.length === 0) {
        navigate('/cart', { replace: true });
        return;
      }
      cart = fresh;
      renderSummary();
      announce(t('checkout.adjusted'));
      document.getElementById('summary-h')?.focus();
    }

    function stockProblem(shortages: StockShortage[]): void {
      const fix = h('button', { type: 'button', class: 'btn btn--secondary btn--small' }, t('checkout.adjust'));
      fix.addEventListener('click', () => {
        void withBusy(fix, t('form.sending'), () => adjustCart(shortages)).catch((err: unknown) => toast(errorText(err), 'error'));
      });
      showProblem(
        h('p', { class: 'notice__title' }, t('checkout.stockTitle')),
        h(
          'ul',
          { class: 'notice__list' },
          shortages.map((s) => {
            const line = cart.items.find((i) => i.productId === s.productId);
            const name = line?.name ?? '?';
            return h(
              'li',
              null,
              s.available <= 0 ? t('checkout.stockNone', { name }) : t('checkout.stockSome', { name, wanted: line?.quantity ?? 0, n: s.available }),
            );
          }),
        ),
        h('p', { class: 'notice__actions' }, fix, h('a', { class: 'btn btn--ghost btn--small', href: '/cart' }, t('checkout.toCart'))),
      );
    }

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      problem.replaceChildren();
      if (!selected) {
        picker.showMissing();
        return;
      }
      if (slots.required() && !slots.value()) {
        slots.showMissing();
        return;
      }
      const pickupSlotStart = slots.value();
      const centreId = selected;
      attemptKey ??= newIdempotencyKey();
      const key = attemptKey;
      void withBusy(submit, t('checkout.placing'), async () => {
        try {
          const placed = await api.post<PlacedOrder>(
            '/api/orders',
            {
              centreId,
              donationOnly,
              ...(pickupSlotStart ? { pickupSlotStart } : {}),
              items: cart.items.map((i) => ({ productId: i.productId, quantity: i.quantity, donate: donationOnly || i.donate })),
            },
            { headers: { 'Idempotency-Key': key } },
          );
          attemptKey = undefined;
          rememberCentre(centreId);
          forgetChoice();
          cartEmptied();
          announce(t('checkout.placed', { number: placed.order.number }));
          goToPayment(placed.payment.url, placed.order.id);
        } catch (err) {
          const unknownOutcome = err instanceof ApiError && (err.status === 0 || err.status === 500 || err.status === 503 || err.status === 504);
          if (!unknownOutcome) attemptKey = undefined;
          if (err instanceof ApiError && err.status === 401) {
            navigate(`/login?next=${encodeURIComponent('/checkout')}`);
            return;
          }
          if (err instanceof ApiError && err.code === 'slot_full') {
            showProblem(h('p', null, t('pickup.full')));
            loadSlots();
          } else if (err instanceof ApiError && err.code === 'insufficient_stock' && Array.isArray(err.details)) {
            stockProblem(err.details as StockShortage[]);
          } else if (err instanceof ApiError && err.code === 'product_off_sale') {
            const names = Array.isArray(err.details) ? (err.details as Array<{ name?: string }>).map((d) => d.name ?? '') : [];
            showProblem(
              h('p', { class: 'notice__title' }, t('cart.offSaleSummary')),
              h(
                'ul',
                { class: 'notice__list' },
                names.map((n) => h('li', { lang: 'fr' }, `« ${n} » ${t('cart.offSale')}`)),
              ),
              h('p', null, h('a', { href: '/cart' }, t('checkout.backToCart'))),
            );
          } else if (err instanceof ApiError && err.code === 'validation_failed') {
            const messages = err.fieldErrors.map((f) => f.message);
            showProblem(
              h('p', { class: 'notice__title' }, t('checkout.invalid')),
              messages.length
                ? h(
                    'ul',
                    { class: 'notice__list' },
                    messages.map((m) => h('li', { lang: 'fr' }, m)),
                  )
                : null,
            );
          } else if (limitText(err)) {
            showProblem(h('p', null, limitText(err)!));
          } else if (err instanceof ApiError && err.code === 'idempotency_conflict') {
            showProblem(h('p', null, t('checkout.maybePlaced'), ' ', h('a', { href: '/orders' }, t('nav.orders'))));
          } else if (unknownOutcome) {
            showProblem(h('p', null, t('checkout.retrySafe')));
          } else {
            showProblem(h('p', null, errorText(err)));
          }
          submit.focus();
        }
      });
    });

    mount(
      container,
      h('p', { class: 'back-row' }, h('a', { class: 'back-link', href: '/cart' }, h('span', { 'aria-hidden': 'true' }, '← '), t('checkout.backToCart'))),
      heading,
      form,
    );
    renderSummary();
  }

  if (await load()) build();
  return {};
}
