/**
 * A quantity stepper: "−", a number field, "+". The buttons stay focusable at the
 * bounds (aria-disabled) so a keyboard user pressing "+" at the maximum keeps their
 * place; the field accepts typing and is clamped on change.
 */

import { h, uid } from '../shared/dom.ts';
import { t } from '../shared/i18n.ts';

export interface Stepper {
  element: HTMLElement;
  input: HTMLInputElement;
  plus: HTMLButtonElement;
  minus: HTMLButtonElement;
  readonly value: number;
  /** Sets the value shown (clamped), without calling onChange. */
  set(value: number): void;
  setBounds(min: number, max: number): void;
}

export function stepper(opts: {
  /** What is counted, for screen readers: "Quantité de Penne rigate". */
  label: string;
  /** The product, named in the buttons' accessible names ("Un Penne rigate de plus"). */
  itemName?: string;
  min: number;
  max: number;
  value: number;
  onChange(value: number): void;
  className?: string;
}): Stepper {
  let min = opts.min;
  let max = opts.max;
  let value = clamp(opts.value);
  const id = uid('qty');

  function clamp(n: number): number {
    if (!Number.isFinite(n)) return min;
    return Math.max(min, Math.min(max, Math.round(n)));
  }

  /** A − or + button, named for screen readers with the item when there is one. */
  const stepButton = (sign: string, which: 'less' | 'more') =>
    h(
      'button',
      {
        type: 'button',
        class: 'stepper__btn',
        'aria-controls': id,
        'aria-label': opts.itemName ? t(`stepper.${which}Named`, { name: opts.itemName }) : t(`stepper.${which}`),
      },
      h('span', { 'aria-hidden': 'true' }, sign),
    );
  const minus = stepButton('−', 'less');
  const plus = stepButton('+', 'more');
  const input = h('input', {
    id,
    class: 'stepper__input',
    type: 'number',
    inputmode: 'numeric',
    min,
    max,
    step: 1,
    value: String(value),
    'aria-label': opts.label,
  });
  const element = h('div', { class: `stepper ${opts.className ?? ''}`, role: 'group', 'aria-label': opts.label }, minus, input, plus);

  function render(): void {
    input.value = String(value);
    input.min = String(min);
    input.max = String(max);
    minus.setAttribute('aria-disabled', String(value <= min));
    plus.setAttribute('aria-disabled', String(value >= max));
  }

  function change(next: number): void {
    const v = clamp(next);
    if (v === value) {
      render();
      return;
    }
    value = v;
    render();
    opts.onChange(value);
  }

  minus.addEventListener('click', () => {
    if (value > min) change(value - 1);
  });
  plus.addEventListener('click', () => {
    if (value < max) change(value + 1);
  });
  input.addEventListener('change', () => change(Number.parseInt(input.value, 10)));
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      change(Number.parseInt(input.value, 10));
    }
  });
  render();

  return {
    element,
    input,
    plus,
    minus,
    get value() {
      return value;
    },
    set(next) {
      value = clamp(next);
      render();
    },
    setBounds(lo, hi) {
      min = lo;
      max = Math.max(lo, hi);
      value = clamp(value);
      render();
    },
  };
}
