/**
 * One product: the create form (with an optional photo, sent right after creation)
 * and the edit page (details, photo with preview, on-sale state, stock adjustments
 * with their movement history, updated live when the stock moves elsewhere).
 */

import { api, ApiError, type Category } from '../../shared/api.ts';
import { dataTable } from '../../shared/console-ui.ts';
import { h, mount, uid } from '../../shared/dom.ts';
import type { errorSummary, Field, FormProblem } from '../../shared/forms.ts';
import { getLocale } from '../../shared/i18n.ts';
import { onServerEvent } from '../../shared/socket.ts';
import { emptyState, errorState, spinner, toast, withBusy } from '../../shared/ui.ts';
import { loadCategories } from '../../shared/categories.ts';
import { IMAGE_TYPES, MAX_IMAGE_BYTES, uploadProductImage } from '../data.ts';
import {
  recordLoadFailed,
  adminForm,
  centsToInput,
  checkboxField,
  confirmDialog,
  fileField,
  handledAuthError,
  pageHead,
  parseEuros,
  parseWhole,
  problemText,
  saleBadge,
  selectField,
  tableRegion,
  textareaField,
  textField,
  timeEl,
  serverProblems,
} from '../kit.ts';
import { m, type AdminKey } from '../messages.ts';
import { setupMayHaveChanged } from '../setup.ts';
import { navigate, setTitle, type PageContext, type PageHandle } from '../router.ts';
import type { AdminProduct, AdminProductDetail, StockMovement } from '../../../contract/index.ts';

const MAX_PRICE_CENTS = 1_000_000;

// --- The details form (create and edit) ---------------------------------------------------------

interface DetailsForm {
  form: HTMLFormElement;
  fields: Field[];
  summary: ReturnType<typeof errorSummary>;
  submit: HTMLButtonElement;
  /** The body to send, or the problems to show. */
  read(): { body: Record<string, unknown> } | { problems: FormProblem[] };
}

function detailsForm(opts: { product?: AdminProduct; categories: Category[]; create: boolean; extra?: HTMLElement[] }): DetailsForm {
  const p = opts.product;
  const name = textField({ name: 'name', label: m('product.f.name'), value: p?.name, required: true, maxlength: 120 });
  const description = textareaField({
    name: 'description',
    label: m('product.f.description'),
    hint: m('product.f.descriptionHint'),
    value: p?.description,
    maxlength: 2000,
  });
  const category = selectField({
    name: 'category',
    label: m('product.f.category'),
    value: p?.category ?? '',
    required: true,
    options: [{ value: '', label: m('product.f.categoryChoose') }, ...opts.categories.map((c) => ({ value: c.slug, label: c.name }))],
  });
  const unit = textField({ name: 'unit', label: m('product.f.unit'), hint: m('product.f.unitHint'), value: p?.unit, maxlength: 40 });
  const price = textField({
    name: 'priceCents',
    label: m('product.f.price'),
    hint: m('product.f.priceHint'),
    value: p ? centsToInput(p.priceCents) : '',
    required: true,
    inputmode: 'decimal',
    className: 'input--short',
  });
  const max = textField({
    name: 'maxPerOrder',
    label: m('product.f.max'),
    hint: m('product.f.maxHint'),
    value: p?.maxPerOrder ? String(p.maxPerOrder) : '',
    inputmode: 'numeric',
    className: 'input--short',
  });
  const stock = opts.create
    ? textField({ name: 'stock', label: m('product.f.stock'), hint: m('product.f.stockHint'), value: '0', inputmode: 'numeric', className: 'input--short' })
    : null;
  // Search and the impact figures: keywords (comma-separated), English texts, weight.
  const keywords = textField({
    name: 'keywords',
    label: m('product.f.keywords'),
    hint: m('product.f.keywordsHint'),
    value: p?.keywords.join(', '),
    maxlength: 800,
  });
  const nameEn = textField({ name: 'nameEn', label: m('product.f.nameEn'), value: p?.nameEn ?? '', maxlength: 120 });
  const descriptionEn = textareaField({ name: 'descriptionEn', label: m('product.f.descriptionEn'), value: p?.descriptionEn ?? '', maxlength: 2000 });
  const keywordsEn = textField({ name: 'keywordsEn', label: m('product.f.keywordsEn'), value: p?.keywordsEn.join(', '), maxlength: 800 });
  const weight = textField({
    name: 'weightGrams',
    label: m('product.f.weight'),
    hint: m('product.f.weightHint'),
    value: p?.weightGrams ? String(p.weightGrams) : '',
    inputmode: 'numeric',
    className: 'input--short',
  });
  const onSale = opts.create ? checkboxField({ name: 'onSale', label: m('product.f.onSale'), hint: m('product.f.onSaleHint'), checked: true }) : null;
  const fields = [name, description, category, unit, price, max, ...(stock ? [stock] : []), keywords, nameEn, descriptionEn, keywordsEn, weight];
  const { form, summary, submit } = adminForm(opts.create ? m('product.create') : m('product.save'), [
    name.element,
    category.element,
    description.element,
    h('div', { class: 'form-row' }, price.element, unit.element),
    h('div', { class: 'form-row' }, max.element, stock?.element),
    keywords.element,
    weight.element,
    h(
      'fieldset',
      { class: 'fieldset' },
      h('legend', { class: 'fieldset__legend' }, m('product.f.english')),
      h('p', { class: 'field__hint' }, m('product.f.englishHint')),
      nameEn.element,
      descriptionEn.element,
      keywordsEn.element,
    ),
    onSale?.element,
    opts.extra,
  ]);

  function read(): { body: Record<string, unknown> } | { problems: FormProblem[] } {
    const problems: FormProblem[] = [];
    const nameValue = name.input.value.trim();
    if (!nameValue) problems.push({ field: name, message: m('product.err.name') });
    if (!category.input.value) problems.push({ field: category, message: m('product.err.category') });
    const priceText = price.input.value.trim();
    const cents = parseEuros(priceText);
    if (!priceText) problems.push({ field: price, message: m('product.err.priceRequired') });
    else if (cents === null) problems.push({ field: price, message: m('product.err.price') });
    else if (cents > MAX_PRICE_CENTS) problems.push({ field: price, message: m('product.err.priceMax') });
    let maxPerOrder: number | null = null;
    if (max.input.value.trim()) {
      const n = parseWhole(max.input.value);
      if (n === null || n < 1 || n > 99) problems.push({ field: max, message: m('product.err.max') });
      else maxPerOrder = n;
    }
    let initial = 0;
    if (stock?.input.value.trim()) {
      const n = parseWhole(stock.input.value);
      if (n === null || n < 0 || n > 100_000) problems.push({ field: stock, message: m('product.err.stock') });
      else initial = n;
    }
    let weightGrams: number | null = null;
    if (weight.input.value.trim()) {
      const n = parseWhole(weight.input.value);
      if (n === null || n < 1 || n > 100_000) problems.push({ field: weight, message: m('product.err.weight') });
      else weightGrams = n;
    }
    const list = (f: Field) =>
      f.input.value
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean);
    if (list(keywords).length > 20) problems.push({ field: keywords, message: m('product.err.keywords') });
    if (list(keywordsEn).length > 20) problems.push({ field: keywordsEn, message: m('product.err.keywords') });
    if (problems.length) return { problems };
    const body: Record<string, unknown> = {
      keywords: list(keywords),
      keywordsEn: list(keywordsEn),
      nameEn: nameEn.input.value.trim() || null,
      descriptionEn: descriptionEn.input.value.trim() || null,
      weightGrams,
      name: nameValue,
      description: description.input.value.trim(),
      category: category.input.value,
      unit: unit.input.value.trim(),
      priceCents: cents,
      maxPerOrder,
    };
    if (stock) body.stock = initial;
    if (onSale) body.onSale = onSale.input.checked;
    return { body };
  }

  return { form, fields, summary, submit, read };
}

// --- The photo picker ------------------------------------------------------------------------------

interface ImagePicker {
  field: Field;
  element: HTMLElement;
  file(): File | null;
  /** A client-side refusal (type, size), or null. */
  check(): string | null;
  reset(): void;
}

/** A file's size as people read it: "820 octets", "12 Ko", "1,4 Mo" (never "0 Mo"). */
function formatSize(bytes: number): string {
  const number = (n: number, digits: number) => n.toLocaleString(getLocale(), { maximumFractionDigits: digits });
  if (bytes < 1024) return m('image.sizeBytes', { size: number(bytes, 0) });
  if (bytes < 1024 * 1024) return m('image.sizeKb', { size: number(bytes / 1024, bytes < 10 * 1024 ? 1 : 0) });
  return m('image.size', { size: number(bytes / 1024 / 1024, 1) });
}

function imagePicker(label: string): ImagePicker {
  const field = fileField({ name: 'image', label, hint: m('image.hint'), accept: IMAGE_TYPES.join(',') });
  const input = field.input;
  const previewImg = h('img', { class: 'image-preview__img', alt: '', width: 200, height: 200 });
  const caption = h('figcaption', { class: 'image-preview__caption' });
  const preview = h('figure', { class: 'image-preview', hidden: true }, previewImg, caption);
  let objectUrl: string | null = null;

  const clearPreview = () => {
    if (objectUrl) URL.revokeObjectURL(objectUrl);
    objectUrl = null;
    previewImg.removeAttribute('src');
    preview.hidden = true;
  };
  const check = (): string | null => {
    const file = input.files?.[0];
    if (!file) return null;
    if (file.type && !IMAGE_TYPES.includes(file.type)) return m('image.err.type');
    if (file.size > MAX_IMAGE_BYTES) return m('image.err.tooBig', { size: formatSize(file.size) });
    return null;
  };

  input.addEventListener('change', () => {
    field.setError(null);
    clearPreview();
    const file = input.files?.[0];
    if (!file) return;
    const problem = check();
    if (problem) {
      field.setError(problem);
      return;
    }
    objectUrl = URL.createObjectURL(file);
    previewImg.src = objectUrl;
    previewImg.alt = m('image.previewAlt', { name: file.name });
    caption.textContent = m('image.previewCaption', { name: file.name, size: formatSize(file.size) });
    preview.hidden = false;
  });

  return {
    field,
    element: h('div', { class: 'image-picker' }, field.element, preview),
    file: () => input.files?.[0] ?? null,
    check,
    reset() {
      input.value = '';
      clearPreview();
      field.setError(null);
    },
  };
}

/** The image refusals of the server, in the person's language. */
function imageProblem(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 413) return m('image.err.tooBigServer');
    if (err.status === 400) return m('image.err.notImage');
  }
  return problemText(err);
}

// --- Create -------------------------------------------------------------------------------------------

export async function productNewPage(ctx: PageContext): Promise<void> {
  setTitle(m('product.newTitle'), m('doc.title'));
  const body = h('div', { class: 'page-body' }, spinner(m('product.loadingForm')));
  mount(ctx.main, pageHead(m('product.newTitle'), { back: { href: '/admin/products', label: m('product.back') } }), body);
  let categories: Category[];
  try {
    categories = await loadCategories();
  } catch (err) {
    if (ctx.signal.aborted || handledAuthError(err)) return;
    mount(body, errorState({ title: m('load.failed'), error: err, onRetry: () => void productNewPage(ctx) }));
    return;
  }
  if (ctx.signal.aborted) return;
  const picker = imagePicker(m('image.labelOptional'));
  const details = detailsForm({
    categories,
    create: true,
    extra: [h('fieldset', { class: 'fieldset' }, h('legend', { class: 'fieldset__legend' }, m('image.title')), picker.element)],
  });
  mount(body, h('section', { class: 'panel panel--form', 'aria-label': m('product.newTitle') }, details.form));

  details.form.addEventListener('submit', (event) => {
    event.preventDefault();
    details.summary.clear([...details.fields, picker.field]);
    const read = details.read();
    const imageProblemText = picker.check();
    const problems = 'problems' in read ? [...read.problems] : [];
    if (imageProblemText) problems.push({ field: picker.field, message: imageProblemText });
    if (problems.length || !('body' in read)) {
      details.summary.show(problems);
      return;
    }
    void withBusy(details.submit, m('form.saving'), async () => {
      let created: AdminProduct;
      try {
        created = await api.post<AdminProduct>('/api/admin/products', read.body);
      } catch (err) {
        if (handledAuthError(err)) return;
        details.summary.show(serverProblems(err, details.fields));
        return;
      }
      const file = picker.file();
      if (file) {
        try {
          await uploadProductImage(created.id, file);
        } catch (err) {
          if (handledAuthError(err)) return;
          toast(m('product.createdNoImage', { name: created.name, reason: imageProblem(err) }), 'error', 10_000);
          navigate(`/admin/products/${created.id}`, { replace: true });
          return;
        }
      }
      toast(m('product.created', { name: created.name }), 'success');
      navigate(`/admin/products/${created.id}`, { replace: true });
    });
  });
}

// --- Edit ---------------------------------------------------------------------------------------------

const REASON_SUGGESTIONS: AdminKey[] = [
  'stock.suggest.delivery',
  'stock.suggest.inventory',
  'stock.suggest.broken',
  'stock.suggest.expired',
  'stock.suggest.gift',
];

export async function productEditPage(ctx: PageContext): Promise<PageHandle | void> {
  const id = ctx.params.id ?? '';
  setTitle(m('product.editTitle'), m('doc.title'));
  const holder = h('div', { class: 'page-body' });
  mount(ctx.main, holder);
  holder.replaceChildren(spinner(m('product.loading')));
  let product: AdminProductDetail;
  let categories: Category[];
  try {
    [product, categories] = await Promise.all([
      api.get<AdminProductDetail>(`/api/admin/products/${encodeURIComponent(id)}`, { signal: ctx.signal }),
      loadCategories(),
    ]);
  } catch (err) {
    const back = { href: '/admin/products', label: m('product.back') };
    recordLoadFailed(ctx, err, { record: 'product', title: m('product.editTitle'), back, retry: () => void productEditPage(ctx) });
    return;
  }
  if (ctx.signal.aborted) return;
  setTitle(product.name, m('doc.title'));

  // Head: the name, and links to the shop's page and to this product's journal.
  const shopLink = h('a', { class: 'btn btn--ghost btn--small', href: `/products/${product.id}` }, m('product.viewInShop'));
  const head = pageHead(product.name, {
    back: { href: '/admin/products', label: m('product.back') },
    actions: [shopLink, h('a', { class: 'btn btn--ghost btn--small', href: `/admin/audit?entityType=product&entityId=${product.id}` }, m('product.viewAudit'))],
  });
  const h1 = head.querySelector('h1')!;

  // Details.
  const details = detailsForm({ product, categories, create: false });
  details.form.addEventListener('submit', (event) => {
    event.preventDefault();
    details.summary.clear(details.fields);
    const read = details.read();
    if ('problems' in read) {
      details.summary.show(read.problems);
      return;
    }
    void withBusy(details.submit, m('form.saving'), async () => {
      try {
        const saved = await api.patch<AdminProduct>(`/api/admin/products/${product.id}`, read.body);
        setupMayHaveChanged();
        product = { ...product, ...saved };
        h1.textContent = product.name;
        setTitle(product.name, m('doc.title'));
        toast(m('product.saved', { name: product.name }), 'success');
      } catch (err) {
        if (handledAuthError(err)) return;
        details.summary.show(serverProblems(err, details.fields));
      }
    });
  });
  const detailsId = uid('h-details');
  const detailsPanel = h(
    'section',
    { class: 'panel', 'aria-labelledby': detailsId },
    h('h2', { class: 'panel__title', id: detailsId }, m('product.detailsTitle')),
    details.form,
  );

  // Photo.
  const currentImage = h('div', { class: 'image-current' });
  const renderCurrentImage = () => {
    currentImage.replaceChildren(
      product.imageUrl
        ? h('img', { class: 'image-current__img', src: product.imageUrl, alt: m('image.currentAlt', { name: product.name }), width: 200, height: 200 })
        : h('p', { class: 'image-current__none muted' }, m('image.none')),
    );
  };
  renderCurrentImage();
  const picker = imagePicker(product.imageUrl ? m('image.labelReplace') : m('image.label'));
  const { form: imageForm, summary: imageSummary, submit: imageSubmit } = adminForm(m('image.send'), [picker.element]);
  imageForm.addEventListener('submit', (event) => {
    event.preventDefault();
    imageSummary.clear([picker.field]);
    const file = picker.file();
    const problem = file ? picker.check() : m('image.err.none');
    if (problem) {
      imageSummary.show([{ field: picker.field, message: problem }]);
      return;
    }
    void withBusy(imageSubmit, m('image.sending'), async () => {
      try {
        const saved = await uploadProductImage(product.id, file!);
        product = { ...product, imageUrl: saved.imageUrl, updatedAt: saved.updatedAt };
        renderCurrentImage();
        picker.reset();
        toast(m('image.saved'), 'success');
      } catch (err) {
        if (handledAuthError(err)) return;
        imageSummary.show([{ field: picker.field, message: imageProblem(err) }]);
      }
    });
  });
  const photoId = uid('h-photo');
  const photoPanel = h(
    'section',
    { class: 'panel', 'aria-labelledby': photoId },
    h('h2', { class: 'panel__title', id: photoId }, m('image.title')),
    currentImage,
    imageForm,
  );

  // On sale or not.
  const salePanelBody = h('div', { class: 'sale-state' });
  const renderSale = (focus = false) => {
    shopLink.hidden = !product.onSale;
    const button = product.onSale
      ? h('button', { type: 'button', class: 'btn btn--danger' }, m('sale.withdraw'))
      : h('button', { type: 'button', class: 'btn btn--secondary' }, m('sale.restore'));
    button.addEventListener('click', () => void (product.onSale ? withdraw(button) : restore(button)));
    salePanelBody.replaceChildren(
      h('p', { class: 'sale-state__badge' }, saleBadge(product.onSale)),
      h('p', { class: 'muted' }, product.onSale ? m('sale.onText') : m('sale.offText')),
      h('p', { class: 'actions' }, button),
    );
    if (focus) button.focus();
  };
  async function withdraw(button: HTMLButtonElement): Promise<void> {
    const ok = await confirmDialog({
      title: m('sale.withdrawTitle', { name: product.name }),
      text: m('sale.withdrawText'),
      confirm: m('sale.withdrawConfirm'),
      danger: true,
    });
    if (!ok) return;
    await withBusy(button, m('form.saving'), async () => {
      try {
        const saved = await api.delete<AdminProduct>(`/api/admin/products/${product.id}`);
        product = { ...product, ...saved };
        toast(m('sale.withdrawn', { name: product.name }), 'success');
      } catch (err) {
        if (!handledAuthError(err)) toast(problemText(err), 'error');
      }
    });
    renderSale(true);
  }
  async function restore(button: HTMLButtonElement): Promise<void> {
    await withBusy(button, m('form.saving'), async () => {
      try {
        const saved = await api.patch<AdminProduct>(`/api/admin/products/${product.id}`, { onSale: true });
        setupMayHaveChanged();
        product = { ...product, ...saved };
        toast(m('sale.restored', { name: product.name }), 'success');
      } catch (err) {
        if (!handledAuthError(err)) toast(problemText(err), 'error');
      }
    });
    renderSale(true);
  }
  renderSale();
  const saleId = uid('h-sale');
  const salePanel = h('section', { class: 'panel', 'aria-labelledby': saleId }, h('h2', { class: 'panel__title', id: saleId }, m('sale.title')), salePanelBody);

  // Stock: the current figure, the adjustment form, the movements.
  const stockNow = h('p', { class: 'stock-now' });
  const renderStockNow = () => {
    stockNow.replaceChildren(
      h('span', { class: 'stock-now__label' }, m('stock.current')),
      ' ',
      h('strong', { class: 'stock-now__value', 'data-stock': String(product.stock) }, String(product.stock)),
    );
  };
  renderStockNow();
  const dirName = uid('dir');
  const radio = (value: 'in' | 'out', label: string, checked: boolean) => {
    const rid = uid(`dir-${value}`);
    const input = h('input', { type: 'radio', id: rid, name: dirName, value, class: 'check__input', checked });
    return { input, element: h('div', { class: 'check' }, input, h('label', { class: 'check__label', for: rid }, label)) };
  };
  const dirIn = radio('in', m('stock.in'), true);
  const dirOut = radio('out', m('stock.out'), false);
  const qty = textField({ name: 'delta', label: m('stock.quantity'), hint: m('stock.quantityHint'), inputmode: 'numeric', className: 'input--short' });
  const listId = uid('reasons');
  const reason = textField({ name: 'reason', label: m('stock.reason'), hint: m('stock.reasonHint'), maxlength: 300, list: listId });
  const datalist = h(
    'datalist',
    { id: listId },
    REASON_SUGGESTIONS.map((k) => h('option', { value: m(k) })),
  );
  const after = h('p', { class: 'stock-after muted', 'aria-live': 'polite' });
  const {
    form: stockForm,
    summary: stockSummary,
    submit: stockSubmit,
  } = adminForm(
    m('stock.submit'),
    [
      h(
        'fieldset',
        { class: 'fieldset fieldset--inline' },
        h('legend', { class: 'field__label' }, m('stock.direction')),
        h('div', { class: 'radios' }, dirIn.element, dirOut.element),
      ),
      h('div', { class: 'form-row' }, qty.element, reason.element),
      datalist,
      after,
    ],
    'form stock-form',
  );
  const sign = () => (dirOut.input.checked ? -1 : 1);
  const updateAfter = () => {
    const n = parseWhole(qty.input.value);
    after.textContent = n !== null && n > 0 ? m('stock.after', { n: Math.max(0, product.stock + sign() * Math.abs(n)) }) : '';
  };
  for (const el of [qty.input, dirIn.input, dirOut.input]) el.addEventListener('input', updateAfter);
  stockForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const fields = [qty, reason];
    stockSummary.clear(fields);
    const problems: FormProblem[] = [];
    const n = parseWhole(qty.input.value);
    const quantity = n === null ? null : Math.abs(n);
    if (quantity === null || quantity < 1 || quantity > 100_000) problems.push({ field: qty, message: m('stock.err.quantity') });
    else if (sign() < 0 && quantity > product.stock) problems.push({ field: qty, message: m('stock.err.below', { n: product.stock }) });
    const why = reason.input.value.trim();
    if (why.length < 3) problems.push({ field: reason, message: m('stock.err.reason') });
    if (problems.length || quantity === null) {
      stockSummary.show(problems);
      return;
    }
    void withBusy(stockSubmit, m('form.saving'), async () => {
      try {
        const saved = await api.post<AdminProduct>(`/api/admin/products/${product.id}/stock`, { delta: sign() * quantity, reason: why });
        setupMayHaveChanged();
        product = { ...product, stock: saved.stock };
        renderStockNow();
        qty.input.value = '';
        reason.input.value = '';
        updateAfter();
        toast(m('stock.saved', { n: saved.stock }), 'success');
        void reloadMovements();
      } catch (err) {
        if (handledAuthError(err)) return;
        if (err instanceof ApiError && err.code === 'insufficient_stock') {
          const available = (err.details as Array<{ available?: number }> | undefined)?.[0]?.available;
          if (typeof available === 'number') {
            product = { ...product, stock: available };
            renderStockNow();
          }
          stockSummary.show([{ field: qty, message: m('stock.err.below', { n: product.stock }) }]);
          return;
        }
        stockSummary.show(serverProblems(err, fields));
      }
    });
  });

  const movements = h('div', { class: 'movements' });
  const renderMovements = () => movements.replaceChildren(movementsTable(product.movements));
  renderMovements();
  let reloading: Promise<void> | undefined;
  async function reloadMovements(): Promise<void> {
    if (reloading !== undefined) return reloading;
    reloading = (async () => {
      try {
        const fresh = await api.get<AdminProductDetail>(`/api/admin/products/${product.id}`, { signal: ctx.signal });
        product = { ...product, stock: fresh.stock, movements: fresh.movements };
        renderStockNow();
        renderMovements();
      } catch (err) {
        if (!ctx.signal.aborted) handledAuthError(err);
      } finally {
        reloading = undefined;
      }
    })();
    return reloading;
  }

  const stockId = uid('h-stock');
  const movementsId = uid('h-movements');
  const stockPanel = h(
    'section',
    { class: 'panel', 'aria-labelledby': stockId },
    h('h2', { class: 'panel__title', id: stockId }, m('stock.title')),
    stockNow,
    stockForm,
    h('h3', { class: 'panel__subtitle', id: movementsId }, m('stock.movements')),
    movements,
  );

  mount(
    ctx.main,
    head,
    h(
      'div',
      { class: 'product-grid' },
      h('div', { class: 'product-grid__details' }, detailsPanel),
      h('div', { class: 'product-grid__side' }, photoPanel, salePanel),
      h('div', { class: 'product-grid__stock' }, stockPanel),
    ),
  );

  // The stock moves elsewhere too (orders, another admin): follow it live.
  const stop = onServerEvent('stock:changed', (e) => {
    if (e.productId !== product.id || e.stock === product.stock) return;
    product = { ...product, stock: e.stock };
    renderStockNow();
    updateAfter();
    void reloadMovements();
  });
  return { destroy: stop };
}

function movementLabel(reason: string): string {
  switch (reason) {
    case 'initial':
    case 'order_hold':
    case 'order_release':
    case 'adjustment':
      return m(`movement.${reason}`);
    default:
      return reason;
  }
}

function movementsTable(list: StockMovement[]): HTMLElement {
  if (list.length === 0) return emptyState({ title: m('stock.noMovements') });
  const caption = m('stock.movementsCaption');
  const table = dataTable({
    class: 'table table--compact',
    caption,
    columns: [[m('movement.col.date')], [m('movement.col.delta'), 'num'], [m('movement.col.reason')], [m('movement.col.by')]],
    rows: list.map((mv) =>
      h(
        'tr',
        null,
        h('td', null, timeEl(mv.at)),
        h('td', { class: `num delta ${mv.delta > 0 ? 'delta--up' : 'delta--down'}` }, mv.delta > 0 ? `+${mv.delta}` : `−${Math.abs(mv.delta)}`),
        h(
          'td',
          null,
          movementLabel(mv.reason),
          mv.note ? h('span', { class: 'cell-sub' }, mv.note) : null,
          mv.orderId ? h('a', { class: 'cell-sub', href: `/admin/orders/${mv.orderId}` }, m('movement.viewOrder')) : null,
        ),
        h('td', null, mv.actorName ?? (mv.reason === 'order_release' ? m('movement.bySystem') : '—')),
      ),
    ),
  });
  return tableRegion(caption, table);
}
