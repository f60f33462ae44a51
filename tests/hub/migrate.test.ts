import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, MigrationError, schemaVersion } from '../../hub/db/migrate.ts';
import { migrations } from '../../hub/db/migrations/index.ts';
import { openHubDatabase } from '../../hub/db/open.ts';
import { tempDir } from '../helpers/temp-dir.ts';

/** Every table, index and trigger definition of both files, to compare two hubs' schemas. */
function schemaOf(db: Database.Database): string[] {
  return ['main', 'user'].flatMap((schema) =>
    (
      db
        .prepare(
          `SELECT type, name, sql FROM ${schema}.sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name`,
        )
        .all() as { type: string; name: string; sql: string | null }[]
    ).map((r) => `${schema} ${r.type} ${r.name}: ${r.sql ?? ''}`),
  );
}

describe('catalog migrations', () => {
  const latest = migrations.at(-1)!.version;

  it('numbers migrations 1, 2, 3… without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('brings an empty file to the latest version in WAL mode and records each step', () => {
    const file = join(tempDir(), 'catalog.sqlite');
    const db = openHubDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(schemaVersion(db)).toBe(latest);
    const recorded = db
      .prepare('SELECT version, name FROM schema_migrations ORDER BY version')
      .all();
    expect(recorded).toEqual(migrations.map((m) => ({ version: m.version, name: m.name })));
    db.close();
  });

  it.each(migrations.map((m) => m.version).slice(0, -1))(
    'upgrades a file left at version %i to the same schema as a new one',
    (from) => {
      const old = join(tempDir(), 'catalog.sqlite');
      const before = new Database(old);
      migrate(before, old, migrations, from);
      expect(schemaVersion(before)).toBe(from);
      before.close();

      const upgraded = openHubDatabase(old);
      const fresh = openHubDatabase(join(tempDir(), 'catalog.sqlite'));
      expect(schemaVersion(upgraded)).toBe(latest);
      expect(schemaOf(upgraded)).toEqual(schemaOf(fresh));
      upgraded.close();
      fresh.close();
    },
  );

  it('moves the user data of a catalog.sqlite from before the split into user.sqlite, keeping the change-log sequence', () => {
    const dir = tempDir();
    const file = join(dir, 'catalog.sqlite');
    const old = new Database(file);
    migrate(old, file, migrations, 7);
    old.exec(`
      INSERT INTO collection_instances VALUES (7, 42, 1, 4, '2020-01-01', '{}', '{}');
      INSERT INTO change_log (entity, entity_id, op, value, at) VALUES ('instance', '7', 'put', '{}', 'now');
      DELETE FROM change_log;
      INSERT INTO writeback_queue (created_at, edit, mutation_id) VALUES ('now', '{}', 'm-1');
      INSERT INTO releases VALUES (42, '{}', x'00', NULL, 0);
    `);
    old.close();

    const db = openHubDatabase(file);
    expect(db.prepare('SELECT instance_id, rating FROM user.collection_instances').all()).toEqual([
      { instance_id: 7, rating: 4 },
    ]);
    expect(db.prepare('SELECT mutation_id FROM user.writeback_queue').pluck().all()).toEqual([
      'm-1',
    ]);
    db.prepare(
      "INSERT INTO change_log (entity, entity_id, op, at) VALUES ('want', '1', 'del', 'now')",
    ).run();
    expect(db.prepare('SELECT max(seq) FROM change_log').pluck().get()).toBe(2);
    expect(
      db
        .prepare("SELECT count(*) FROM main.sqlite_master WHERE name = 'collection_instances'")
        .pluck()
        .get(),
    ).toBe(0);
    expect(db.prepare('SELECT count(*) FROM main.releases').pluck().get()).toBe(1);
    db.close();
  });

  it('keeps user.sqlite when the catalog is deleted to be rebuilt', () => {
    const file = join(tempDir(), 'catalog.sqlite');
    let db = openHubDatabase(file);
    db.exec("INSERT INTO plays VALUES ('p1', 7, 42, 'now', 'd1', 'phone')");
    db.close();
    rmSync(file);
    db = openHubDatabase(file);
    expect(db.prepare('SELECT id FROM plays').pluck().all()).toEqual(['p1']);
    db.close();
  });

  it('is a no-op on a file already at the latest version', () => {
    const file = join(tempDir(), 'catalog.sqlite');
    openHubDatabase(file).close();
    const db = openHubDatabase(file);
    expect(db.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: latest });
    db.close();
  });

  it('refuses a file from a newer VinylVault and leaves it untouched', () => {
    const file = join(tempDir(), 'catalog.sqlite');
    openHubDatabase(file).close();
    const db = new Database(file);
    db.prepare("INSERT INTO schema_migrations VALUES (?, 'from the future', 'x')").run(latest + 1);
    db.close();
    expect(() => openHubDatabase(file)).toThrow(
      new MigrationError(
        `${file}: schema version ${latest + 1} is newer than this VinylVault knows (${latest}); upgrade VinylVault`,
      ),
    );
  });

  it('rolls back a failing migration, names it, and keeps the earlier ones', () => {
    const file = join(tempDir(), 'catalog.sqlite');
    const db = new Database(file);
    const broken = [
      ...migrations,
      { version: latest + 1, name: 'broken', up: 'CREATE TABLE ok (x); CREATE TABLE releases (x)' },
    ];
    expect(() => migrate(db, file, broken)).toThrow(
      /migration \d+ \(broken\) failed: table releases already exists/,
    );
    expect(schemaVersion(db)).toBe(latest);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'ok'").get()).toEqual({
      n: 0,
    });
    db.close();
  });
});
