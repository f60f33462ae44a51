import { IngestRuns } from '../db/ingest-runs.ts';
import type { Database } from 'better-sqlite3';
import { existsSync, readdirSync, statfsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { freemem, totalmem } from 'node:os';
import type { HubHealth } from '../../shared/hub-health.ts';
import type { CollectionStore } from '../db/collection-store.ts';
import type { RecentProblems } from '../jobs/recent-problems.ts';
import { listBackups, type BackupService } from '../backup/backup-service.ts';
import { USER_FILE } from '../db/open.ts';
import type { DiskWatch } from '../storage/disk-watch.ts';

const sizeOf = (file: string) => (existsSync(file) ? statSync(file).size : 0);
const withLog = (file: string) => sizeOf(file) + sizeOf(`${file}-wal`);

function treeBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((n, e) => n + sizeOf(join(e.parentPath, e.name)), 0);
}

/** Gathers the admin page's health panel: cheap reads only, so it can be asked every few seconds. */
export function hubHealth(deps: {
  dataDir: string;
  db: Database;
  collection: CollectionStore;
  version: string;
  devices: () => number;
  problems: RecentProblems;
  backups: BackupService;
  disk: DiskWatch;
}): HubHealth {
  const fs = statfsSync(deps.dataDir);
  const catalogFile = join(deps.dataDir, 'catalog.sqlite');
  const latest = new IngestRuns(deps.db).latestCompleted();
  const backups = listBackups(deps.dataDir);
  return {
    version: deps.version,
    uptimeSeconds: Math.round(process.uptime()),
    memory: {
      processBytes: process.memoryUsage().rss,
      machineFreeBytes: freemem(),
      machineTotalBytes: totalmem(),
    },
    disk: {
      path: deps.dataDir,
      freeBytes: fs.bavail * fs.bsize,
      totalBytes: fs.blocks * fs.bsize,
      full: deps.disk.check(),
    },
    storage: {
      catalogBytes: withLog(catalogFile),
      userBytes: withLog(join(deps.dataDir, USER_FILE)),
      dumpsBytes: treeBytes(join(deps.dataDir, 'dumps')),
      backupsBytes: backups.reduce((n, b) => n + b.bytes, 0),
    },
    backups: {
      last: backups[0] ?? null,
      count: backups.length,
      keep: deps.backups.keep,
      nextRun: deps.backups.nextRun?.toISOString() ?? null,
      lastError: deps.backups.lastError,
    },
    catalog: latest.map((r) => ({
      kind: r.kind,
      records: r.records,
      file: basename(r.file),
      finishedAt: r.finished_at,
    })),
    collection: deps.collection.counts(),
    devices: deps.devices(),
    problems: deps.problems.list(),
  };
}
