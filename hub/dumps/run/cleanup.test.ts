import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/helpers/temp-dir.ts';
import type { DumpRun, DumpStatus } from '../../../shared/dump-runs.ts';
import { createLogger } from '../../log.ts';
import { cleanUpDumps } from './cleanup.ts';

const log = createLogger('silent');
const run = (year_month: string, status: DumpStatus) => ({ year_month, status }) as DumpRun;

/** A dumps folder holding one file in each of these folders. */
function dumpsDir(...folders: string[]): string {
  const dir = tempDir('vv-cleanup-');
  for (const f of folders) {
    mkdirSync(join(dir, f));
    writeFileSync(join(dir, f, 'discogs_releases.xml.gz'), 'x');
  }
  return dir;
}

describe('deleting downloaded dump months', () => {
  const runs = [
    run('2026-08', 'completed'),
    run('2026-09', 'completed'),
    run('2026-10', 'completed'),
    run('2026-11', 'processing'),
    run('2026-07', 'failed'),
  ];

  it('keeps the newest completed months asked for, and never one being processed, a failed one or another folder', async () => {
    const dir = dumpsDir('2026-07', '2026-08', '2026-09', '2026-10', '2026-11', 'incoming');
    expect(await cleanUpDumps(dir, runs, 1, false, log)).toEqual(['2026-08', '2026-09']);
    expect(readdirSync(dir).sort()).toEqual(['2026-07', '2026-10', '2026-11', 'incoming']);
  });

  it('deletes every completed month when none is to be kept, and nothing when files are preserved', async () => {
    const dir = dumpsDir('2026-08', '2026-09', '2026-10');
    expect(await cleanUpDumps(dir, runs, 0, true, log)).toEqual([]);
    expect(await cleanUpDumps(dir, runs, 0, false, log)).toEqual(['2026-08', '2026-09', '2026-10']);
    expect(existsSync(join(dir, '2026-10'))).toBe(false);
  });

  it('does nothing when there is no dumps folder yet', async () => {
    expect(
      await cleanUpDumps(join(tmpdir(), 'vv-no-such-dir-for-cleanup'), runs, 0, false, log),
    ).toEqual([]);
  });
});
