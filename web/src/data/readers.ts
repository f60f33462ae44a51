import type { CollectionValue } from '../../../shared/account-sync.ts';
import type { Release } from '../../../shared/catalog.ts';
import type { Instance, Want } from '../../../shared/collection.ts';
import type { Play } from '../../../shared/mutations.ts';
import type { OutboxEntry, Rejection, VaultDb } from './db.ts';
import { sameBarcode } from './barcode.ts';
import { wantSummary } from './records.ts';
import { summarize, type ReleaseSummary } from './summary.ts';

/**
 * What the screens read from the device's copy, each a query Dexie's liveQuery can re-run
 * (lib/device-sync.svelte.ts `live`): screens ask these, not the tables.
 */

/** The full release document, when the device holds it (collected, wanted, or opened at home). */
export const releaseDocument = async (db: VaultDb, releaseId: number): Promise<Release | undefined> =>
  (await db.releases.get(releaseId)) ?? (await db.catalog.get(releaseId));

/**
 * The releases this device knows (collected, wanted, or opened from the catalog) that carry a
 * barcode: what a scan finds away from home.
 */
export async function releasesWithBarcode(db: VaultDb, code: string): Promise<ReleaseSummary[]> {
  const same = sameBarcode(code);
  const [known, opened] = await Promise.all([db.summaries.filter((s) => s.barcodes.some(same)).toArray(), db.catalog.toArray()]);
  const ids = new Set(known.map((s) => s.id));
  return [...known, ...opened.map(summarize).filter((s) => !ids.has(s.id) && s.barcodes.some(same))];
}

/** This device's copies of a release: its instances in the collection. */
export const instancesOfRelease = (db: VaultDb, releaseId: number): Promise<Instance[]> => db.instances.where('release_id').equals(releaseId).toArray();

export const playsOfRelease = (db: VaultDb, releaseId: number): Promise<Play[]> => db.plays.where('release_id').equals(releaseId).toArray();

export const wantOf = (db: VaultDb, releaseId: number): Promise<Want | undefined> => db.wants.get(releaseId);

/** The release ids on the wantlist. */
export const wantedIds = async (db: VaultDb): Promise<Set<number>> => new Set(await db.wants.toCollection().primaryKeys());

/** The wantlist as it lists it: newest first; wants Discogs gave no date (an index would leave them out) come last. */
export async function wantlist(db: VaultDb): Promise<Array<ReturnType<typeof wantSummary>>> {
  const [list, summaries] = await Promise.all([db.wants.toArray(), db.summaries.toArray()]);
  const byId = new Map(summaries.map((s) => [s.id, s]));
  list.sort((a, b) => (b.date_added ?? '').localeCompare(a.date_added ?? ''));
  return list.map((w) => wantSummary(w, byId));
}

/** The collection's value as Discogs estimated it at the hub's last sync (the `collection_value` setting). */
export const collectionValue = async (db: VaultDb): Promise<CollectionValue | undefined> => (await db.settings.get('collection_value'))?.value as CollectionValue | undefined;

/** The value at each day's last sync on the hub, oldest first (the `collection_value_history` setting). */
export const collectionValueHistory = async (db: VaultDb): Promise<CollectionValue[]> => ((await db.settings.get('collection_value_history'))?.value as CollectionValue[] | undefined) ?? [];

/** Every play logged, on any device. */
export const allPlays = (db: VaultDb): Promise<Play[]> => db.plays.toArray();

/** Edits made here that the hub has not acknowledged yet, oldest first. */
export const waitingEdits = (db: VaultDb): Promise<OutboxEntry[]> => db.outbox.toArray();

/** Edits the hub refused, with why. */
export const refusedEdits = async (db: VaultDb): Promise<Rejection[]> => (await db.getMeta('rejections')) ?? [];
