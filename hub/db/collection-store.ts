import type { Database } from 'better-sqlite3';
import type { Field, Folder, Instance, Want } from '../../shared/collection.ts';
import type { ChangeLog } from '../sync/change-log.ts';

/** SQL for the ids of every release in the collection or the wantlist, for use as a subquery. */
export const COLLECTED_RELEASE_IDS = 'SELECT release_id FROM collection_instances UNION SELECT release_id FROM wants';

/**
 * The collection tables (migration 003). Each listing step replaces what it fully read, and
 * every change is appended to the delta-sync log in the same transaction, so devices see it.
 */
export class CollectionStore {
  constructor(private readonly db: Database, private readonly log?: ChangeLog) {}

  replaceFolders(folders: Folder[]): void {
    this.db.transaction(() => {
      const before = this.db.prepare('SELECT id, name, count FROM collection_folders').all() as Folder[];
      this.db.prepare('DELETE FROM collection_folders').run();
      const put = this.db.prepare('INSERT INTO collection_folders (id, name, count) VALUES (?, ?, ?)');
      for (const f of folders) put.run(f.id, f.name, f.count);
      this.#logReplaced('folder', before, folders, (f) => f.id);
    })();
  }

  replaceFields(fields: Field[]): void {
    this.db.transaction(() => {
      const before = (this.db.prepare('SELECT id FROM collection_fields').all() as { id: number }[]).map((r) => ({ id: r.id }));
      this.db.prepare('DELETE FROM collection_fields').run();
      const put = this.db.prepare('INSERT INTO collection_fields (id, name, type, position, public, options, lines) VALUES (?, ?, ?, ?, ?, ?, ?)');
      for (const f of fields) put.run(f.id, f.name, f.type, f.position, f.public ? 1 : 0, f.options ? JSON.stringify(f.options) : null, f.lines ?? null);
      // Field definitions are few: each sync puts them all, so renamed options reach devices.
      this.#logReplaced('field', before, fields, (f) => f.id, true);
    })();
  }

  /** Appends puts for new or changed entities and tombstones for vanished ones. */
  #logReplaced<T>(entity: 'folder' | 'field', before: Array<{ id: number }>, after: T[], id: (x: T) => number, all = false): void {
    if (!this.log) return;
    const old = new Map(before.map((b) => [b.id, JSON.stringify(b)]));
    for (const x of after) if (all || old.get(id(x)) !== JSON.stringify(x)) this.log.put(entity, id(x), x);
    const kept = new Set(after.map(id));
    for (const b of before) if (!kept.has(b.id)) this.log.del(entity, b.id);
  }

  /** Writes instances; returns how many were new or differed from what was stored. */
  putInstances(list: Instance[]): number {
    const get = this.db.prepare<[number], { folder_id: number; rating: number; date_added: string; notes: string }>('SELECT folder_id, rating, date_added, notes FROM collection_instances WHERE instance_id = ?');
    const put = this.db.prepare('INSERT OR REPLACE INTO collection_instances (instance_id, release_id, folder_id, rating, date_added, notes, basic) VALUES (?, ?, ?, ?, ?, ?, ?)');
    let changed = 0;
    this.db.transaction(() => {
      for (const i of list) {
        const notes = JSON.stringify(i.notes);
        const was = get.get(i.instance_id);
        if (was && was.folder_id === i.folder_id && was.rating === i.rating && was.date_added === i.date_added && was.notes === notes) continue;
        put.run(i.instance_id, i.release_id, i.folder_id, i.rating, i.date_added, notes, JSON.stringify(i.basic));
        this.log?.put('instance', i.instance_id, i);
        changed++;
      }
    })();
    return changed;
  }

  /** Deletes instances a complete listing did not contain (removed on Discogs). */
  removeInstancesExcept(seen: Set<number>): number {
    return this.#removeExcept('collection_instances', 'instance_id', seen);
  }

  putWants(list: Want[]): number {
    const get = this.db.prepare<[number], { rating: number; notes: string }>('SELECT rating, notes FROM wants WHERE release_id = ?');
    const put = this.db.prepare('INSERT OR REPLACE INTO wants (release_id, rating, notes, date_added, basic) VALUES (?, ?, ?, ?, ?)');
    let changed = 0;
    this.db.transaction(() => {
      for (const w of list) {
        const was = get.get(w.release_id);
        if (was && was.rating === w.rating && was.notes === w.notes) continue;
        put.run(w.release_id, w.rating, w.notes, w.date_added, JSON.stringify(w.basic));
        this.log?.put('want', w.release_id, w);
        changed++;
      }
    })();
    return changed;
  }

  removeWantsExcept(seen: Set<number>): number {
    return this.#removeExcept('wants', 'release_id', seen);
  }

  #removeExcept(table: 'collection_instances' | 'wants', key: 'instance_id' | 'release_id', seen: Set<number>): number {
    const ids = this.db.prepare<[], { id: number }>(`SELECT ${key} AS id FROM ${table}`).all().map((r) => r.id);
    const gone = ids.filter((id) => !seen.has(id));
    const del = this.db.prepare(`DELETE FROM ${table} WHERE ${key} = ?`);
    const entity = table === 'wants' ? 'want' : 'instance';
    this.db.transaction(() =>
      gone.forEach((id) => {
        del.run(id);
        this.log?.del(entity, id);
      }),
    )();
    return gone.length;
  }

  counts(): { folders: number; fields: number; instances: number; wants: number } {
    const n = (t: string) => (this.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    return { folders: n('collection_folders'), fields: n('collection_fields'), instances: n('collection_instances'), wants: n('wants') };
  }

  instances(): Instance[] {
    return this.db
      .prepare<[], { instance_id: number; release_id: number; folder_id: number; rating: number; date_added: string; notes: string; basic: string }>('SELECT * FROM collection_instances ORDER BY date_added, instance_id')
      .all()
      .map((r) => ({ ...r, notes: JSON.parse(r.notes), basic: JSON.parse(r.basic) }));
  }
}
