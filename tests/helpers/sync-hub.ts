import type { AuthService } from '../../hub/auth/auth-service.ts';
import type { BackupService } from '../../hub/backup/backup-service.ts';
import type { CatalogStore } from '../../hub/catalog/catalog-store.ts';
import type { DiscogsAccount } from '../../hub/discogs/account.ts';
import type { WriteBackQueue } from '../../hub/discogs/writeback.ts';
import { loadConfig } from '../../hub/config.ts';
import type { CollectionStore } from '../../hub/db/collection-store.ts';
import type { Database } from '../../hub/db/open.ts';
import type { PlayStore } from '../../hub/db/play-store.ts';
import { createLogger } from '../../hub/log.ts';
import { buildServices } from '../../hub/services.ts';
import type { ChangeLog } from '../../hub/device-sync/change-log.ts';
import type { PushService } from '../../hub/device-sync/push.ts';
import type { ReleaseFeed } from '../../hub/device-sync/release-feed.ts';
import type { DrainResult } from '../../shared/account-sync.ts';
import type { Field, Folder, Instance } from '../../shared/collection.ts';

/** The hub's sync services over a real data dir, from the hub's own composition root. */
export interface SyncHub {
  db: Database;
  log: ChangeLog;
  collection: CollectionStore;
  plays: PlayStore;
  push: PushService;
  releases: ReleaseFeed;
  auth: AuthService;
  backups: BackupService;
  /** The edits queued for Discogs, oldest first. */
  queued(): unknown[];
  writeback: WriteBackQueue;
  /** Drains the write-back queue now, joining the drain a push started (never two at once). */
  sendToDiscogs(): Promise<DrainResult>;
  discogs: DiscogsAccount;
  catalog: CatalogStore;
  close(): Promise<void>;
}

/**
 * `discogsApiUrl` is a fake Discogs API's address, for tests of the write-back queue; without
 * one, Discogs and the dump host are at a closed port on this machine: nothing calls them.
 */
export async function openSyncHub(
  dataDir: string,
  o: { discogsApiUrl?: string } = {},
): Promise<SyncHub> {
  const config = loadConfig({
    VINYLVAULT_DATA_DIR: dataDir,
    DISCOGS_API_URL: o.discogsApiUrl ?? 'http://127.0.0.1:9',
    DISCOGS_DUMPS_URL: 'http://127.0.0.1:9',
  });
  const s = await buildServices(config, createLogger('silent'));
  return {
    db: s.db,
    log: s.changeLog,
    collection: s.collection,
    plays: s.plays,
    push: s.push,
    releases: s.releaseFeed,
    auth: s.auth,
    backups: s.backups,
    writeback: s.writeback,
    sendToDiscogs: () => s.drainer.now(),
    discogs: s.discogs,
    catalog: s.catalog,
    queued: () =>
      s.writeback
        .list(undefined, 10_000)
        .reverse()
        .map((q) => q.edit),
    close: () => s.close(),
  };
}

export const testFolders: Folder[] = [
  { id: 0, name: 'All', count: 3 },
  { id: 1, name: 'Uncategorized', count: 2 },
  { id: 101, name: 'Techno', count: 1 },
];
export const testFields: Field[] = [
  {
    id: 1,
    name: 'Media Condition',
    type: 'dropdown',
    position: 1,
    public: true,
    options: ['Mint (M)', 'Near Mint (NM or M-)'],
  },
  { id: 3, name: 'Notes', type: 'textarea', position: 2, public: false, lines: 3 },
];
export const testInstance = (n: number, folder_id = 1): Instance => ({
  instance_id: n,
  release_id: 1000 + n,
  folder_id,
  rating: 0,
  date_added: `2026-01-0${n}T00:00:00Z`,
  notes: {},
  basic: { title: `Record ${n}` },
});

/** Three instances in two folders, with two notes fields: what a first account sync leaves. */
export function seedCollection(hub: SyncHub): void {
  hub.collection.replaceFolders(testFolders);
  hub.collection.replaceFields(testFields);
  hub.collection.putInstances([testInstance(1), testInstance(2), testInstance(3, 101)]);
}
