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
