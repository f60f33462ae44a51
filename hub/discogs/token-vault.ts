import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors.ts';

export class VaultError extends UserError {}

/**
 * Keeps the Discogs token encrypted at rest (AES-256-GCM) under a random key in
 * `<data dir>/secret.key`, readable by the hub's user only (mode 0600). The state file then
 * holds only `v1:<iv>:<tag>:<ciphertext>`, so a copied state.json or backup does not leak it.
 */
export class TokenVault {
  readonly #key: Buffer;

  constructor(dataDir: string) {
    const file = join(dataDir, 'secret.key');
    if (!existsSync(file)) writeFileSync(file, randomBytes(32), { mode: 0o600, flag: 'wx' });
    // Tighten a key file someone loosened by hand; the hub's user owns it.
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    this.#key = readFileSync(file);
    if (this.#key.length !== 32)
      throw new VaultError(`${file}: expected a 32-byte key, found ${this.#key.length} bytes`);
  }

  seal(secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return [
      'v1',
      iv.toString('base64'),
      cipher.getAuthTag().toString('base64'),
      data.toString('base64'),
    ].join(':');
  }

  open(sealed: string): string {
    const [version, iv, tag, data] = sealed.split(':');
    if (version !== 'v1' || !iv || !tag || data === undefined)
      throw new VaultError(
        'the stored Discogs token is not in a form this hub can read; log in again',
      );
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([
        decipher.update(Buffer.from(data, 'base64')),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new VaultError(
        'the stored Discogs token cannot be decrypted with secret.key (was the key replaced?); log in again',
      );
    }
  }
}
