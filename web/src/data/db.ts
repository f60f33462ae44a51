import { Dexie, type Table } from 'dexie';
import type { Release } from '../../../shared/catalog.ts';
import type { Field, Folder, Instance, Want } from '../../../shared/collection.ts';
import type { Mutation, Play } from '../../../shared/mutations.ts';
import type { SyncEntity } from '../../../shared/sync.ts';
import { summarize, type ReleaseSummary } from './summary.ts';

/** An edit made on this device and not yet acknowledged by the hub, in the order it was made. */
export interface OutboxEntry {
  seq?: number;
  id: string;
  mutation: Mutation;
}

/**
 * An edit the hub acknowledged, kept a while with the hub epoch it was sent under: a hub
 * restored from a backup comes back with another epoch and may lack it (pull.ts re-sends it).
 */
export interface AckedEntry {
  seq?: number;
  id: string;
  mutation: Mutation;
  epoch: string;
}

/** Where this device syncs from, and how far it got. */
export interface Pairing {
  hubUrl: string;
  deviceId: string;
  deviceName: string;
  token: string;
}
export interface Cursor {
  epoch: string;
  cursor: number;
}
/** An edit the hub refused, kept so the person can read why. */
export interface Rejection {
  mutation: Mutation;
  reason: string;
  at: string;
}
export interface MetaRows {
  pairing: Pairing;
  cursor: Cursor;
  lastSyncAt: string;
  rejections: Rejection[];
}

/**
 * The device's copy of the collection (design.md, Delta sync). The data tables mirror the hub's
 * change feed, with the outbox's edits applied on top; `outbox` survives reloads and restarts.
 */
export class VaultDb extends Dexie {
  instances!: Table<Instance, number>;
  folders!: Table<Folder, number>;
  fields!: Table<Field, number>;
  wants!: Table<Want, number>;
  /** Catalog release documents as the hub sends them (the Discogs API shape). */
  releases!: Table<Release, number>;
  /** One per release document, written with it (see summary.ts). */
  summaries!: Table<ReleaseSummary, number>;
  plays!: Table<Play, string>;
  /** Hub settings shown on devices, e.g. `collection_value`. */
  settings!: Table<{ key: string; value: unknown }, string>;
  outbox!: Table<OutboxEntry, number>;
  /**
   * Release documents opened from the hub's catalog (not collected or wanted), kept so they
   * open offline too. Not synced data: a reset leaves them, since the catalog is the same.
   */
  catalog!: Table<Release, number>;
  acked!: Table<AckedEntry, number>;
  meta!: Table<{ key: string; value: unknown }, string>;

  constructor(name = 'vinylvault', options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores({
      instances: 'instance_id, release_id, folder_id, rating, date_added',
      folders: 'id',
      fields: 'id',
      wants: 'release_id, date_added',
      releases: 'id',
      summaries: 'id',
      plays: 'id, instance_id, release_id, played_at',
      settings: 'key',
      outbox: '++seq, &id',
      meta: 'key',
    });
    this.version(2).stores({ acked: '++seq, &id' });
    this.version(3).stores({ catalog: 'id' });
    // Summaries gained masterId: written again from the documents already here.
    this.version(4).stores({}).upgrade(async (tx) => {
      await tx.table<Release, number>('releases').each((r) => void tx.table('summaries').put(summarize(r)));
    });
  }

  /** The table each synced entity lives in, and how a change's string id becomes its key. */
  tableOf(entity: SyncEntity): { table: Table<any, any>; key: (id: string) => number | string } {
    const num = (id: string) => Number(id);
    switch (entity) {
      case 'instance': return { table: this.instances, key: num };
      case 'folder': return { table: this.folders, key: num };
      case 'field': return { table: this.fields, key: num };
      case 'want': return { table: this.wants, key: num };
      case 'release': return { table: this.releases, key: num };
      case 'play': return { table: this.plays, key: String };
      case 'setting': return { table: this.settings, key: String };
    }
  }

  get dataTables(): Table[] {
    return [this.instances, this.folders, this.fields, this.wants, this.releases, this.summaries, this.plays, this.settings];
  }

  async getMeta<K extends keyof MetaRows>(key: K): Promise<MetaRows[K] | undefined> {
    return (await this.meta.get(key))?.value as MetaRows[K] | undefined;
  }

  async setMeta<K extends keyof MetaRows>(key: K, value: MetaRows[K]): Promise<void> {
    await this.meta.put({ key, value });
  }
}
