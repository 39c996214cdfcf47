/**
 * Choosing the centre at checkout: the list of centres (a radio group), sorted by distance
 * from a typed postcode or town, or from the browser's position — asked only when the person
 * taps "Autour de moi" —, each with its distance, hours and "open now / next opening" (Paris
 * time, from the server), and the small SVG map. The last centre used is offered as a
 * suggestion, never chosen silently.
 */

import { api, ApiError, type Centre, type ShopCentre } from '../shared/api.ts';
import { h, mount, uid } from '../shared/dom.ts';
import { searchInput } from '../shared/forms.ts';
import { getLocale, labelText, t, tn } from '../shared/i18n.ts';
import { announce, errorText, withBusy } from '../shared/ui.ts';
import { centreMap } from './france-map.ts';

/** Where distances are measured from: a postcode or town as typed, or a position (`near`). */
export type Origin = { q: string } | { near: string };

export function originQuery(origin: Origin | undefined): string {
  if (!origin) return '';
  if ('near' in origin) return `?near=${encodeURIComponent(origin.near)}`;
  const q = origin.q.trim();
  return /^\d[\dAB]\d{3}$/i.test(q) ? `?postcode=${encodeURIComponent(q.toUpperCase())}` : `?town=${encodeURIComponent(q)}`;
}

export function fetchCentres(origin: Origin | undefined, signal?: AbortSignal): Promise<ShopCentre[]> {
  return api.get<ShopCentre[]>(`/api/centres${originQuery(origin)}`, { signal });
}

function nextOpeningText(c: Centre): string {
  if (c.openNow) return t('checkout.openNow');
  if (!c.nextOpening) return t('checkout.closedForNow');
  const when = new Intl.DateTimeFormat(getLocale(), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Paris',
  }).format(new Date(c.nextOpening));
  return t('checkout.nextOpening', { when });
}

export interface CentrePicker {
  element: HTMLElement;
  /** Shows the "choose a centre" error and moves focus to the list. */
  showMissing(): void;
}

export function centrePicker(opts: {
  centres: Centre[];
  origin: Origin | undefined;
  selected: string | undefined;
  /** The centre used last time, offered as a suggestion. */
  suggestion: string | undefined;
  onChange(state: { selected: string | undefined; origin: Origin | undefined }): void;
}): CentrePicker {
  let centres = opts.centres;
  let origin = opts.origin;
  let selected = opts.selected;

  const locateId = uid('locate');
  const hintId = uid('locate-hint');
  const locate = searchInput({
    id: locateId,
    autocomplete: 'postal-code',
    'aria-describedby': hintId,
    placeholder: t('checkout.locatePlaceholder'),
    value: origin && 'q' in origin ? origin.q : '',
  });
  const sortButton = h('button', { type: 'button', class: 'btn btn--secondary' }, t('checkout.locateButton'));
  const nearButton = h('button', { type: 'button', class: 'btn btn--ghost' }, t('checkout.nearMe'));
  const locateError = h('p', { class: 'field__error', id: uid('locate-error'), hidden: true });
  const count = h('p', { class: 'centres__count', role: 'status', 'aria-live': 'polite' });
  const centreError = h('p', { class: 'field__error', id: uid('centre-error'), hidden: true });
  const legendId = uid('legend');
  const list = h('ul', { class: 'centres__list', id: 'centre-list' });
  const fieldset = h(
    'fieldset',
    { class: 'centres__fieldset', 'aria-describedby': centreError.id },
    h('legend', { class: 'sr-only', id: legendId }, t('checkout.centreLegend')),
    list,
  );
  const suggestionBox = h('div', { class: 'centres__suggestion' });
  let map = centreMap(centres, pickFromMap);
  const mapBox = h('div', { class: 'centres__map' }, map.element);
  const radios = new Map<string, HTMLInputElement>();

  function pickFromMap(id: string): void {
    choose(id);
    const input = radios.get(id);
    input?.focus({ preventScroll: true });
    input?.closest('li')?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    announce(t('checkout.centreChosen', { name: centres.find((c) => c.id === id)?.name ?? '' }));
  }

  function choose(id: string): void {
    selected = id;
    const input = radios.get(id);
    if (input && !input.checked) input.checked = true;
    centreError.hidden = true;
    fieldset.classList.remove('is-invalid');
    map.update(new Set(radios.keys()), selected);
    renderSuggestion();
    opts.onChange({ selected, origin });
  }

  function renderList(): void {
    radios.clear();
    const distance = new Intl.NumberFormat(getLocale(), { maximumFractionDigits: 1 });
    list.replaceChildren(
      ...centres.map((c) => {
        const id = uid('centre');
        const input = h('input', { type: 'radio', name: 'centre', value: c.id, id, class: 'centre__radio', checked: c.id === selected });
        input.addEventListener('change', () => {
          if (input.checked) choose(c.id);
        });
        radios.set(c.id, input);
        return h(
          'li',
          { class: 'centre', 'data-centre-id': c.id },
          h(
            'label',
            { class: 'centre__label', for: id },
            input,
            h(
              'span',
              { class: 'centre__body' },
              h('span', { class: 'centre__name', lang: 'fr' }, c.name),
              c.distanceKm === undefined ? null : h('span', { class: 'centre__distance' }, t('checkout.distance', { km: distance.format(c.distanceKm) })),
              h('span', { class: 'centre__address', lang: 'fr' }, c.address, h('br'), `${c.postcode} ${c.city}`),
              h('span', { class: 'centre__hours' }, h('span', { class: 'sr-only' }, labelText(t('checkout.hours'))), c.openingHours),
              h('span', { class: `centre__open${c.openNow ? ' is-open' : ''}` }, nextOpeningText(c)),
            ),
          ),
        );
      }),
    );
    const from = origin ? ('near' in origin ? t('checkout.hereLabel') : origin.q.trim()) : '';
    count.textContent = origin ? tn('checkout.centresFrom', centres.length, { q: from }) : tn('checkout.centresAll', centres.length);
    const fresh = centreMap(centres, pickFromMap);
    mapBox.replaceChildren(fresh.element);
    map = fresh;
    map.update(new Set(radios.keys()), selected);
    renderSuggestion();
  }

  function renderSuggestion(): void {
    const suggested = centres.find((c) => c.id === opts.suggestion);
    if (!suggested || suggested.id === selected) {
      suggestionBox.replaceChildren();
      return;
    }
    const use = h('button', { type: 'button', class: 'btn btn--ghost btn--small' }, t('checkout.useSuggestion'));
    use.addEventListener('click', () => {
      choose(suggested.id);
      radios.get(suggested.id)?.focus();
    });
    mount(suggestionBox, h('p', { class: 'centres__suggestion-text' }, t('checkout.suggestion', { name: suggested.name }), ' ', use));
  }

  async function sortFrom(next: Origin, button: HTMLButtonElement): Promise<void> {
    locateError.hidden = true;
    await withBusy(button, button === nearButton ? t('checkout.locating') : (button.textContent ?? ''), async () => {
      try {
        centres = await fetchCentres(next);
        origin = next;
        renderList();
        opts.onChange({ selected, origin });
      } catch (err) {
        const field = err instanceof ApiError ? err.fieldErrors[0] : undefined;
        locateError.textContent = field?.message ?? errorText(err);
        locateError.hidden = false;
        announce(locateError.textContent);
      }
    });
  }

  sortButton.addEventListener('click', () => {
    const q = locate.value.trim();
    if (!q) {
      locateError.textContent = t('checkout.locateEmpty');
      locateError.hidden = false;
      locate.focus();
      return;
    }
    void sortFrom({ q }, sortButton);
  });
  locate.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault(); // sorts, never submits the order
    sortButton.click();
  });
  nearButton.addEventListener('click', () => {
    if (!('geolocation' in navigator)) {
      locateError.textContent = t('checkout.geoUnavailable');
      locateError.hidden = false;
      return;
    }
    nearButton.disabled = true;
    navigator.geolocation.getCurrentPosition(
      (position) => {
        nearButton.disabled = false;
        // Three decimals (about 100 m) are enough to sort centres and say less about the person.
        const near = `${position.coords.latitude.toFixed(3)},${position.coords.longitude.toFixed(3)}`;
        locate.value = '';
        void sortFrom({ near }, nearButton);
      },
      () => {
        nearButton.disabled = false;
        locateError.textContent = t('checkout.geoUnavailable');
        locateError.hidden = false;
        announce(locateError.textContent);
      },
      { maximumAge: 300_000, timeout: 15_000 },
    );
  });

  const element = h(
    'div',
    { class: 'centres' },
    h(
      'div',
      { class: 'centres__pick' },
      h(
        'div',
        { class: 'field' },
        h('label', { class: 'field__label', for: locateId }, t('checkout.locateLabel')),
        h('p', { class: 'field__hint', id: hintId }, t('checkout.locateHint')),
        h('div', { class: 'centres__locate' }, locate, sortButton, nearButton),
        locateError,
      ),
      suggestionBox,
      count,
      centreError,
      fieldset,
    ),
    mapBox,
  );
  renderList();

  return {
    element,
    showMissing() {
      centreError.textContent = t('checkout.chooseCentre');
      centreError.hidden = false;
      fieldset.classList.add('is-invalid');
      ([...radios.values()][0] ?? locate).focus();
      announce(t('checkout.chooseCentre'));
    },
  };
}
