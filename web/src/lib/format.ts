import type { CatalogSummary } from '../../../shared/catalog.ts';

/** How the app and the admin page write times and sizes, one way everywhere. */

/** "Nov 21, 2026, 8:24 AM"; `none` when there is no time. */
export const dateTime = (iso: string | null, none = 'never'): string =>
  iso ? new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' }) : none;

/** "Nov 21, 2026"; a bare YYYY-MM-DD is read at noon, so no time zone moves it a day. */
export const day = (iso: string): string =>
  new Date(iso.length === 10 ? `${iso}T12:00:00` : iso).toLocaleDateString([], {
    dateStyle: 'medium',
  });

/**
 * A date that may lack its day or month, as Discogs stores release dates and as a month of
 * plays is named, written as collectors read it in the user's locale: "1999-03-00" and
 * "1999-03" are "March 1999", "1999-00-00" and "1999" are "1999", a whole date as `day`.
 * Anything else is shown as it is.
 */
export function partialDate(date: string, locale?: string): string {
  const parts = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date);
  if (!parts) return date;
  const [, year, month = '00', dayOfMonth = '00'] = parts;
  if (month === '00') return year!;
  const noDay = dayOfMonth === '00';
  const at = new Date(Number(year), Number(month) - 1, noDay ? 15 : Number(dayOfMonth), 12);
  return at.toLocaleDateString(locale ? [locale] : [], {
    ...(noDay ? { year: 'numeric', month: 'long' } : { dateStyle: 'medium' }),
  });
}

export const bytes = (n: number): string =>
  n >= 1e9
    ? `${(n / 1e9).toFixed(1)} GB`
    : n >= 1e6
      ? `${(n / 1e6).toFixed(1)} MB`
      : `${Math.round(n / 1e3)} kB`;

/** A catalog hit's or version's details: "1×CD, Album · US · 1999 · F-111 Records – 9 47555-2". */
export const pressingLine = (s: CatalogSummary): string =>
  [s.format, s.country, s.year, s.label && `${s.label}${s.catno ? ` – ${s.catno}` : ''}`]
    .filter(Boolean)
    .join(' · ');
