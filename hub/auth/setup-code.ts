import { randomInt, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Typed on a phone or read off a terminal: no 0/O, 1/I/L.
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** Eight letters and digits from CODE_ALPHABET as `ABCD-EFGH`: pairing and setup codes. */
export function newCode(): string {
  const raw = Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join(
    '',
  );
  return `${raw.slice(0, 4)}-${raw.slice(4)}`;
}

/** Codes are compared without case, dashes or spaces, as people type them. */
export function normalizeCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/**
 * The one-time code that setting the first admin password needs (design.md, Security), so that
 * whoever reaches a new hub first on the LAN, or a page of another site, cannot claim it. The hub
 * prints it at start and keeps it in `setup-code.txt` (0600) until it is used: only someone who
 * can read the hub's terminal or data dir has it. It stays the same across restarts.
 */
export class SetupCode {
  readonly #file: string;

  constructor(dataDir: string) {
    this.#file = join(dataDir, 'setup-code.txt');
  }

  get file(): string {
    return this.#file;
  }

  /** The code, made on first call; null once used. */
  current(): string | null {
    return existsSync(this.#file) ? readFileSync(this.#file, 'utf8').trim() : null;
  }

  ensure(): string {
    const existing = this.current();
    if (existing) return existing;
    const code = newCode();
    writeFileSync(this.#file, `${code}\n`, { mode: 0o600 });
    chmodSync(this.#file, 0o600);
    return code;
  }

  matches(code: string): boolean {
    const expected = Buffer.from(normalizeCode(this.current() ?? ''));
    const given = Buffer.from(normalizeCode(code));
    return (
      expected.length > 0 && given.length === expected.length && timingSafeEqual(given, expected)
    );
  }

  consume(): void {
    rmSync(this.#file, { force: true });
  }
}
