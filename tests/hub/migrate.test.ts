import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, MigrationError, schemaVersion } from '../../hub/db/migrate.ts';
import { migrations } from '../../hub/db/migrations/index.ts';
import { openHubDatabase } from '../../hub/db/open.ts';
import { tempDir } from '../helpers/temp-dir.ts';

/** Every table, index and trigger definition, to compare two files' schemas. */
function schemaOf(db: Database.Database): string[] {
  return (
    db
      .prepare(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all() as { type: string; name: string; sql: string | null }[]
  ).map((r) => `${r.type} ${r.name}: ${r.sql ?? ''}`);
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
      const dir = tempDir();
      const old = new Database(join(dir, 'old.sqlite'));
      migrate(old, 'old.sqlite', migrations, from);
      expect(schemaVersion(old)).toBe(from);
      old.close();

      const upgraded = openHubDatabase(join(dir, 'old.sqlite'));
      const fresh = openHubDatabase(join(dir, 'fresh.sqlite'));
      expect(schemaVersion(upgraded)).toBe(latest);
      expect(schemaOf(upgraded)).toEqual(schemaOf(fresh));
      upgraded.close();
      fresh.close();
    },
  );

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
