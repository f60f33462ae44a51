import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../hub/config.ts';
import { tempDir } from '../helpers/temp-dir.ts';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const dir = tempDir();
    const config = loadConfig({ VINYLVAULT_DATA_DIR: dir });
    expect(config.port).toBe(8080);
    expect(config.httpsPort).toBe(8443);
    expect([config.tlsHostnames, config.ownCertificate, config.trustProxy]).toEqual([
      [],
      null,
      false,
    ]);
    expect(config.dataDir).toBe(dir);
    expect(config.discogsApiUrl).toBe('https://api.discogs.com');
    expect(config.dumpsUrl).toBe('https://data.discogs.com');
  });

  it('creates a data directory that does not exist yet, for the hub’s user only', () => {
    const dir = join(tempDir(), 'nested', 'data');
    expect(loadConfig({ VINYLVAULT_DATA_DIR: dir }).dataDir).toBe(dir);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('reads the HTTPS settings, and refuses a certificate without its key and bad names', () => {
    const dir = tempDir();
    const config = loadConfig({
      VINYLVAULT_DATA_DIR: dir,
      VINYLVAULT_HTTPS_PORT: '9443',
      VINYLVAULT_TLS_HOSTNAMES: 'Vinyl.Home, pi.lan',
      VINYLVAULT_TRUST_PROXY: '1',
    });
    expect([config.httpsPort, config.tlsHostnames, config.trustProxy]).toEqual([
      9443,
      ['vinyl.home', 'pi.lan'],
      true,
    ]);
    expect(() =>
      loadConfig({ VINYLVAULT_DATA_DIR: dir, VINYLVAULT_TLS_CERT: '/etc/cert.pem' }),
    ).toThrow(
      new ConfigError(
        'VINYLVAULT_TLS_KEY: set both VINYLVAULT_TLS_CERT and VINYLVAULT_TLS_KEY, or neither',
      ),
    );
    expect(() =>
      loadConfig({ VINYLVAULT_DATA_DIR: dir, VINYLVAULT_TLS_HOSTNAMES: 'http://pi' }),
    ).toThrow(/^VINYLVAULT_TLS_HOSTNAMES: expected host names separated by commas/);
    expect(() => loadConfig({ VINYLVAULT_DATA_DIR: dir, VINYLVAULT_TRUST_PROXY: 'yes' })).toThrow(
      /^VINYLVAULT_TRUST_PROXY: /,
    );
  });

  it.each(['abc', '-1', '70000', '80.5'])('rejects port %s naming the variable', (port) => {
    expect(() => loadConfig({ VINYLVAULT_DATA_DIR: tempDir(), VINYLVAULT_PORT: port })).toThrow(
      new ConfigError(
        `VINYLVAULT_PORT: expected a port number from 0 to 65535 (got ${JSON.stringify(port)})`,
      ),
    );
  });

  it('rejects a Discogs URL that is not a URL', () => {
    expect(() =>
      loadConfig({ VINYLVAULT_DATA_DIR: tempDir(), DISCOGS_API_URL: 'not a url' }),
    ).toThrow(/^DISCOGS_API_URL: /);
  });

  // Runs as root here and in CI, where permission bits do not stop writes; a file in the
  // directory's place is the unwritable case that holds for every user.
  it('rejects a data directory that is a file', () => {
    const file = join(tempDir(), 'file');
    writeFileSync(file, '');
    expect(() => loadConfig({ VINYLVAULT_DATA_DIR: file })).toThrow(
      /VINYLVAULT_DATA_DIR: .* is not a writable directory \(EEXIST\)/,
    );
  });
});
