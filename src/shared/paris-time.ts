/** Start of the day and of the week (Monday) in Paris, as instants: the staff console's "today" and "this week". */
function parisOffsetMinutes(at: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const m = name?.match(/GMT([+-])(\d{2}):(\d{2})/);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

export function parisDayStart(at: Date): Date {
  const offset = parisOffsetMinutes(at);
  const local = new Date(at.getTime() + offset * 60_000);
  local.setUTCHours(0, 0, 0, 0);
  return new Date(local.getTime() - parisOffsetMinutes(local) * 60_000);
}

export function parisWeekStart(at: Date): Date {
  const day = parisDayStart(at);
  const local = new Date(day.getTime() + parisOffsetMinutes(day) * 60_000);
  const weekday = (local.getUTCDay() + 6) % 7; // Monday = 0
  return parisDayStart(new Date(day.getTime() - weekday * 86_400_000 + 12 * 3_600_000));
}

/** 00:00 in Paris on a calendar day `YYYY-MM-DD`, as an instant (noon UTC is always that same day in Paris). */
export function parisDayStartOf(day: string): Date {
  return parisDayStart(new Date(`${day}T12:00:00Z`));
}

/**
 * A range of Paris days as instants, for `created_at >= start AND created_at < end`:
 * `from` starts at 00:00 that day, `to` includes the whole of its day (the end is the next
 * day's 00:00, so 23:59 counts and daylight-saving days are 23 or 25 hours long).
 */
export function parisDayRange(from?: string, to?: string): { start?: Date; end?: Date } {
  const end = to ? parisDayStart(new Date(parisDayStartOf(to).getTime() + 36 * 3_600_000)) : undefined;
  return { start: from ? parisDayStartOf(from) : undefined, end };
}

/** The Paris calendar day of an instant, `YYYY-MM-DD` (file names of exports). */
export function parisDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
