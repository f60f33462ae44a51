import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { basicInformation, type Release } from '../../shared/catalog.ts';
import type { Field, Folder, Instance, Want } from '../../shared/collection.ts';
import { liveReleaseDocs } from '../db/catalog-queries.ts';
import { CollectionStore } from '../db/collection-store.ts';
import { PlayStore } from '../db/play-store.ts';
import type { ChangeLog } from '../device-sync/change-log.ts';

// Discogs' own grading scale, as its default "Media Condition" and "Sleeve Condition" fields have it.
const GRADES = ['Mint (M)', 'Near Mint (NM or M-)', 'Very Good Plus (VG+)', 'Very Good (VG)', 'Good Plus (G+)', 'Good (G)', 'Fair (F)', 'Poor (P)'];
const FIELDS: Field[] = [
  { id: 1, name: 'Media Condition', type: 'dropdown', position: 1, public: true, options: GRADES },
  { id: 2, name: 'Sleeve Condition', type: 'dropdown', position: 2, public: true, options: [...GRADES, 'Generic', 'No Cover'] },
  { id: 3, name: 'Notes', type: 'textarea', position: 3, public: false, lines: 3 },
];
const FOLDERS = [
  { id: 1, name: 'Uncategorized' },
  { id: 2001, name: 'Electronic' },
  { id: 2002, name: 'Rock & Pop' },
  { id: 2003, name: 'Jazz, Soul & Funk' },
];
const NOTES = ['Bought at the Sunday record fair', 'Signed by the band', 'A gift', 'Original pressing', 'Slight warp, plays fine', 'From a charity shop'];

/** A small deterministic generator (mulberry32), so every demo hub holds the same collection. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function folderFor(r: Release): number {
  const g = r.genres ?? [];
  if (g.includes('Electronic')) return 2001;
  if (g.includes('Rock') || g.includes('Pop')) return 2002;
  if (g.includes('Jazz') || g.includes('Funk / Soul')) return 2003;
  return 1;
}

const basicOf = (r: Release) => basicInformation(r.id, r);

/**
 * Seeds a collection from releases in the catalog: about 400 instances in four folders, with
 * ratings, conditions, notes and plays, and a wantlist of 40. Returns the counts.
 */
export function seedSampleCollection(db: Database, log: ChangeLog): { instances: number; wants: number; plays: number } {
  const random = seeded(20200806);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
  const releases = liveReleaseDocs(db).map((doc) => JSON.parse(doc) as Release);
  const owned = releases.filter((_, i) => i % 5 < 2);
  const wanted = releases.filter((_, i) => i % 25 === 2);
  const store = new CollectionStore(db, log);
  const plays = new PlayStore(db, log);
  const now = Date.parse('2026-11-01T00:00:00Z');

  const instances: Instance[] = owned.map((r, i) => {
    const notes: Record<string, string> = {};
    if (random() < 0.7) notes['1'] = pick(GRADES.slice(0, 5));
    if (random() < 0.6) notes['2'] = pick(GRADES.slice(0, 5));
    if (random() < 0.15) notes['3'] = pick(NOTES);
    const added = new Date(now - Math.floor(random() * 12 * 365) * 86_400_000 - i * 60_000);
    return { instance_id: 900_000_000 + i, release_id: r.id, folder_id: folderFor(r), rating: random() < 0.6 ? 1 + Math.floor(random() * 5) : 0, date_added: added.toISOString(), notes, basic: basicOf(r) };
  });
  const wants: Want[] = wanted.map((r, i) => ({ release_id: r.id, rating: 0, notes: '', date_added: new Date(now - i * 86_400_000 * 9).toISOString(), basic: basicOf(r) }));
  const counts = new Map<number, number>();
  for (const i of instances) counts.set(i.folder_id, (counts.get(i.folder_id) ?? 0) + 1);
  const folders: Folder[] = [{ id: 0, name: 'All', count: instances.length }, ...FOLDERS.map((f) => ({ ...f, count: counts.get(f.id) ?? 0 }))];

  let played = 0;
  db.transaction(() => {
    store.replaceFolders(folders);
    store.replaceFields(FIELDS);
    store.putInstances(instances);
    store.putWants(wants);
    for (const inst of instances) {
      if (random() > 0.35) continue;
      for (let n = 1 + Math.floor(random() * 5); n > 0; n--, played++) {
        const day = new Date(now - Math.floor(random() * 400) * 86_400_000).toISOString().slice(0, 10);
        plays.add({ id: randomUUID(), instance_id: inst.instance_id, release_id: inst.release_id, played_at: day, device_id: 'demo', device_name: 'Demo turntable' });
      }
    }
    // A year of monthly syncs, the value drifting up to today's.
    const history = Array.from({ length: 12 }, (_, m) => {
      const median = 3512.75 * (0.82 + 0.18 * (m / 11)) * (1 + (random() - 0.5) * 0.04);
      const euros = (n: number) => `€${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
      return { minimum: euros(median * 0.62), median: euros(m === 11 ? 3512.75 : median), maximum: euros(median * 1.72), fetched_at: new Date(now - (11 - m) * 30 * 86_400_000).toISOString() };
    });
    store.announceSetting('collection_value', { minimum: '€2,180.40', median: '€3,512.75', maximum: '€6,034.10', fetched_at: new Date(now).toISOString() });
    store.announceSetting('collection_value_history', history);
  })();
  return { instances: instances.length, wants: wants.length, plays: played };
}
