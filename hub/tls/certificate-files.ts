import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** A certificate and its private key, both PEM, as Node's TLS server takes them. */
export interface PemPair {
  cert: string;
  key: string;
}

/** Reads a PEM pair if both files exist. */
export function readPemPair(certFile: string, keyFile: string): PemPair | null {
  if (!existsSync(certFile) || !existsSync(keyFile)) return null;
  return { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') };
}

/**
 * Writes a PEM pair, key first and mode 0600 (it is never served and no other user of the Pi
 * may read it); each file through a temp file and a rename, so a power cut leaves a whole file.
 */
export function writePemPair(certFile: string, keyFile: string, pair: PemPair): void {
  mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 });
  for (const [file, text, mode] of [
    [keyFile, pair.key, 0o600],
    [certFile, pair.cert, 0o644],
  ] as const) {
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, text, { mode });
    chmodSync(tmp, mode);
    renameSync(tmp, file);
  }
}
