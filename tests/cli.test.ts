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

describe('vinylvault service', () => {
  it.each([
    [['service'], 'service: give install, uninstall or status'],
    [['service', 'restart'], 'service: unknown action restart'],
  ])('%j → usage on stderr, exit 2', async (args, message) => {
    const r = await runCli(args);
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining(message)]);
  });

  it('install --print shows the unit it would write, for this environment, and writes nothing', async () => {
    const data = tempDir();
    const r = await runCli(['service', 'install', '--print', '--user', 'pi'], {
      VINYLVAULT_DATA_DIR: data,
      VINYLVAULT_PORT: '8081',
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ExecStart=".*node" ".*\/bin\/vinylvault\.js" serve$/m);
    expect(r.stdout).toContain(
      `Environment="VINYLVAULT_DATA_DIR=${data}"\nEnvironment="VINYLVAULT_PORT=8081"`,
    );
    expect(r.stdout).toContain('User=pi');
    expect(existsSync('/etc/systemd/system/vinylvault.service')).toBe(false);
  });

  // Where this suite runs (a container, as root) systemctl may be installed while systemd is not PID 1.
  it.skipIf(existsSync('/run/systemd/system') || process.getuid?.() !== 0)(
    'install on a machine without systemd says so and writes nothing',
    async () => {
      const r = await runCli(['service', 'install'], { VINYLVAULT_DATA_DIR: tempDir() });
      expect([r.code, r.stderr]).toEqual([
        1,
        'vinylvault: systemd is not running on this machine: run the hub with "npm start", or under the service manager it has\n',
      ]);
      expect(existsSync('/etc/systemd/system/vinylvault.service')).toBe(false);
    },
  );

  it('status says when the hub is not installed as a service', async () => {
    const r = await runCli(['service', 'status']);
    expect([r.code, r.stdout]).toEqual([
      3,
      'Not installed: no /etc/systemd/system/vinylvault.service. "sudo npx vinylvault service install" installs it.\n',
    ]);
  });
});

describe('vinylvault backup and restore', () => {
  it('backs up a running hub, and restores into an empty dir only', async () => {
    const data = join(tempDir(), 'data');
    const hub = await serveHub({ VINYLVAULT_DATA_DIR: data });
    const file = join(tempDir(), 'hub.tar.gz');
    const taken = await runCli(['backup', file], { VINYLVAULT_DATA_DIR: data });
    expect(await hub.stop()).toBe(0);
    expect([taken.code, taken.stderr]).toEqual([0, '']);
    expect(taken.stdout).toMatch(
      new RegExp(
        `^wrote ${file} \\(\\d+ kB: user.sqlite, state.json, secret.key, tls/ca.crt, tls/ca.key\\)\\n$`,
      ),
    );

    const target = join(tempDir(), 'new-card');
    const restored = await runCli(['restore', file], { VINYLVAULT_DATA_DIR: target });
    expect([restored.code, restored.stderr]).toEqual([0, '']);
    expect(restored.stdout).toContain(
      `restored user.sqlite, state.json, secret.key, tls/ca.crt, tls/ca.key from ${file}`,
    );
    expect(readFileSync(join(target, 'tls/ca.crt'), 'utf8')).toBe(
      readFileSync(join(data, 'tls/ca.crt'), 'utf8'),
    );

    const again = await runCli(['restore', file], { VINYLVAULT_DATA_DIR: target });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(
      /^vinylvault: .*new-card is not empty \(it holds .*\): restore into an empty data dir, or add --force/,
    );
  });

  it.each([
    [['restore'], 'restore: give the backup file'],
    [['backup', '--with-dumps'], "Unknown option '--with-dumps'"],
  ])('%j → usage on stderr, exit 2', async (args, message) => {
    const r = await runCli(args, { VINYLVAULT_DATA_DIR: tempDir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('says there is nothing to back up where no hub has run', async () => {
    const dir = tempDir();
    const r = await runCli(['backup'], { VINYLVAULT_DATA_DIR: dir });
    expect([r.code, r.stderr]).toEqual([
      1,
      `vinylvault: ${dir}: nothing to back up (no user.sqlite: the hub has not run here)\n`,
    ]);
  });
});
