/**
 * A centre's opening hours as data, in the admin form: for each day of the week up to two
 * ranges (time inputs, Paris time), and the exceptions as lines of text ("2026-12-25 fermé
 * Noël", "2026-12-30 10:00-12:00 ouverture exceptionnelle").
 */

import type { AdminCentre, HoursException, HoursRange } from '../../../contract/index.ts';
import { h, uid } from '../../shared/dom.ts';
import { m } from '../messages.ts';

const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const RANGES_PER_DAY = 2;
const dayName = (day: number) => m(`hours.day${day as (typeof DAYS)[number]}`);

export interface HoursEditor {
  element: HTMLElement;
  /** The week and the exceptions, or the sentence saying what is wrong. */
  read(): { hours: HoursRange[]; exceptions: HoursException[] } | { problem: string; focus: HTMLElement };
}

const EXCEPTION_LINE = /^(\d{4}-\d{2}-\d{2})\s+(?:(fermé|ferme|closed)|(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2}))\s*(.*)$/i;
const pad = (hhmm: string) => hhmm.padStart(5, '0');

export function exceptionLine(e: HoursException): string {
  return [e.date, e.opens && e.closes ? `${e.opens}-${e.closes}` : m('hours.closedWord'), e.note].filter(Boolean).join(' ');
}

export function hoursEditor(centre: AdminCentre | undefined): HoursEditor {
  const inputs: Array<{ day: number; opens: HTMLInputElement; closes: HTMLInputElement }> = [];
  const rows = DAYS.map((day) => {
    const ranges = (centre?.hours ?? []).filter((r) => r.day === day);
    const cells = Array.from({ length: RANGES_PER_DAY }, (_, i) => {
      const opens = h('input', { type: 'time', class: 'input input--time', 'aria-label': m('hours.opens', { day: dayName(day), n: i + 1 }) });
      const closes = h('input', { type: 'time', class: 'input input--time', 'aria-label': m('hours.closes', { day: dayName(day), n: i + 1 }) });
      opens.value = ranges[i]?.opens ?? '';
      closes.value = ranges[i]?.closes ?? '';
      inputs.push({ day, opens, closes });
      return h('td', null, h('span', { class: 'hours-range' }, opens, h('span', { 'aria-hidden': 'true' }, ' – '), closes));
    });
    return h('tr', null, h('th', { scope: 'row' }, dayName(day)), ...cells);
  });
  const captionId = uid('hours');
  const table = h(
    'table',
    { class: 'hours-table', 'aria-labelledby': captionId },
    h(
      'thead',
      null,
      h('tr', null, h('th', { scope: 'col' }, m('hours.dayCol')), h('th', { scope: 'col' }, m('hours.range1')), h('th', { scope: 'col' }, m('hours.range2'))),
    ),
    h('tbody', null, rows),
  );
  const exceptionsId = uid('exceptions');
  const exceptionsHintId = uid('exceptions-hint');
  const exceptions = h('textarea', { id: exceptionsId, class: 'input', rows: 3, 'aria-describedby': exceptionsHintId });
  exceptions.value = (centre?.exceptions ?? []).map(exceptionLine).join('\n');

  const element = h(
    'fieldset',
    { class: 'fieldset' },
    h('legend', { class: 'fieldset__legend', id: captionId }, m('centre.f.hours')),
    h('p', { class: 'field__hint' }, m('hours.hint')),
    h('div', { class: 'hours-scroll' }, table),
    h(
      'div',
      { class: 'field' },
      h('label', { class: 'field__label', for: exceptionsId }, m('hours.exceptions')),
      h('p', { class: 'field__hint', id: exceptionsHintId }, m('hours.exceptionsHint')),
      exceptions,
    ),
  );

  return {
    element,
    read() {
      const hours: HoursRange[] = [];
      for (const { day, opens, closes } of inputs) {
        if (!opens.value && !closes.value) continue;
        if (!opens.value || !closes.value || opens.value >= closes.value) {
          return { problem: m('hours.badRange', { day: dayName(day) }), focus: opens.value ? closes : opens };
        }
        hours.push({ day, opens: opens.value.slice(0, 5), closes: closes.value.slice(0, 5) });
      }
      const list: HoursException[] = [];
      for (const line of exceptions.value.split('\n').map((l) => l.trim())) {
        if (!line) continue;
        const match = line.match(EXCEPTION_LINE);
        if (!match) return { problem: m('hours.badException', { line }), focus: exceptions };
        const [, date, closed, opens, closes, note] = match;
        list.push({ date: date!, opens: closed ? null : pad(opens!), closes: closed ? null : pad(closes!), note: (note ?? '').trim() });
      }
      return { hours, exceptions: list };
    },
  };
}
