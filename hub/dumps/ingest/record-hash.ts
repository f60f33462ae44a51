import { createHash } from 'node:crypto';

/**
 * Bump when the document builders change what they produce, so the next ingest rewrites every
 * record instead of trusting hashes of text it would now read differently.
 */
export const BUILDER_VERSION = 1;

const salt = Buffer.from(`vinylvault-catalog-v${BUILDER_VERSION}\n`);

/** The content hash kept per record, in hex: of its dump text when it had a line of its own, else of its document. */
export function recordHash(content: Uint8Array | string): string {
  return createHash('md5').update(salt).update(content).digest('hex');
}
