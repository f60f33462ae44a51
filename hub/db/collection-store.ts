import type { Database } from 'better-sqlite3';
import type { Field, Folder, Instance, Want } from '../../shared/collection.ts';

/** The collection tables (migration 003). Each listing step replaces what it fully read. */
export class CollectionStore {
  constructor(private readonly db: Database) {}

  replaceFolders(folders: Folder[]): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM collection_folders').run();
      const put = this.db.prepare('INSERT INTO collection_folders (id, name, count) VALUES (?, ?, ?)');
      for (const f of folders) put.run(f.id, f.name, f.count);
    })();
  }

  replaceFields(fields: Field[]): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM collection_fields').run();
      const put = this.db.prepare('INSERT INTO collection_fields (id, name, type, position, public, options, lines) VALUES (?, ?, ?, ?, ?, ?, ?)');
      for (const f of fields) put.run(f.id, f.name, f.type, f.position, f.public ? 1 : 0, f.options ? JSON.stringify(f.options) : null, f.lines ?? null);
    })();
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
    this.db.transaction(() => gone.forEach((id) => del.run(id)))();
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
