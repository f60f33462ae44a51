/** A daily cron expression's UTC hour and minute, or null for any other schedule. */
export function dailyAt(cron: string): { hour: number; minute: number } | null {
  const m = /^(\d{1,2}) (\d{1,2}) \* \* \*$/.exec(cron.trim());
  if (!m) return null;
  const [minute, hour] = [Number(m[1]), Number(m[2])];
  return hour < 24 && minute < 60 ? { hour, minute } : null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The hub runs its schedules in UTC (the Pi's clock may be set to anything); the owner thinks
 * in their own time. These convert a daily cron expression to and from the browser's "HH:MM".
 * Across a daylight-saving change the local hour moves by one, which a nightly job tolerates.
 */
export function localTimeOf(cron: string, on = new Date()): string | null {
  const at = dailyAt(cron);
  if (!at) return null;
  const d = new Date(on);
  d.setUTCHours(at.hour, at.minute, 0, 0);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function cronAtLocalTime(time: string, on = new Date()): string {
  const [hours, minutes] = time.split(':').map(Number);
  const d = new Date(on);
  d.setHours(hours!, minutes!, 0, 0);
  return `${d.getUTCMinutes()} ${d.getUTCHours()} * * *`;
}
