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
