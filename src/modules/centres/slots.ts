/**
 * Pickup slots made from a centre's opening hours (issue 19): each opening range of a Paris
 * date is cut into slots of `slotMinutes` from its opening time (a last piece shorter than a
 * slot is left out). Wall-clock times are turned into instants through parisInstant, so a
 * slot at 10:00 is 10:00 in Paris on both sides of a daylight-saving change. Pure functions.
 */
import { addDays, parisInstant, parisLocal, rangesOn, toMinutes, type OpeningData } from './opening.ts';

export interface SlotTime {
  start: Date;
  end: Date;
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Every slot starting in [from, to), in time order. */
export function slotsBetween(opening: OpeningData, slotMinutes: number, from: Date, to: Date): SlotTime[] {
  const slots: SlotTime[] = [];
  const last = parisLocal(to).date;
  for (let date = parisLocal(from).date; date <= last; date = addDays(date, 1)) {
    for (const r of rangesOn(opening, date)) {
      const closes = toMinutes(r.closes);
      for (let m = toMinutes(r.opens); m + slotMinutes <= closes; m += slotMinutes) {
        const start = parisInstant(date, hhmm(m));
        if (start.getTime() < from.getTime() || start.getTime() >= to.getTime()) continue;
        slots.push({ start, end: parisInstant(date, hhmm(m + slotMinutes)) });
      }
    }
  }
  return slots;
}
