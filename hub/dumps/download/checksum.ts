import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { UserError } from '../../errors.ts';

export class ChecksumError extends UserError {}

/**
 * `discogs_YYYYMMDD_CHECKSUM.txt`: one `<64 hex><space><file name>` line per file (sha256sum's
 * format, so a `*` before the name or two spaces are accepted too). Returns name → hash.
 */
export function parseChecksums(text: string, source: string): Record<string, string> {
  const sums: Record<string, string> = {};
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const m = /^([0-9a-fA-F]{64}) [ *]?(\S.*)$/.exec(line.trim());
    if (!m)
      throw new ChecksumError(
        `${source} line ${i + 1}: expected "<64 hex digits> <file name>", got ${JSON.stringify(line.slice(0, 80))}`,
      );
    sums[m[2]!] = m[1]!.toLowerCase();
  });
  return sums;
}

/** SHA-256 of a file on disk, in hex. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
