import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { loadConfig } from '../../hub/config.ts';
import { openHubDatabase } from '../../hub/db/open.ts';
import { ingestFile } from '../../hub/dumps/ingest/ingest-file.ts';
import { createLogger } from '../../hub/log.ts';
import { startHub, type RunningHub } from '../../hub/main.ts';
import { sample2020 } from '../fixtures/paths.ts';
import { runCli } from '../helpers/cli.ts';

export interface SampleHub {
  hub: RunningHub;
  dir: string;
  /** An API token named `beets`, made by the CLI beside the running hub, as an owner would. */
  token: string;
  close(): Promise<void>;
}

/**
 * A running hub (HTTP and HTTPS on 127.0.0.1) whose catalog holds the 2020 sample's four
 * files, and whatever `prepare` adds to it before the hub starts.
 */
export async function sampleHub(
  prepare: (db: Database, dir: string, dbPath: string) => Promise<void> = async () => {},
): Promise<SampleHub> {
  const dir = mkdtempSync(join(tmpdir(), 'vinylvault-'));
  const dbPath = join(dir, 'catalog.sqlite');
  const db = openHubDatabase(dbPath);
  try {
    for (const kind of ['labels', 'artists', 'masters', 'releases'] as const)
      await ingestFile(sample2020(kind), { db, dbPath });
    await prepare(db, dir, dbPath);
  } finally {
    db.close();
  }
  const hub = await startHub(
    {
      ...loadConfig({ VINYLVAULT_DATA_DIR: dir, VINYLVAULT_PORT: '0', VINYLVAULT_HTTPS_PORT: '0' }),
      host: '127.0.0.1',
    },
    createLogger('silent'),
  );
  const created = await runCli(['api-token', 'create', 'beets'], { VINYLVAULT_DATA_DIR: dir });
  if (created.code !== 0) throw new Error(`api-token create failed: ${created.stderr}`);
  if (!created.stderr.includes('shown only now')) throw new Error(created.stderr);
  return {
    hub,
    dir,
    token: created.stdout.trim(),
    async close() {
      await hub.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
