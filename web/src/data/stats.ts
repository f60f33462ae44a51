import type { CollectionValue } from '../../../shared/account-sync.ts';
import type { Play } from '../../../shared/mutations.ts';
import { partialDate } from '../lib/format.ts';
import type { Filters } from './collection-view.ts';
import type { CollectionRecord } from './records.ts';

/** One column of a chart over time (ColumnChart's shape). */
export interface Period {
  label: string;
  title: string;
  n: number;
  shown?: string;
  filter?: Filters;
}

const monthKey = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;

/** Plays in each of the last `months` months, this one last; a column opens what was played. */
export function playsByMonth(plays: Play[], now: Date, months = 12, locale?: string): Period[] {
  const counts = new Map<string, number>();
  for (const p of plays) counts.set(p.played_at.slice(0, 7), (counts.get(p.played_at.slice(0, 7)) ?? 0) + 1);
  return Array.from({ length: months }, (_, i) => {
    const at = new Date(now.getFullYear(), now.getMonth() - (months - 1 - i), 15);
    const key = monthKey(at);
    return { label: at.toLocaleDateString(locale ? [locale] : [], { month: 'short' }), title: partialDate(key, locale), n: counts.get(key) ?? 0, filter: { played: key } };
  });
}

/** Records added each year, from the first to this one; a column opens that year's. */
export function addedByYear(records: CollectionRecord[], now: Date): Period[] {
  const counts = new Map<number, number>();
  for (const r of records) {
    const y = Number(r.dateAdded.slice(0, 4));
    if (y > 0) counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  if (counts.size === 0) return [];
  const first = Math.min(...counts.keys());
  return Array.from({ length: now.getFullYear() - first + 1 }, (_, i) => {
    const y = first + i;
    return { label: String(y), title: String(y), n: counts.get(y) ?? 0, filter: { added: String(y) } };
  });
}

/**
 * Discogs' median value at each day it was recorded. Discogs writes amounts in the account's
 * currency with its symbol and thousands commas ("€3,512.75"): the digits and the point are
 * the amount.
 */
export function valueOverTime(history: CollectionValue[], locale?: string): Period[] {
  return history.map((v) => {
    const at = new Date(v.fetched_at);
    return {
      label: at.toLocaleDateString(locale ? [locale] : [], { month: 'short' }),
      title: at.toLocaleDateString(locale ? [locale] : [], { dateStyle: 'medium' }),
      n: Number(v.median.replace(/[^\d.]/g, '')) || 0,
      shown: v.median,
    };
  });
}

/** The records played most, most first. */
export function mostPlayed(records: CollectionRecord[], top = 10): CollectionRecord[] {
  return records.filter((r) => r.plays > 0).sort((a, b) => b.plays - a.plays || (b.lastPlayed ?? '').localeCompare(a.lastPlayed ?? '')).slice(0, top);
}

/** The played records whose last play is oldest, oldest first. */
export function longestUnplayed(records: CollectionRecord[], top = 10): CollectionRecord[] {
  return records.filter((r) => r.lastPlayed !== null).sort((a, b) => a.lastPlayed!.localeCompare(b.lastPlayed!)).slice(0, top);
}

/** Discogs' placeholder label ("Not On Label", "Not On Label (Foo Self-released)"): not a label. */
export const isNoLabel = (name: string) => /^not on label\b/i.test(name);
