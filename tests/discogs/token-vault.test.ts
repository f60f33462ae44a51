import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TokenVault } from '../../hub/discogs/token-vault.ts';
import { tempDir } from '../helpers/temp-dir.ts';

describe('TokenVault', () => {
  it('seals with AES-256-GCM under a 0600 key file and opens again after a restart', () => {
    const dir = tempDir();
    const sealed = new TokenVault(dir).seal('my-discogs-token');
    expect(sealed).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(sealed).not.toContain('my-discogs-token');
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'secret.key'))).toHaveLength(32);
    expect(new TokenVault(dir).open(sealed)).toBe('my-discogs-token');
  });

  it('uses a fresh IV each time', () => {
    const vault = new TokenVault(tempDir());
    expect(vault.seal('t')).not.toBe(vault.seal('t'));
  });

  it('refuses tampered ciphertext or another key, in words', () => {
    const vault = new TokenVault(tempDir());
    const [v, iv, tag, data] = vault.seal('secret').split(':');
    const flipped = Buffer.from(data!, 'base64');
    flipped[0]! ^= 1;
    expect(() => vault.open([v, iv, tag, flipped.toString('base64')].join(':'))).toThrow(
      'cannot be decrypted with secret.key',
    );
    expect(() => new TokenVault(tempDir()).open(vault.seal('secret'))).toThrow(
      'cannot be decrypted with secret.key',
    );
    expect(() => vault.open('plain-token')).toThrow('not in a form this hub can read');
  });

  it('tightens a loosened key file, and rejects a key of the wrong size', () => {
    const dir = tempDir();
    new TokenVault(dir);
    chmodSync(join(dir, 'secret.key'), 0o644);
    new TokenVault(dir);
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    writeFileSync(join(dir, 'secret.key'), 'short');
    expect(() => new TokenVault(dir)).toThrow(/secret\.key: expected a 32-byte key, found 5 bytes/);
  });
});
