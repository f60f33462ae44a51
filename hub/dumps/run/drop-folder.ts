import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Progress } from '../../../shared/progress.ts';
import type { Database } from '../../db/open.ts';
import type { Logger } from '../../log.ts';
import { parseChecksums, sha256File } from '../download/checksum.ts';
import { ingestFile, type IngestResult } from '../ingest/ingest-file.ts';
import { inDependencyOrder } from '../parse/kinds.ts';

export interface DropResult {
  file: string;
  outcome: 'ingested' | 'rejected';
  reason?: string;
  result?: IngestResult;
}

/**
 * Dump files an owner copied into `<data dir>/dumps/incoming` (downloaded on another computer):
 * checked against a CHECKSUM file beside them when there is one, ingested in dependency order,
 * then deleted. A file that fails its checksum or its ingest moves to `incoming/rejected/` with
 * the reason logged, so it is not retried every day.
 */
export async function processDropFolder(
  dir: string,
  o: {
    db: Database;
    dbPath: string;
    log: Logger;
    onProgress?: (p: Progress) => void;
    signal?: AbortSignal;
  },
): Promise<DropResult[]> {
  await mkdir(dir, { recursive: true });
  const names = await readdir(dir);
  const checksumFiles = names.filter((n) => /checksum.*\.txt$/i.test(n));
  const sums: Record<string, string> = {};
  for (const c of checksumFiles)
    Object.assign(sums, parseChecksums(await readFile(join(dir, c), 'utf8'), join(dir, c)));
  const dataFiles = inDependencyOrder(names.filter((n) => /\.xml(\.gz)?$/i.test(n)));
  const results: DropResult[] = [];

  const reject = async (name: string, reason: string) => {
    await mkdir(join(dir, 'rejected'), { recursive: true });
    await rename(join(dir, name), join(dir, 'rejected', name));
    o.log.warn({ file: name, reason }, `dropped dump file rejected: ${reason}`);
    results.push({ file: name, outcome: 'rejected', reason });
  };

  for (const name of dataFiles) {
    if (o.signal?.aborted) break;
    const path = join(dir, name);
    const expected = sums[name];
    if (expected) {
      const actual = await sha256File(path);
      if (actual !== expected) {
        await reject(
          name,
          `checksum mismatch (expected ${expected.slice(0, 12)}…, got ${actual.slice(0, 12)}…)`,
        );
        continue;
      }
    }
    try {
      const result = await ingestFile(path, {
        db: o.db,
        dbPath: o.dbPath,
        onProgress: o.onProgress,
        signal: o.signal,
      });
      await rm(path);
      results.push({ file: name, outcome: 'ingested', result });
    } catch (err) {
      if (o.signal?.aborted) break;
      await reject(name, (err as Error).message);
    }
  }
  // A CHECKSUM file has done its job once none of its files is waiting, here or in rejected/
  // (a corrected copy dropped in later is checked against it too).
  const left = new Set([
    ...(await readdir(dir)),
    ...(await readdir(join(dir, 'rejected')).catch(() => [])),
  ]);
  for (const c of checksumFiles) {
    const own = parseChecksums(await readFile(join(dir, c), 'utf8'), c);
    if (Object.keys(own).every((n) => !left.has(n))) await rm(join(dir, c));
  }
  return results;
}
