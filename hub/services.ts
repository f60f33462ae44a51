import { ApiTokens } from './auth/api-tokens.ts';
import { ApiTokenTable } from './db/api-token-table.ts';
import { join } from 'node:path';
import { AuthService } from './auth/auth-service.ts';
import { SetupCode } from './auth/setup-code.ts';
import type { Config } from './config.ts';
import { CollectionStore } from './db/collection-store.ts';
import { openHubDatabase, type Database } from './db/open.ts';
import { BackupService } from './backup/backup-service.ts';
import { backupBeforeUpgrade } from './backup/before-upgrade.ts';
import { DiskWatch } from './storage/disk-watch.ts';
import { PlayStore } from './db/play-store.ts';
import { DiscogsAccount } from './discogs/account.ts';
import { CollectionSync } from './discogs/collection-sync.ts';
import { CoverCache } from './discogs/covers.ts';
import { enrichReleases } from './discogs/enrichment.ts';
import { RateLimiter } from './discogs/rate-limiter.ts';
import { AccountSync } from './discogs/account-sync.ts';
import { TokenVault } from './discogs/token-vault.ts';
import { WriteBackDrainer, WriteBackQueue } from './discogs/writeback.ts';
import { WriteBackAnswers } from './discogs/writeback-answers.ts';
import { DumpService } from './dumps/run/dump-service.ts';
import type { CatalogStore } from './catalog/catalog-store.ts';
import { SqliteCatalogStore } from './db/sqlite-catalog-store.ts';
import { SetupWizard } from './jobs/setup-wizard.ts';
import { SettingsService } from './settings/settings-service.ts';
import { DumpPipeline } from './dumps/run/pipeline.ts';
import { JobEvents } from './jobs/job-events.ts';
import type { Logger } from './log.ts';
import { openState, type StateStore } from './state/store.ts';
import { ChangeLog } from './device-sync/change-log.ts';
import { PushService } from './device-sync/push.ts';
import { ReleaseFeed } from './device-sync/release-feed.ts';
import { userAgent } from './user-agent.ts';

/** The hub's services over one data dir, wired once. */
export interface HubServices {
  config: Config;
  db: Database;
  dbPath: string;
  state: StateStore;
  /** Progress of every long job, and record changes: the admin page's stream, the CLI's bars. */
  events: JobEvents;
  /** The dump catalog as routes and commands read it. */
  catalog: CatalogStore;
  changeLog: ChangeLog;
  releaseFeed: ReleaseFeed;
  collection: CollectionStore;
  plays: PlayStore;
  pipeline: DumpPipeline;
  dumps: DumpService;
  /** The one limiter for every Discogs call the hub makes (design.md, Account sync). */
  limiter: RateLimiter;
  discogs: DiscogsAccount;
  covers: CoverCache;
  collectionSync: CollectionSync;
  accountSync: AccountSync;
  writeback: WriteBackQueue;
  drainer: WriteBackDrainer;
  push: PushService;
  setupCode: SetupCode;
  auth: AuthService;
  /** Tokens of the collector's other tools for the Discogs-compatible API (/discogs). */
  apiTokens: ApiTokens;
  settings: SettingsService;
  setupWizard: SetupWizard;
  backups: BackupService;
  disk: DiskWatch;
  /** Stops the write-back drain, writes the state and closes the catalog; stop running jobs first. */
  close(): Promise<void>;
}

/**
 * The one composition root (model: Navidrome's wire_injectors): the server (main.ts), the CLI's
 * commands, tests and benchmarks all take their services from here, so a command cannot drift
 * from what the server does (the CLI's sync once left the release feed stale). Building starts
 * nothing: timers, schedules and listeners are the server's, in main.ts.
 */
export async function buildServices(config: Config, log: Logger): Promise<HubServices> {
  const dbPath = join(config.dataDir, 'catalog.sqlite');
  const disk = new DiskWatch(config.dataDir);
  disk.releaseReserveIfFull();
  await backupBeforeUpgrade(config.dataDir, log);
  const db = openHubDatabase(dbPath);
  let state: StateStore;
  try {
    state = await openState(join(config.dataDir, 'state.json'));
  } catch (err) {
    db.close();
    throw err;
  }
  const events = new JobEvents();
  const changeLog = new ChangeLog(db);
  const releaseFeed = new ReleaseFeed(db, changeLog);
  const collection = new CollectionStore(db, changeLog);
  const plays = new PlayStore(db, changeLog);
  const pipeline = new DumpPipeline({
    config,
    state,
    db,
    dbPath,
    log,
    userAgent,
    onProgress: (p) => events.emit('progress', p),
    onChange: (run) => {
      // A month's ingest may have changed the documents of collected releases.
      if (run.status === 'completed') releaseFeed.refresh();
      events.emit('dump', run);
    },
  });
  const dumps = new DumpService(pipeline, log, (check) => events.emit('check', check));
  const limiter = new RateLimiter();
  const discogs = new DiscogsAccount(state, new TokenVault(config.dataDir), {
    baseUrl: config.discogsApiUrl,
    userAgent,
    limiter,
  });
  const covers = new CoverCache(config.dataDir, discogs.client, log);
  const collectionSync = new CollectionSync(
    discogs,
    collection,
    state,
    (p) => events.emit('progress', p),
    {
      enrich: async (signal, tally) => {
        try {
          return await enrichReleases(db, discogs.client, signal, tally);
        } finally {
          releaseFeed.refresh();
        }
      },
      covers: (signal, tally) => covers.fetchMissing(db, signal, tally),
    },
  );
  const accountSync = new AccountSync(collectionSync, state, log, (status) =>
    events.emit('sync', status),
  );
  const catalog = new SqliteCatalogStore(db);
  const writeback = new WriteBackQueue(db, discogs, new WriteBackAnswers(db, collection));
  const drainer = new WriteBackDrainer(writeback, log);
  const push = new PushService(db, {
    collection,
    plays,
    log: changeLog,
    writeback,
    catalog,
    afterCollectedChange: () => releaseFeed.refresh(),
    // At once rather than at the next minute's drain; a drain under way is joined, not doubled.
    afterQueued: () =>
      void drainer.now().catch((err: Error) => log.warn({ err: err.message }, 'write-back failed')),
  });
  const setupCode = new SetupCode(config.dataDir);
  const auth = new AuthService(state, setupCode);
  const apiTokens = new ApiTokens(new ApiTokenTable(db));
  const backups = new BackupService({
    dataDir: config.dataDir,
    db,
    log,
    keep: () => state.data.settings.backupKeep,
  });
  const settings = new SettingsService(state, config.dataDir, { dumps, accountSync, backups });
  const setupWizard = new SetupWizard(state, { dumps, accountSync, log });
  return {
    config,
    db,
    dbPath,
    state,
    events,
    catalog,
    changeLog,
    releaseFeed,
    collection,
    plays,
    pipeline,
    dumps,
    limiter,
    discogs,
    covers,
    collectionSync,
    accountSync,
    writeback,
    drainer,
    push,
    setupCode,
    auth,
    apiTokens,
    settings,
    setupWizard,
    backups,
    disk,
    async close() {
      await drainer.stop();
      try {
        await state.write();
      } finally {
        db.close();
      }
    },
  };
}
