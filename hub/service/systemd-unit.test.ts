import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/helpers/temp-dir.ts';
import { loadConfig } from '../config.ts';
import { serviceEnvironment, systemdUnit } from './systemd-unit.ts';

/** The unit `service install` writes for this environment. */
function unitFor(env: Record<string, string>, user = 'pi') {
  const config = loadConfig(env);
  return systemdUnit({
    user,
    node: process.execPath,
    cli: '/home/pi/vinylvault/bin/vinylvault.js',
    workingDirectory: '/home/pi/vinylvault',
    environment: serviceEnvironment(env, config),
  });
}

const hasSystemdAnalyze = spawnSync('systemd-analyze', ['--version']).status === 0;

describe('the systemd unit of `vinylvault service install`', () => {
  it('runs node on the hub directly, as the invoking user, with the settings it was installed with', () => {
    const data = tempDir();
    const unit = unitFor({
      VINYLVAULT_DATA_DIR: data,
      VINYLVAULT_HTTPS_PORT: '443',
      VINYLVAULT_TLS_HOSTNAMES: 'vinyl.home',
      DISCOGS_API_URL: 'http://127.0.0.1:9',
      HOME: '/root',
      PATH: '/usr/bin',
    });
    const lines = unit.split('\n');
    expect(lines).toContain(
      `ExecStart="${process.execPath}" "/home/pi/vinylvault/bin/vinylvault.js" serve`,
    );
    expect(unit).not.toMatch(/\bnpm\b/);
    expect(lines).toContain('User=pi');
    expect(lines.filter((l) => l.startsWith('Environment='))).toEqual([
      'Environment="DISCOGS_API_URL=http://127.0.0.1:9"',
      `Environment="VINYLVAULT_DATA_DIR=${data}"`,
      'Environment="VINYLVAULT_HTTPS_PORT=443"',
      'Environment="VINYLVAULT_TLS_HOSTNAMES=vinyl.home"',
    ]);
    expect(lines).toEqual(
      expect.arrayContaining([
        'Restart=on-failure',
        'WantedBy=multi-user.target',
        'After=network-online.target',
      ]),
    );
  });

  it('writes the data dir and certificate files as absolute paths, and escapes what systemd would read otherwise', () => {
    const cwd = process.cwd();
    const base = tempDir('vv "unit" 100% ');
    const cert = join(base, 'hub.crt');
    writeFileSync(cert, '');
    try {
      process.chdir(base);
      const unit = unitFor(
        {
          VINYLVAULT_DATA_DIR: 'data',
          VINYLVAULT_TLS_CERT: 'hub.crt',
          VINYLVAULT_TLS_KEY: 'hub.key',
        },
        'pi',
      );
      const escapedBase = base.replace(/"/g, '\\"').replace(/%/g, '%%');
      expect(unit).toContain(`Environment="VINYLVAULT_DATA_DIR=${escapedBase}/data"`);
      expect(unit).toContain(`Environment="VINYLVAULT_TLS_CERT=${escapedBase}/hub.crt"`);
    } finally {
      process.chdir(cwd);
    }
  });

  it.skipIf(!hasSystemdAnalyze)(
    'passes systemd-analyze verify, spaces and percent signs included',
    () => {
      const base = tempDir('vv unit 50% ');
      const unitDir = tempDir();
      const file = join(unitDir, 'vinylvault.service');
      writeFileSync(file, unitFor({ VINYLVAULT_DATA_DIR: join(base, 'data') }, 'root'));
      const r = spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8' });
      expect([r.status, r.stderr.trim()]).toEqual([0, '']);
    },
  );
});
