/**
 * The first-run checklist (as Ghost and Discourse have): on an install that cannot sell
 * yet, the top of every admin page lists what is missing — a category, a pickup centre,
 * a product on sale with stock, a staff account — each linking to where it is done and
 * ticked once done. It disappears for good once all four are done.
 */

import { api, isAbort } from '../shared/api.ts';
import { h, uid } from '../shared/dom.ts';
import { m, type AdminKey } from './messages.ts';
import type { SetupCounts } from '../../contract/index.ts';

const STEPS: Array<{ id: string; done: (c: SetupCounts) => boolean; key: AdminKey; href: string }> = [
  { id: 'categories', done: (c) => c.categories > 0, key: 'setup.step.categories', href: '/admin/categories' },
  { id: 'centres', done: (c) => c.centres > 0, key: 'setup.step.centres', href: '/admin/centres/new' },
  { id: 'hours', done: (c) => c.centres > 0 && c.centresWithoutHours === 0, key: 'setup.step.hours', href: '/admin/centres' },
  { id: 'products', done: (c) => c.productsOnSale > 0, key: 'setup.step.products', href: '/admin/products/new' },
  { id: 'staff', done: (c) => c.staff > 0, key: 'setup.step.staff', href: '/admin/users' },
];

const CHANGED = 'admin:setup-changed';

/** A page changed something a step counts (a category created, a role given): the checklist asks again. */
export function setupMayHaveChanged(): void {
  window.dispatchEvent(new Event(CHANGED));
}

export interface SetupChecklist {
  element: HTMLElement;
  /** Asks the server again (after a navigation or a change that may complete a step). */
  refresh(): Promise<void>;
  /** Draws again from the last answer (a change of language). */
  render(): void;
}

export function setupChecklist(): SetupChecklist {
  const element = h('div', { class: 'admin-setup' });
  let counts: SetupCounts | undefined;
  // Once complete, an install stays complete for this page load: no more requests.
  let finished = false;
  let pending: AbortController | undefined;

  function render(): void {
    if (!counts || counts.done) {
      element.replaceChildren();
      element.hidden = true;
      return;
    }
    const c = counts;
    const titleId = uid('setup-title');
    const done = STEPS.filter((s) => s.done(c)).length;
    element.hidden = false;
    element.replaceChildren(
      h(
        'section',
        { class: 'panel setup', 'aria-labelledby': titleId, 'data-setup': '' },
        h('h2', { class: 'panel__title', id: titleId }, m('setup.title')),
        h('p', null, m('setup.intro', { done: String(done), total: String(STEPS.length) })),
        h(
          'ol',
          { class: 'setup__list' },
          STEPS.map((step) => {
            const ok = step.done(c);
            return h(
              'li',
              { class: `setup__step${ok ? ' is-done' : ''}`, 'data-step': step.id, 'data-done': String(ok) },
              h('span', { class: 'setup__mark', 'aria-hidden': 'true' }, ok ? '✓' : '○'),
              h('a', { href: step.href }, m(step.key)),
              h('span', { class: 'setup__state' }, ` — ${ok ? m('setup.done') : m('setup.todo')}`),
            );
          }),
        ),
      ),
    );
  }

  async function refresh(): Promise<void> {
    if (finished) return;
    pending?.abort();
    const controller = new AbortController();
    pending = controller;
    try {
      counts = await api.get<SetupCounts>('/api/admin/setup', { signal: controller.signal });
      finished = counts.done;
    } catch (err) {
      // Not worth an error on every page (nor on an aborted request): the checklist waits for the next try.
      void isAbort(err);
      return;
    }
    if (!controller.signal.aborted) render();
  }

  window.addEventListener(CHANGED, () => void refresh());
  render();
  return { element, refresh, render };
}
