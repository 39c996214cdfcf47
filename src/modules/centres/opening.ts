/**
 * Opening hours as data, read in Paris time: the ranges of a given date (weekly hours, or
 * that date's exceptions), whether a centre is open at an instant, when it opens next, and
 * the hours as a sentence in French or English. Pure functions: the clock is an argument.
 * Around midnight and the daylight-saving changes the local date and time come from the
 * instant through Intl (Europe/Paris), never from adding hours by hand.
 */
import type { Locale } from '../../contract/index.ts';

/** A weekly range: `day` 1 = Monday … 7 = Sunday, times "HH:MM" in Paris time. */
export interface WeeklyRange {
  day: number;
  opens: string;
  closes: string;
}

/** A date that departs from its weekday: no times = closed all day; times = that day's ranges. */
export interface HoursException {
  date: string;
  opens: string | null;
  closes: string | null;
  note: string;
}

export interface OpeningData {
  hours: WeeklyRange[];
  exceptions: HoursException[];
}

const TIME_ZONE = 'Europe/Paris';
const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The Paris calendar date ("YYYY-MM-DD") and minutes since local midnight of an instant. */
export function parisLocal(at: Date): { date: string; minutes: number } {
  const p = Object.fromEntries(parts.formatToParts(at).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, minutes: Number(p.hour) * 60 + Number(p.minute) };
}

/** 1 = Monday … 7 = Sunday, for a calendar date. */
export function weekdayOf(date: string): number {
  const d = new Date(`${date}T12:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * The instant at which Paris clocks show `hhmm` on `date`. A time skipped by the spring
 * change (02:30 on the last Sunday of March) is read as the same time after the jump; a
 * time shown twice in autumn is its first occurrence.
 */
export function parisInstant(date: string, hhmm: string): Date {
  const wanted = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) + toMinutes(hhmm) * 60_000;
  // The offset is +1 h or +2 h: try both, keep the one that shows the wanted wall time.
  for (const offsetHours of [2, 1]) {
    const candidate = new Date(wanted - offsetHours * 3_600_000);
    const local = parisLocal(candidate);
    if (local.date === date && local.minutes === toMinutes(hhmm)) return candidate;
  }
  // In the spring gap: the wall time never shows; an hour later (standard offset) does.
  return new Date(wanted - 3_600_000);
}

/** The opening ranges of one Paris date, in minutes since midnight, sorted. */
export function rangesOn(data: OpeningData, date: string): Array<{ opens: string; closes: string }> {
  const exceptions = data.exceptions.filter((e) => e.date === date);
  const ranges =
    exceptions.length > 0
      ? exceptions.flatMap((e) => (e.opens && e.closes ? [{ opens: e.opens, closes: e.closes }] : []))
      : data.hours.filter((h) => h.day === weekdayOf(date));
  // One closing row closes the whole day, whatever other rows say.
  if (exceptions.some((e) => !e.opens)) return [];
  return ranges.map((r) => ({ opens: r.opens, closes: r.closes })).sort((a, b) => toMinutes(a.opens) - toMinutes(b.opens));
}

export function isOpenAt(data: OpeningData, at: Date): boolean {
  const { date, minutes } = parisLocal(at);
  return rangesOn(data, date).some((r) => toMinutes(r.opens) <= minutes && minutes < toMinutes(r.closes));
}

/** How far ahead the next opening is looked for. */
const LOOKAHEAD_DAYS = 60;

/** The start of the next opening range after `at` (strictly later), or null when none is planned. */
export function nextOpeningAfter(data: OpeningData, at: Date): Date | null {
  if (data.hours.length === 0 && !data.exceptions.some((e) => e.opens)) return null;
  const today = parisLocal(at).date;
  for (let d = 0; d <= LOOKAHEAD_DAYS; d++) {
    const date = addDays(today, d);
    for (const r of rangesOn(data, date)) {
      const start = parisInstant(date, r.opens);
      if (start.getTime() > at.getTime()) return start;
    }
  }
  return null;
}

const DAY_NAMES: Record<Locale, string[]> = {
  fr: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};
const AND: Record<Locale, string> = { fr: 'et', en: 'and' };

const frTime = (hhmm: string) => `${Number(hhmm.slice(0, 2))}h${hhmm.slice(3, 5) === '00' ? '' : hhmm.slice(3, 5)}`;
const enTime = (hhmm: string) => `${Number(hhmm.slice(0, 2))}:${hhmm.slice(3, 5)}`;

function joinList(items: string[], lang: Locale): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${AND[lang]} ${items.at(-1)}`;
}

/**
 * The weekly hours as one sentence, days with the same ranges grouped:
 * "Mardi et jeudi 9h–12h, samedi 14h–17h" / "Tuesday and Thursday 9:00–12:00, Saturday 14:00–17:00".
 * Empty when the centre has no weekly hours.
 */
export function hoursText(hours: WeeklyRange[], lang: Locale): string {
  const time = lang === 'fr' ? frTime : enTime;
  const byDay = new Map<number, string>();
  for (let day = 1; day <= 7; day++) {
    const ranges = hours
      .filter((h) => h.day === day)
      .sort((a, b) => toMinutes(a.opens) - toMinutes(b.opens))
      .map((h) => `${time(h.opens)}–${time(h.closes)}`);
    if (ranges.length > 0) byDay.set(day, joinList(ranges, lang));
  }
  const groups: Array<{ days: number[]; ranges: string }> = [];
  for (const [day, ranges] of byDay) {
    const group = groups.find((g) => g.ranges === ranges);
    if (group) group.days.push(day);
    else groups.push({ days: [day], ranges });
  }
  const text = groups
    .map(
      (g) =>
        `${joinList(
          g.days.map((d) => DAY_NAMES[lang][d - 1]!),
          lang,
        )} ${g.ranges}`,
    )
    .join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
