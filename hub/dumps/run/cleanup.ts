import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DumpRun } from '../../../shared/dump-runs.ts';
import type { Logger } from '../../log.ts';

/**
 * After a month completes: deletes downloaded months beyond the newest `keepMonths` completed
 * ones, unless `preserve` is set. A month that is downloading or processing is never touched,
 * nor is anything that is not a month folder. A failure is logged; it never fails the month.
 */
export async function cleanUpDumps(
  dumpsDir: string,
  runs: DumpRun[],
  keepMonths: number,
  preserve: boolean,
  log: Logger,
): Promise<string[]> {
  if (preserve) return [];
  const busy = new Set(
    runs
      .filter(
        (r) => r.status !== 'completed' && r.status !== 'failed' && r.status !== 'not_started',
      )
      .map((r) => r.year_month),
  );
  const completed = runs
    .filter((r) => r.status === 'completed')
    .map((r) => r.year_month)
    .sort()
    .reverse();
  const keep = new Set(completed.slice(0, keepMonths));
  const removed: string[] = [];
  let entries: string[];
  try {
    entries = await readdir(dumpsDir);
  } catch {
    return removed;
  }
  for (const entry of entries) {
    if (
      !/^\d{4}-\d{2}$/.test(entry) ||
      busy.has(entry) ||
      keep.has(entry) ||
      !completed.includes(entry)
    )
      continue;
    try {
      await rm(join(dumpsDir, entry), { recursive: true, force: true });
      removed.push(entry);
    } catch (err) {
      log.warn({ err, month: entry }, `could not delete the downloaded dump files of ${entry}`);
    }
  }
  return removed;
}
