import type { Database, Statement } from 'better-sqlite3';
import type { Field, Folder, Instance, Want } from '../../shared/collection.ts';
import type { Play } from '../../shared/mutations.ts';
import type { ChangeLog } from '../device-sync/change-log.ts';

/** SQL for the ids of every release in the collection or the wantlist, for use as a subquery. */
export const COLLECTED_RELEASE_IDS =
  'SELECT release_id FROM collection_instances UNION SELECT release_id FROM wants';

type InstanceRow = Omit<Instance, 'notes' | 'basic'> & { notes: string; basic: string };
const rowToInstance = (r: InstanceRow): Instance => ({
  ...r,
  notes: JSON.parse(r.notes) as Instance['notes'],
  basic: JSON.parse(r.basic) as Instance['basic'],
});

/**
 * The collection tables (migration 003). Each listing step replaces what it fully read, and
 * every change is appended to the delta-sync log in the same transaction, so devices see it.
 */
export class CollectionStore {
  constructor(
    private readonly db: Database,
    private readonly log?: ChangeLog,
  ) {}

  replaceFolders(folders: Folder[]): void {
    this.db.transaction(() => {
      const before = this.db
        .prepare('SELECT id, name, count FROM collection_folders')
        .all() as Folder[];
      this.db.prepare('DELETE FROM collection_folders').run();
      const put = this.db.prepare(
        'INSERT INTO collection_folders (id, name, count) VALUES (?, ?, ?)',
      );
      for (const f of folders) put.run(f.id, f.name, f.count);
      this.#logReplaced('folder', before, folders, (f) => f.id);
    })();
  }

  replaceFields(fields: Field[]): void {
    this.db.transaction(() => {
      const before = (
        this.db.prepare('SELECT id FROM collection_fields').all() as { id: number }[]
      ).map((r) => ({ id: r.id }));
      this.db.prepare('DELETE FROM collection_fields').run();
      const put = this.db.prepare(
        'INSERT INTO collection_fields (id, name, type, position, public, options, lines) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      for (const f of fields)
        put.run(
          f.id,
          f.name,
          f.type,
          f.position,
          f.public ? 1 : 0,
          f.options ? JSON.stringify(f.options) : null,
          f.lines ?? null,
        );
      // Field definitions are few: each sync puts them all, so renamed options reach devices.
      this.#logReplaced('field', before, fields, (f) => f.id, true);
    })();
  }

  /** Appends puts for new or changed entities and tombstones for vanished ones. */
  #logReplaced<T>(
    entity: 'folder' | 'field',
    before: Array<{ id: number }>,
    after: T[],
    id: (x: T) => number,
    all = false,
  ): void {
    if (!this.log) return;
    const old = new Map(before.map((b) => [b.id, JSON.stringify(b)]));
    for (const x of after)
      if (all || old.get(id(x)) !== JSON.stringify(x)) this.log.put(entity, id(x), x);
    const kept = new Set(after.map(id));
    for (const b of before) if (!kept.has(b.id)) this.log.del(entity, b.id);
  }

  /**
   * Instances (or wants, by release) with edits still on their way to Discogs, or sent to it
   * since `since` (when a listing began): they keep the hub's version, since the listing
   * predates those edits and writing it would undo them on every device until the next one.
   */
  #held(key: 'instance_id' | 'release_id', since = '9'): Set<number> {
    // Instance edits carry a release id too: for wants, only want edits count.
    const wants =
      key === 'release_id' ? "json_extract(edit, '$.type') IN ('want', 'unwant') AND " : '';
    return new Set(
      this.db
        .prepare<[string], number>(
          `SELECT json_extract(edit, '$.${key}') FROM writeback_queue WHERE ${wants}(status = 'pending' OR finished_at >= ?)`,
        )
        .pluck()
        .all(since),
    );
  }

  readonly #instanceWrites = new Map<string, Statement>();

  /** Writes one instance's row (statements kept: a listing writes thousands); the caller logs it. */
  #storeInstance(i: Instance, verb: 'INSERT' | 'INSERT OR REPLACE'): void {
    let write = this.#instanceWrites.get(verb);
    if (!write)
      this.#instanceWrites.set(
        verb,
        (write = this.db.prepare(
          `${verb} INTO collection_instances (instance_id, release_id, folder_id, rating, date_added, notes, basic) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )),
      );
    write.run(
      i.instance_id,
      i.release_id,
      i.folder_id,
      i.rating,
      i.date_added,
      JSON.stringify(i.notes),
      JSON.stringify(i.basic),
    );
  }

  /**
   * Writes instances from a listing that began at `since`; returns how many were new or
   * differed from what was stored.
   */
  putInstances(list: Instance[], since?: string): number {
    const get = this.db.prepare<
      [number],
      { folder_id: number; rating: number; date_added: string; notes: string }
    >(
      'SELECT folder_id, rating, date_added, notes FROM collection_instances WHERE instance_id = ?',
    );
    const held = this.#held('instance_id', since);
    let changed = 0;
    this.db.transaction(() => {
      for (const i of list) {
        if (held.has(i.instance_id)) continue;
        const notes = JSON.stringify(i.notes);
        const was = get.get(i.instance_id);
        if (
          was &&
          was.folder_id === i.folder_id &&
          was.rating === i.rating &&
          was.date_added === i.date_added &&
          was.notes === notes
        )
          continue;
        this.#storeInstance(i, 'INSERT OR REPLACE');
        this.log?.put('instance', i.instance_id, i);
        changed++;
      }
    })();
    return changed;
  }

  /**
   * Deletes instances a complete listing begun at `since` did not contain (removed on Discogs),
   * keeping records added on devices that Discogs has not had yet.
   */
  removeInstancesExcept(seen: Set<number>, since?: string): number {
    const keep = this.#held('instance_id', since);
    return this.#removeExcept(
      'collection_instances',
      'instance_id',
      (id) => seen.has(id) || id < 0 || keep.has(id),
    );
  }

  putWants(list: Want[], since?: string): number {
    const held = this.#held('release_id', since);
    const get = this.db.prepare<[number], { rating: number; notes: string }>(
      'SELECT rating, notes FROM wants WHERE release_id = ?',
    );
    let changed = 0;
    this.db.transaction(() => {
      for (const w of list) {
        if (held.has(w.release_id)) continue;
        const was = get.get(w.release_id);
        if (was && was.rating === w.rating && was.notes === w.notes) continue;
        this.putWant(w);
        changed++;
      }
    })();
    return changed;
  }

  removeWantsExcept(seen: Set<number>, since?: string): number {
    const keep = this.#held('release_id', since);
    return this.#removeExcept('wants', 'release_id', (id) => seen.has(id) || keep.has(id));
  }

  #removeExcept(
    table: 'collection_instances' | 'wants',
    key: 'instance_id' | 'release_id',
    kept: (id: number) => boolean,
  ): number {
    const ids = this.db
      .prepare<[], { id: number }>(`SELECT ${key} AS id FROM ${table}`)
      .all()
      .map((r) => r.id);
    const gone = ids.filter((id) => !kept(id));
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

  /** Stores a record added on a device, counted in its folder and in "All". Caller holds the transaction. */
  addInstance(inst: Instance): void {
    this.#storeInstance(inst, 'INSERT');
    this.log?.put('instance', inst.instance_id, inst);
    this.#count(inst.folder_id, +1);
    this.#count(0, +1);
  }

  /**
   * Discogs gave an added record its instance id: the record, and its plays, move to it, and
   * the provisional id is kept as an alias for edits still on their way from devices.
   */
  confirmInstance(provisionalId: number, instanceId: number, at: string): void {
    this.db.transaction(() => {
      const inst = this.instance(provisionalId);
      this.db
        .prepare(
          'INSERT OR REPLACE INTO instance_aliases (provisional_id, instance_id, confirmed_at) VALUES (?, ?, ?)',
        )
        .run(provisionalId, instanceId, at);
      if (!inst) return;
      this.db
        .prepare('UPDATE collection_instances SET instance_id = ? WHERE instance_id = ?')
        .run(instanceId, provisionalId);
      this.db
        .prepare('UPDATE plays SET instance_id = ? WHERE instance_id = ?')
        .run(instanceId, provisionalId);
      this.log?.del('instance', provisionalId);
      this.log?.put('instance', instanceId, { ...inst, instance_id: instanceId });
      const plays = this.db
        .prepare<[number], Play>('SELECT * FROM plays WHERE instance_id = ?')
        .all(instanceId);
      for (const p of plays) this.log?.put('play', p.id, p);
    })();
  }

  /** The instance id an edit means: Discogs' own for a provisional id it has confirmed. */
  resolveInstanceId(id: number): number {
    if (id > 0) return id;
    return (
      this.db
        .prepare<[number], number>(
          'SELECT instance_id FROM instance_aliases WHERE provisional_id = ?',
        )
        .pluck()
        .get(id) ?? id
    );
  }

  want(releaseId: number): Want | undefined {
    const r = this.db
      .prepare<[number], Omit<Want, 'basic'> & { basic: string }>(
        'SELECT release_id, rating, notes, date_added, basic FROM wants WHERE release_id = ?',
      )
      .get(releaseId);
    return r && { ...r, basic: JSON.parse(r.basic) as Want['basic'] };
  }

  /** Writes one want and logs it, e.g. one a person made on a device. Caller holds the transaction. */
  putWant(w: Want): void {
    this.db
      .prepare(
        'INSERT OR REPLACE INTO wants (release_id, rating, notes, date_added, basic) VALUES (?, ?, ?, ?, ?)',
      )
      .run(w.release_id, w.rating, w.notes, w.date_added, JSON.stringify(w.basic));
    this.log?.put('want', w.release_id, w);
  }

  removeWant(releaseId: number): void {
    this.db.prepare('DELETE FROM wants WHERE release_id = ?').run(releaseId);
    this.log?.del('want', releaseId);
  }

  instance(id: number): Instance | undefined {
    const r = this.db
      .prepare<[number], InstanceRow>('SELECT * FROM collection_instances WHERE instance_id = ?')
      .get(id);
    return r && rowToInstance(r);
  }

  /** Folder names by id, and the notes fields in their Discogs order (for the export's columns). */
  names(): { folders: Map<number, string>; fields: Array<{ id: number; name: string }> } {
    const folders = this.db
      .prepare<[], { id: number; name: string }>('SELECT id, name FROM collection_folders')
      .all();
    const fields = this.db
      .prepare<[], { id: number; name: string }>(
        'SELECT id, name FROM collection_fields ORDER BY position',
      )
      .all();
    return { folders: new Map(folders.map((f) => [f.id, f.name])), fields };
  }

  folder(id: number): Folder | undefined {
    return this.db
      .prepare<[number], Folder>('SELECT id, name, count FROM collection_folders WHERE id = ?')
      .get(id);
  }

  field(id: number): Field | undefined {
    const r = this.db
      .prepare<
        [number],
        {
          id: number;
          name: string;
          type: string;
          position: number;
          public: number;
          options: string | null;
          lines: number | null;
        }
      >('SELECT * FROM collection_fields WHERE id = ?')
      .get(id);
    return (
      r && {
        ...r,
        public: r.public === 1,
        options: r.options ? (JSON.parse(r.options) as string[]) : undefined,
        lines: r.lines ?? undefined,
      }
    );
  }

  /**
   * Stores a person's edit of an instance (or its removal, for null) and logs it, keeping the
   * folder counts right as Discogs would. The caller holds the transaction.
   */
  editInstance(before: Instance, after: Instance | null): void {
    if (after) {
      this.db
        .prepare(
          'UPDATE collection_instances SET folder_id = ?, rating = ?, notes = ? WHERE instance_id = ?',
        )
        .run(after.folder_id, after.rating, JSON.stringify(after.notes), after.instance_id);
      this.log?.put('instance', after.instance_id, after);
    } else {
      this.db
        .prepare('DELETE FROM collection_instances WHERE instance_id = ?')
        .run(before.instance_id);
      this.log?.del('instance', before.instance_id);
    }
    if (after?.folder_id === before.folder_id) return;
    // Folder 0 is Discogs' "All": it counts every instance in any folder.
    this.#count(before.folder_id, -1);
    if (after) this.#count(after.folder_id, +1);
    else this.#count(0, -1);
  }

  #count(folderId: number, delta: number): void {
    const f = this.folder(folderId);
    if (!f) return;
    const next = { ...f, count: Math.max(0, f.count + delta) };
    this.db.prepare('UPDATE collection_folders SET count = ? WHERE id = ?').run(next.count, f.id);
    this.log?.put('folder', f.id, next);
  }

  /** A hub setting devices show (entity `setting`), e.g. the collection's value. */
  announceSetting(key: string, value: unknown): void {
    this.log?.put('setting', key, { key, value });
  }

  counts(): { folders: number; fields: number; instances: number; wants: number } {
    const n = (t: string) =>
      (this.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    return {
      folders: n('collection_folders'),
      fields: n('collection_fields'),
      instances: n('collection_instances'),
      wants: n('wants'),
    };
  }

  instances(): Instance[] {
    return this.db
      .prepare<[], InstanceRow>(
        'SELECT * FROM collection_instances ORDER BY date_added, instance_id',
      )
      .all()
      .map(rowToInstance);
  }
}
