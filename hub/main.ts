import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { pairingOrigin } from './http/pairing-origin.ts';
import { join } from 'node:path';
import { ConfigError, type Config } from './config.ts';
import { SqliteCatalogStore } from './db/catalog-reader.ts';
import { openCatalog } from './db/open.ts';
import { createApp } from './http/app.ts';
import type { Logger } from './log.ts';
import { AuthService } from './auth/auth-service.ts';
import { DiscogsAccount } from './discogs/account.ts';
import { CollectionSync } from './discogs/collection-sync.ts';
import { CoverCache } from './discogs/covers.ts';
import { enrichReleases } from './discogs/enrichment.ts';
import { WriteBackDrainer, WriteBackQueue } from './discogs/writeback.ts';
import { SyncService } from './discogs/sync-service.ts';
import { CollectionStore } from './db/collection-store.ts';
import { RateLimiter } from './discogs/rate-limiter.ts';
import { TokenVault } from './discogs/token-vault.ts';
import { ChangeLog } from './sync/change-log.ts';
import { PushService } from './sync/push.ts';
import { ReleaseFeed } from './sync/release-feed.ts';
import { PlayStore } from './db/play-store.ts';
import { DumpService } from './dumps/dump-service.ts';
import { DumpPipeline } from './dumps/pipeline.ts';
import { JobEvents } from './jobs/job-events.ts';
import { RecentProblems } from './jobs/recent-problems.ts';
import { hubHealth } from './health/hub-health.ts';
import { openState } from './state/store.ts';
import { userAgent } from './user-agent.ts';
import { version } from './version.ts';

export interface RunningHub {
  port: number;
  /** Every registered route (method and path pattern), e.g. for the test that checks auth on each. */
  routes: Array<{ method: string; path: string }>;
  /** A one-time pairing code and the link that carries it (as the admin page makes them). */
  newPairingCode(): Promise<{ code: string; url: string }>;
  close(): Promise<void>;
}

/** Wiring only: config → stores → services → HTTP. */
export async function startHub(config: Config, log: Logger, problems = new RecentProblems()): Promise<RunningHub> {
  const catalogPath = join(config.dataDir, 'catalog.sqlite');
  const catalog = openCatalog(catalogPath);
  const state = await openState(join(config.dataDir, 'state.json'));
  const events = new JobEvents();
  const changeLog = new ChangeLog(catalog);
  changeLog.purgeTombstones();
  const purgeTimer = setInterval(() => changeLog.purgeTombstones(), 86_400_000).unref();
  const releaseFeed = new ReleaseFeed(catalog, changeLog);
  releaseFeed.refresh();
  const pipeline = new DumpPipeline({
    config,
    state,
    db: catalog,
    dbPath: catalogPath,
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
  // One limiter for every Discogs call the hub makes (design.md, Account sync).
  const limiter = new RateLimiter();
  const discogs = new DiscogsAccount(state, new TokenVault(config.dataDir), { baseUrl: config.discogsApiUrl, userAgent, limiter });
  const covers = new CoverCache(config.dataDir, discogs.client, log);
  const collection = new CollectionStore(catalog, changeLog);
  const collectionSync = new CollectionSync(discogs, collection, state, (p) => events.emit('progress', p), {
    enrich: async (signal, tally) => {
      try {
        return await enrichReleases(catalog, discogs.client, signal, tally);
      } finally {
        releaseFeed.refresh();
      }
    },
    covers: (signal, tally) => covers.fetchMissing(catalog, signal, tally),
  });
  const accountSync = new SyncService(collectionSync, log, (status) => events.emit('sync', status));
  const writeback = new WriteBackQueue(catalog, discogs);
  const push = new PushService(catalog, { collection, plays: new PlayStore(catalog, changeLog), log: changeLog, writeback, afterRemoval: () => releaseFeed.refresh() });
  const drainer = new WriteBackDrainer(writeback, 60_000, log);
  const auth = new AuthService(state);
  const health = () => hubHealth({ dataDir: config.dataDir, db: catalog, collection, version, devices: () => auth.devices().filter((d) => !d.revoked_at).length, problems });
  const linkOrigin = (origin: string) => pairingOrigin(origin, config.host, networkInterfaces());
  const app = createApp({ log, version, webDir: config.webDir, dataDir: config.dataDir, linkOrigin, catalog: new SqliteCatalogStore(catalog), dumps, events, discogs, accountSync, state, writeback, drainer, covers, auth, changeLog, push, hubHealth: health, limiter });

  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
    s.once('error', (err: NodeJS.ErrnoException) => {
      void drainer.stop();
      clearInterval(purgeTimer);
      catalog.close();
      reject(err.code === 'EADDRINUSE' ? new ConfigError(`VINYLVAULT_PORT: port ${config.port} is already in use`) : err);
    });
  });
  const port = (server.address() as AddressInfo).port;
  log.info({ port, dataDir: config.dataDir, version }, `VinylVault hub listening on http://localhost:${port}`);
  if (!existsSync(join(config.webDir, 'index.html'))) log.warn({ webDir: config.webDir }, 'the web app is not built: run "npm run build" (npm start does it)');
  dumps.schedule(state.data.settings.dumpSchedule);
  dumps.resumeUnfinished();
  accountSync.schedule(state.data.settings.syncSchedule);

  return {
    port,
    routes: app.routes.map(({ method, path }) => ({ method, path })),
    async newPairingCode() {
      const { code } = await auth.newPairingCode();
      return { code, url: `${linkOrigin(`http://localhost:${port}`)}/#pair=${encodeURIComponent(code)}` };
    },
    async close() {
      // Open SSE streams would keep close() waiting for ever; they reconnect on their own.
      if ('closeAllConnections' in server) server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // A dump run stops at its next batch boundary; the next start resumes the month.
      await dumps.stop();
      await accountSync.stop();
      await drainer.stop();
      clearInterval(purgeTimer);
      await state.write();
      catalog.close();
      log.info('hub stopped');
    },
  };
}
