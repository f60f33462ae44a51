import { existsSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { Config } from './config.ts';
import { deviceLink } from './http/device-link.ts';
import { requestAddress } from './http/front-door/request-address.ts';
import { listen } from './http/listeners.ts';
import { SetupCode } from './auth/setup-code.ts';
import { hubNames } from './tls/hub-names.ts';
import { HubTls } from './tls/hub-tls.ts';
import { hubAddresses, type HubAddresses } from './hub-addresses.ts';
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
  httpsPort: number;
  /** Where to go, as `npm start` prints it before any log line. */
  addresses: HubAddresses;
  /** Every registered route (method and path pattern), e.g. for the test that checks auth on each. */
  routes: Array<{ method: string; path: string }>;
  /** A one-time pairing code and the link that carries it (as the admin page makes them). */
  newPairingCode(): Promise<{ code: string; url: string }>;
  close(): Promise<void>;
}

/** How often the certificate is checked against the machine's names and its expiry. */
const TLS_REFRESH_MS = 10 * 60_000;

/**
 * Wiring only: config → stores → services → HTTP. `announce` gets where to go once the ports
 * listen, before the hub logs that it is up.
 */
export async function startHub(config: Config, log: Logger, problems = new RecentProblems(), announce?: (addresses: HubAddresses) => void): Promise<RunningHub> {
  const machineNames = () => hubNames(hostname(), networkInterfaces(), config.tlsHostnames);
  const tls = await HubTls.open({ dataDir: config.dataDir, ownCertificate: config.ownCertificate, machineNames });
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
  const setupCode = new SetupCode(config.dataDir);
  const auth = new AuthService(state, setupCode);
  if (auth.isSetUp()) setupCode.consume();
  else setupCode.ensure();
  const health = () => hubHealth({ dataDir: config.dataDir, db: catalog, collection, version, devices: () => auth.devices().filter((d) => !d.revoked_at).length, problems });
  let ports = { http: config.port, https: config.httpsPort };
  // Asked again each time: the machine's addresses change, and so does the setup code's use.
  const currentAddresses = () =>
    hubAddresses({ names: tls.names, ports, bindHost: config.host, ca: tls.ca, ownCertificate: tls.ca === null, setupCode: setupCode.current(), setupCodeFile: setupCode.file });
  const linkOptions = { bindHost: config.host, interfaces: networkInterfaces, httpPort: () => ports.http, httpsPort: () => ports.https, ownCertificate: tls.ca === null };
  const app = createApp({
    log,
    version,
    webDir: config.webDir,
    dataDir: config.dataDir,
    deviceLink: (c) => deviceLink(requestAddress(c, config.trustProxy), linkOptions),
    tls,
    trustProxy: config.trustProxy,
    httpsPort: () => ports.https,
    addresses: () => currentAddresses(),
    catalog: new SqliteCatalogStore(catalog), dumps, events, discogs, accountSync, state, writeback, drainer, covers, auth, changeLog, push, hubHealth: health, limiter });

  let listeners;
  try {
    listeners = await listen(app.fetch, { host: config.host, port: config.port, httpsPort: config.httpsPort, certificate: tls.serving });
  } catch (err) {
    void drainer.stop();
    clearInterval(purgeTimer);
    catalog.close();
    throw err;
  }
  ports = { http: listeners.httpPort, https: listeners.httpsPort };
  const { httpPort: port, httpsPort } = listeners;
  const tlsTimer = setInterval(() => {
    tls.refresh().then(
      (reason) => {
        if (!reason) return;
        listeners.setCertificate(tls.serving);
        log.info({ reason }, 'HTTPS certificate renewed');
      },
      (err: Error) => log.error({ err }, 'could not renew the HTTPS certificate'),
    );
  }, TLS_REFRESH_MS).unref();
  const addresses = currentAddresses();
  announce?.(addresses);
  log.info({ port, httpsPort, dataDir: config.dataDir, version }, `VinylVault hub listening on http://localhost:${port} and https://localhost:${httpsPort}`);
  if (!existsSync(join(config.webDir, 'index.html'))) log.warn({ webDir: config.webDir }, 'the web app is not built: run "npm run build" (npm start does it)');
  dumps.schedule(state.data.settings.dumpSchedule);
  dumps.resumeUnfinished();
  accountSync.schedule(state.data.settings.syncSchedule);

  return {
    port,
    httpsPort,
    addresses,
    routes: app.routes.map(({ method, path }) => ({ method, path })),
    async newPairingCode() {
      const { code } = await auth.newPairingCode();
      const local = { secure: false, viaProxy: false, host: `localhost:${port}`, hostname: 'localhost', fromThisMachine: true };
      return { code, url: `${deviceLink(local, linkOptions)}#pair=${encodeURIComponent(code)}` };
    },
    async close() {
      clearInterval(tlsTimer);
      await listeners.close();
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
