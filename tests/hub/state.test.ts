import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openState, StateError } from '../../hub/state/store.ts';
import { tempDir } from '../helpers/temp-dir.ts';

describe('hub state (lowdb)', () => {
  it('creates state.json with defaults on first start', async () => {
    const file = join(tempDir(), 'state.json');
    const state = await openState(file);
    expect(state.data.settings).toEqual({
      catalogScope: 'full',
      dumpSchedule: { enabled: true, cron: '0 2 * * *' },
      dumpRetentionMonths: 0,
      dumpPreserveFiles: false,
      syncSchedule: { enabled: true, cron: '0 3 * * *' },
      backupSchedule: { enabled: true, cron: '30 4 * * *' },
      backupKeep: 7,
      discogs: null,
    });
    expect(state.data.accountSyncRunning).toBeNull();
    expect(state.data.dumpRuns).toEqual([]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(state.data);
  });

  it('keeps what was written across a reopen, leaving no temporary files', async () => {
    const dir = tempDir();
    const file = join(dir, 'state.json');
    const state = await openState(file);
    state.data.settings.dumpRetentionMonths = 2;
    await state.write();
    expect((await openState(file)).data.settings.dumpRetentionMonths).toBe(2);
    // No temporary file; the version before the last write is kept as state.json.bak.
    expect(readdirSync(dir).sort()).toEqual(['state.json', 'state.json.bak']);
  });

  it('is readable by the hub’s user only: it holds the password hash and the sealed Discogs token', async () => {
    const file = join(tempDir(), 'state.json');
    const state = await openState(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    chmodSync(file, 0o644); // as an older hub left it
    await state.write();
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('fills in settings an older file lacks', async () => {
    const file = join(tempDir(), 'state.json');
    writeFileSync(
      file,
      JSON.stringify({ version: 1, settings: { catalogScope: 'collection' }, auth: {} }),
    );
    const state = await openState(file);
    expect(state.data.settings.catalogScope).toBe('collection');
    expect(state.data.settings.dumpSchedule.cron).toBe('0 2 * * *');
  });

  it('counts a hub set up before the first-run wizard existed as set up, and a new one as not', async () => {
    const older = join(tempDir(), 'state.json');
    writeFileSync(
      older,
      JSON.stringify({ version: 1, settings: {}, auth: { admin_password: 'scrypt$x$y' } }),
    );
    expect((await openState(older)).data.setup.finishedAt).toEqual(expect.any(String));
    const fresh = join(tempDir(), 'state.json');
    expect((await openState(fresh)).data.setup.finishedAt).toBeNull();
    // Once written by this version, a hub mid-wizard stays mid-wizard after the password is set.
    const state = await openState(fresh);
    state.data.auth.admin_password = 'scrypt$x$y';
    await state.write();
    expect((await openState(fresh)).data.setup.finishedAt).toBeNull();
  });

  it('refuses a file that is not JSON and does not overwrite it', async () => {
    const file = join(tempDir(), 'state.json');
    writeFileSync(file, '{"settings": ');
    await expect(openState(file)).rejects.toThrow(StateError);
    await expect(openState(file)).rejects.toThrow(`${file}: not valid JSON`);
    expect(readFileSync(file, 'utf8')).toBe('{"settings": ');
  });

  it('refuses an invalid setting, naming the field', async () => {
    const file = join(tempDir(), 'state.json');
    writeFileSync(
      file,
      JSON.stringify({ version: 1, auth: {}, settings: { catalogScope: 'everything' } }),
    );
    await expect(openState(file)).rejects.toThrow(
      new RegExp(`^${file}: settings\\.catalogScope: `),
    );
  });

  it('stops at a damaged file ({}, null, no auth), leaves it as it is and names the previous good version', async () => {
    const dir = tempDir();
    const file = join(dir, 'state.json');
    const state = await openState(file);
    state.data.auth.admin_password = 'scrypt$x$y';
    await state.write(); // the file before this write is kept as state.json.bak
    const good = readFileSync(file, 'utf8');
    for (const damaged of ['{}', 'null', JSON.stringify({ version: 1, settings: {} }), '[]']) {
      writeFileSync(file, damaged);
      await expect(openState(file)).rejects.toBeInstanceOf(StateError);
      const message = await openState(file).catch((err: Error) => err.message);
      expect(message).toMatch(
        new RegExp(
          `^${file}: (holds .*, not the hub's state|no (version, settings or auth|auth) section); the hub stops rather than start without its devices, password and settings: the previous good version is ${file}\\.bak: check it and copy it over ${file}$`,
        ),
      );
      expect(readFileSync(file, 'utf8')).toBe(damaged);
    }
    // Going back is what the line says: the .bak is a whole state.
    writeFileSync(file, readFileSync(`${file}.bak`));
    expect((await openState(file)).data.auth.admin_password).toBeNull();
    expect(good).toContain('scrypt$x$y');
    expect(statSync(`${file}.bak`).mode & 0o777).toBe(0o600);
  });
});
