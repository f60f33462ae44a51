import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, serveHub } from './helpers/cli.ts';
import { tempDir } from './helpers/temp-dir.ts';

describe('vinylvault CLI', () => {
  it('--help prints usage on stdout and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: vinylvault <command>/);
    expect(r.stdout).toContain('serve');
  });

  it.each([
    [['frobnicate'], 'unknown command: frobnicate'],
    [['serve', '--verbose'], "Unknown option '--verbose'"],
    [[], 'Usage:'],
  ])('%j → usage on stderr, exit 2', async (args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('Usage: vinylvault <command>');
    expect(r.stdout).toBe('');
  });

  it('stops with one clear line when the port is not a number', async () => {
    const r = await runCli(['serve'], {
      VINYLVAULT_DATA_DIR: tempDir(),
      VINYLVAULT_PORT: 'eighty',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'vinylvault: VINYLVAULT_PORT: expected a port number from 0 to 65535 (got "eighty")\n',
    );
  });

  it('a port already in use: one line naming it, exit 1', async () => {
    const first = await serveHub({ VINYLVAULT_DATA_DIR: tempDir() });
    const second = await runCli(['serve'], {
      VINYLVAULT_DATA_DIR: tempDir(),
      VINYLVAULT_PORT: String(first.port),
      VINYLVAULT_HOST: '127.0.0.1',
    });
    expect(second.code).toBe(1);
    expect(second.stderr).toBe(
      `vinylvault: VINYLVAULT_PORT: port ${first.port} is already in use\n`,
    );
    expect(await first.stop()).toBe(0);
  });

  it('serve answers health, and SIGTERM closes SQLite and lowdb and exits 0', async () => {
    const data = tempDir();
    const hub = await serveHub({ VINYLVAULT_DATA_DIR: data });
    const health = await (await fetch(`${hub.url}/api/health`)).json();
    expect(health).toMatchObject({ ok: true });
    expect(existsSync(join(data, 'catalog.sqlite-wal'))).toBe(true);

    expect(await hub.stop()).toBe(0);
    // A clean close checkpoints the WAL into the main file and removes it.
    expect(existsSync(join(data, 'catalog.sqlite-wal'))).toBe(false);
    expect(JSON.parse(readFileSync(join(data, 'state.json'), 'utf8'))).toMatchObject({
      version: 1,
    });
    const db = new Database(join(data, 'catalog.sqlite'), { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toMatchObject({
      n: expect.any(Number),
    });
    db.close();
    expect(hub.log()).toContain('hub stopped');
  });
});
