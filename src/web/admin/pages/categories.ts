/**
 * Categories: the shop's shelves in display order, with their French and English names
 * and how many products each holds. Create, rename (in the row), move up or down (plain
 * buttons, so the keyboard and screen readers can reorder), delete (refused, in a clear
 * sentence, while products are filed under it).
 */

import { api, ApiError } from '../../shared/api.ts';
import { dataTable } from '../../shared/console-ui.ts';
import { h, mount } from '../../shared/dom.ts';
import { errorSummary, type Field, type FormProblem } from '../../shared/forms.ts';
import { announce, emptyState, toast, withBusy } from '../../shared/ui.ts';
import { forgetCategories } from '../../shared/categories.ts';
import { adminForm, confirmDialog, handledAuthError, loadListInto, pageHead, problemText, tableRegion, textField, serverProblems } from '../kit.ts';
import { m, mn } from '../messages.ts';
import { setTitle, type PageContext, type PageHandle } from '../router.ts';
import { setupMayHaveChanged } from '../setup.ts';
import type { AdminCategory } from '../../../contract/index.ts';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** "Épicerie sucrée" → "epicerie-sucree": the identifier suggested while the name is typed. */
export function suggestSlug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

const categoryPath = (slug: string) => `/api/admin/categories/${encodeURIComponent(slug)}`;

/** The sentence for a refused deletion: how many products still use it, and what to do. */
function inUseSentence(category: AdminCategory, err: ApiError): string {
  const details = err.details as { products?: number } | undefined;
  const n = typeof details?.products === 'number' ? details.products : category.products;
  return mn('categories.inUse', n, { name: category.name });
}

function productsCell(c: AdminCategory): HTMLElement {
  const off = c.products - c.productsOnSale;
  return h(
    'td',
    { class: 'num' },
    mn('categories.products', c.products),
    off > 0 ? h('span', { class: 'cell-sub' }, m('categories.offSale', { n: String(off) })) : null,
  );
}

/** The creation form; `onCreated` gets the new category. */
function createForm(onCreated: (c: AdminCategory) => void): HTMLElement {
  const name = textField({ name: 'name', label: m('categories.f.name'), hint: m('categories.f.nameHint'), required: true, maxlength: 80 });
  const nameEn = textField({ name: 'nameEn', label: m('categories.f.nameEn'), hint: m('categories.f.nameEnHint'), maxlength: 80 });
  const slug = textField({ name: 'slug', label: m('categories.f.slug'), hint: m('categories.f.slugHint'), required: true, maxlength: 64 });
  const fields: Field[] = [name, nameEn, slug];
  // The identifier follows the name until the person edits it themselves.
  let slugTouched = false;
  name.input.addEventListener('input', () => {
    if (!slugTouched) slug.input.value = suggestSlug(name.input.value);
  });
  slug.input.addEventListener('input', () => {
    slugTouched = slug.input.value !== '';
  });
  const { form, summary, submit } = adminForm(m('categories.create'), [name.element, nameEn.element, slug.element]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    summary.clear(fields);
    const body = { name: name.input.value.trim(), nameEn: nameEn.input.value.trim() || null, slug: slug.input.value.trim() };
    const problems: FormProblem[] = [];
    if (!body.name) problems.push({ field: name, message: m('categories.err.name') });
    if (!SLUG.test(body.slug)) problems.push({ field: slug, message: m('categories.err.slug') });
    if (problems.length) {
      summary.show(problems);
      return;
    }
    void withBusy(submit, m('form.saving'), async () => {
      try {
        const created = await api.post<AdminCategory>('/api/admin/categories', body);
        form.reset();
        slugTouched = false;
        onCreated(created);
      } catch (err) {
        if (handledAuthError(err)) return;
        if (err instanceof ApiError && err.code === 'category_exists')
          summary.show([{ field: slug, message: m('categories.err.exists', { slug: body.slug }) }]);
        else summary.show(serverProblems(err, fields));
      }
    });
  });
  return form;
}

/** The row's rename form (French and English names); Escape or Annuler puts the row back. */
function renameRow(c: AdminCategory, opts: { onSaved(saved: AdminCategory): void; onCancel(): void }): HTMLTableRowElement {
  const name = textField({ name: 'name', label: m('categories.f.name'), value: c.name, required: true, maxlength: 80 });
  const nameEn = textField({ name: 'nameEn', label: m('categories.f.nameEn'), hint: m('categories.f.nameEnHint'), value: c.nameEn ?? '', maxlength: 80 });
  const fields: Field[] = [name, nameEn];
  const summary = errorSummary();
  const save = h('button', { type: 'submit', class: 'btn btn--primary btn--small' }, m('categories.renameSave'));
  const cancel = h('button', { type: 'button', class: 'btn btn--ghost btn--small' }, m('categories.renameCancel'));
  cancel.addEventListener('click', () => opts.onCancel());
  const form = h(
    'form',
    { class: 'form form--inline', novalidate: true, 'aria-label': m('categories.renameLabel', { name: c.name }) },
    summary.element,
    h('div', { class: 'form-row' }, name.element, nameEn.element),
    h('div', { class: 'actions' }, save, cancel),
  );
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      opts.onCancel();
    }
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    summary.clear(fields);
    const body = { name: name.input.value.trim(), nameEn: nameEn.input.value.trim() };
    if (!body.name) {
      summary.show([{ field: name, message: m('categories.err.name') }]);
      return;
    }
    void withBusy(save, m('form.saving'), async () => {
      try {
        opts.onSaved(await api.patch<AdminCategory>(categoryPath(c.slug), body));
      } catch (err) {
        if (handledAuthError(err)) return;
        summary.show(serverProblems(err, fields));
      }
    });
  });
  return h('tr', { class: 'is-editing', 'data-category': c.slug }, h('td', { colspan: 6 }, form));
}

export async function categoriesPage(ctx: PageContext): Promise<PageHandle> {
  setTitle(m('categories.title'), m('doc.title'));
  const count = h('p', { class: 'result-count', role: 'status' });
  // A refused action stays on screen (not only in a passing toast) until the next action.
  const problem = h('div', { class: 'notice notice--problem', role: 'alert', hidden: true, 'data-problem': '' });
  const results = h('div', { class: 'results' });
  const newTitleId = 'category-new-title';
  let categories: AdminCategory[] = [];
  let editing: string | undefined;

  const showProblem = (text: string | null) => {
    problem.textContent = text ?? '';
    problem.hidden = !text;
  };

  /** Any change: the product form's category list and the first-run checklist ask again. */
  const changed = () => {
    forgetCategories();
    setupMayHaveChanged();
  };

  const reload = async (): Promise<boolean> => {
    try {
      categories = await api.get<AdminCategory[]>('/api/admin/categories', { signal: ctx.signal });
      return true;
    } catch (err) {
      if (ctx.signal.aborted || handledAuthError(err)) return false;
      showProblem(problemText(err));
      return false;
    }
  };

  async function move(c: AdminCategory, direction: -1 | 1, button: HTMLButtonElement): Promise<void> {
    showProblem(null);
    const index = categories.findIndex((x) => x.slug === c.slug);
    await withBusy(button, m('form.saving'), async () => {
      try {
        const moved = await api.patch<AdminCategory>(categoryPath(c.slug), { position: index + direction });
        changed();
        if (!(await reload())) return;
        render({ slug: c.slug, control: direction < 0 ? 'up' : 'down' });
        announce(m('categories.moved', { name: moved.name, n: String(moved.position + 1) }));
      } catch (err) {
        if (!handledAuthError(err)) showProblem(problemText(err));
      }
    });
  }

  async function remove(c: AdminCategory, button: HTMLButtonElement): Promise<void> {
    showProblem(null);
    const ok = await confirmDialog({
      title: m('categories.deleteTitle', { name: c.name }),
      text: m('categories.deleteText'),
      confirm: m('categories.deleteConfirm'),
      danger: true,
    });
    if (!ok) return;
    await withBusy(button, m('form.saving'), async () => {
      try {
        await api.delete(categoryPath(c.slug));
        changed();
        toast(m('categories.deleted', { name: c.name }), 'success');
        if (await reload()) render();
        ctx.main.querySelector<HTMLElement>('h1')?.focus();
      } catch (err) {
        if (handledAuthError(err)) return;
        showProblem(err instanceof ApiError && err.code === 'category_in_use' ? inUseSentence(c, err) : problemText(err));
        button.focus();
      }
    });
  }

  function row(c: AdminCategory, index: number): HTMLTableRowElement {
    if (editing === c.slug) {
      return renameRow(c, {
        onSaved: (saved) => {
          editing = undefined;
          categories = categories.map((x) => (x.slug === saved.slug ? saved : x));
          changed();
          toast(m('categories.renamed', { name: saved.name }), 'success');
          render({ slug: saved.slug, control: 'rename' });
        },
        onCancel: () => {
          editing = undefined;
          render({ slug: c.slug, control: 'rename' });
        },
      });
    }
    const button = (control: string, label: string, srLabel: string, opts: { disabled?: boolean; kind?: string } = {}) =>
      h(
        'button',
        {
          type: 'button',
          class: `btn btn--small ${opts.kind ?? 'btn--ghost'}`,
          'data-control': control,
          'aria-label': srLabel,
          disabled: opts.disabled ?? false,
        },
        label,
      );
    const up = button('up', m('categories.moveUp'), m('categories.moveUpLabel', { name: c.name }), { disabled: index === 0 });
    const down = button('down', m('categories.moveDown'), m('categories.moveDownLabel', { name: c.name }), { disabled: index === categories.length - 1 });
    const rename = button('rename', m('categories.rename'), m('categories.renameLabel', { name: c.name }), { kind: 'btn--secondary' });
    const del = button('delete', m('categories.delete'), m('categories.deleteLabel', { name: c.name }), { kind: 'btn--ghost' });
    up.addEventListener('click', () => void move(c, -1, up));
    down.addEventListener('click', () => void move(c, 1, down));
    rename.addEventListener('click', () => {
      showProblem(null);
      editing = c.slug;
      render({ slug: c.slug, control: 'edit' });
    });
    del.addEventListener('click', () => void remove(c, del));
    return h(
      'tr',
      { id: `category-${c.slug}`, 'data-category': c.slug },
      h('td', { class: 'num' }, String(index + 1)),
      h('th', { scope: 'row' }, c.name),
      h('td', null, c.nameEn ?? h('span', { class: 'muted' }, m('categories.noEnglish'))),
      h('td', { class: 'col-hide-md' }, h('code', null, c.slug)),
      productsCell(c),
      h('td', { class: 'cell-actions' }, h('div', { class: 'actions actions--tight' }, up, down, rename, del)),
    );
  }

  /** Draws the list; `focus` puts the keyboard back on the control just used (or its neighbour when it became disabled). */
  function render(focus?: { slug: string; control: string }): void {
    const sentence = mn('categories.count', categories.length);
    count.textContent = sentence;
    if (categories.length === 0) {
      results.replaceChildren(
        emptyState({ title: m('categories.empty'), action: h('a', { class: 'btn btn--primary', href: `#${newTitleId}` }, m('categories.newTitle')) }),
      );
      return;
    }
    const table = dataTable({
      class: 'table',
      caption: sentence,
      columns: [
        [m('categories.col.order'), 'num'],
        [m('categories.col.name')],
        [m('categories.col.nameEn')],
        [m('categories.col.slug'), 'col-hide-md'],
        [m('categories.col.products'), 'num'],
        [h('span', { class: 'sr-only' }, m('categories.col.actions'))],
      ],
      rows: categories.map(row),
    });
    results.replaceChildren(tableRegion(sentence, table));
    if (!focus) return;
    const tr = results.querySelector<HTMLElement>(`tr[data-category="${CSS.escape(focus.slug)}"]`);
    if (focus.control === 'edit') {
      tr?.querySelector<HTMLInputElement>('input')?.focus();
      return;
    }
    const target = tr?.querySelector<HTMLButtonElement>(`button[data-control="${focus.control}"]`);
    if (target && !target.disabled) target.focus();
    else tr?.querySelector<HTMLButtonElement>(`button[data-control="${focus.control === 'up' ? 'down' : 'up'}"]`)?.focus();
  }

  const form = createForm((created) => {
    changed();
    showProblem(null);
    toast(m('categories.created', { name: created.name }), 'success');
    void reload().then((ok) => ok && render());
  });

  mount(
    ctx.main,
    pageHead(m('categories.title'), { intro: m('categories.intro') }),
    problem,
    count,
    results,
    h(
      'section',
      { class: 'panel panel--form', 'aria-labelledby': newTitleId },
      h('h2', { class: 'panel__title', id: newTitleId, tabindex: '-1' }, m('categories.newTitle')),
      form,
    ),
  );

  const list = { path: '/api/admin/categories', loading: m('categories.loading'), signal: ctx.signal };
  await loadListInto<AdminCategory>(results, list, (items) => {
    categories = items;
    render();
  });
  return {};
}
