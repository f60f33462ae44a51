import { CollectionStore } from '../../hub/db/collection-store.ts';
import { openCatalog, type Database } from '../../hub/db/open.ts';
import { PlayStore } from '../../hub/db/play-store.ts';
import type { DiscogsAccount } from '../../hub/discogs/account.ts';
import { WriteBackQueue } from '../../hub/discogs/writeback.ts';
import { ChangeLog } from '../../hub/sync/change-log.ts';
import { PushService } from '../../hub/sync/push.ts';
import { ReleaseFeed } from '../../hub/sync/release-feed.ts';
import type { Field, Folder, Instance } from '../../shared/collection.ts';

/** The hub's sync services over a real catalog file, wired as hub/main.ts wires them. */
export interface SyncHub {
  db: Database;
  log: ChangeLog;
  collection: CollectionStore;
  plays: PlayStore;
  push: PushService;
  releases: ReleaseFeed;
  /** The edits queued for Discogs, oldest first. */
  queued(): unknown[];
  close(): void;
}

export function openSyncHub(dbPath: string): SyncHub {
  const db = openCatalog(dbPath);
  const log = new ChangeLog(db);
  const collection = new CollectionStore(db, log);
  const plays = new PlayStore(db, log);
  const releases = new ReleaseFeed(db, log);
  // Only enqueue and list are used here; nothing drains to Discogs, so no account is needed.
  const writeback = new WriteBackQueue(db, undefined as unknown as DiscogsAccount);
  const push = new PushService(db, { collection, plays, log, writeback, afterRemoval: () => releases.refresh() });
  return { db, log, collection, plays, push, releases, queued: () => writeback.list(undefined, 10_000).reverse().map((q) => q.edit), close: () => db.close() };
}

export const testFolders: Folder[] = [
  { id: 0, name: 'All', count: 3 },
  { id: 1, name: 'Uncategorized', count: 2 },
  { id: 101, name: 'Techno', count: 1 },
];
export const testFields: Field[] = [
  { id: 1, name: 'Media Condition', type: 'dropdown', position: 1, public: true, options: ['Mint (M)', 'Near Mint (NM or M-)'] },
  { id: 3, name: 'Notes', type: 'textarea', position: 2, public: false, lines: 3 },
];
export const testInstance = (n: number, folder_id = 1): Instance => ({ instance_id: n, release_id: 1000 + n, folder_id, rating: 0, date_added: `2026-01-0${n}T00:00:00Z`, notes: {}, basic: { title: `Record ${n}` } });

/** Three instances in two folders, with two notes fields: what a first account sync leaves. */
export function seedCollection(hub: SyncHub): void {
  hub.collection.replaceFolders(testFolders);
  hub.collection.replaceFields(testFields);
  hub.collection.putInstances([testInstance(1), testInstance(2), testInstance(3, 101)]);
}
