import { existsSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { Config } from './config.ts';
import { deviceLink } from './http/device-link.ts';
import { requestAddress } from './http/front-door/request-address.ts';
import { listen } from './http/listeners.ts';
import { hubNames } from './tls/hub-names.ts';
import { HubTls } from './tls/hub-tls.ts';
import { hubAddresses, type HubAddresses } from './hub-addresses.ts';
import { buildServices } from './services.ts';
import { createApp } from './http/app.ts';
import type { Logger } from './log.ts';
import { RecentProblems } from './jobs/recent-problems.ts';
import { hubHealth } from './health/hub-health.ts';
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
export async function startHub(
  config: Config,
  log: Logger,
  problems = new RecentProblems(),
  announce?: (addresses: HubAddresses) => void,
): Promise<RunningHub> {
  const machineNames = () => hubNames(hostname(), networkInterfaces(), config.tlsHostnames);
  const tls = await HubTls.open({
    dataDir: config.dataDir,
    ownCertificate: config.ownCertificate,
    machineNames,
  });
  const services = await buildServices(config, log);
  const {
    db: catalog,
    state,
    changeLog,
    releaseFeed,
    collection,
    dumps,
    accountSync,
    drainer,
    auth,
    setupCode,
    backups,
    disk,
  } = services;
  changeLog.purgeTombstones();
  const purgeTimer = setInterval(() => changeLog.purgeTombstones(), 86_400_000).unref();
  disk.check(); // sets the reserve aside
  // Health reads the disk too; this clears a full disk's flag when nobody looks.
  const diskTimer = setInterval(() => disk.check(), 60_000).unref();
  releaseFeed.refresh();
  drainer.start(60_000);
  if (auth.isSetUp()) setupCode.consume();
  else setupCode.ensure();
  const health = () =>
    hubHealth({
      dataDir: config.dataDir,
      db: catalog,
      collection,
      version,
      devices: () => auth.devices().filter((d) => !d.revoked_at).length,
      problems,
      backups,
      disk,
    });
  let ports = { http: config.port, https: config.httpsPort };
  // Asked again each time: the machine's addresses change, and so does the setup code's use.
  const currentAddresses = () =>
    hubAddresses({
      names: tls.names,
      ports,
      bindHost: config.host,
      ca: tls.ca,
      ownCertificate: tls.ca === null,
      setupCode: setupCode.current(),
      setupCodeFile: setupCode.file,
    });
  const linkOptions = {
    bindHost: config.host,
    interfaces: networkInterfaces,
    httpPort: () => ports.http,
    httpsPort: () => ports.https,
    ownCertificate: tls.ca === null,
  };
  const app = createApp({
    log,
    version,
    webDir: config.webDir,
    deviceLink: (c) => deviceLink(requestAddress(c, config.trustProxy), linkOptions),
    tls,
    trustProxy: config.trustProxy,
    httpsPort: () => ports.https,
    addresses: () => currentAddresses(),
    hubHealth: health,
    ...services,
  });

  let listeners;
  try {
    listeners = await listen(app.fetch, {
      host: config.host,
      port: config.port,
      httpsPort: config.httpsPort,
      certificate: tls.serving,
    });
  } catch (err) {
    await drainer.stop();
    clearInterval(purgeTimer);
    await services.close();
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
  log.info(
    { port, httpsPort, dataDir: config.dataDir, version },
    `VinylVault hub listening on http://localhost:${port} and https://localhost:${httpsPort}`,
  );
  if (!existsSync(join(config.webDir, 'index.html')))
    log.warn(
      { webDir: config.webDir },
      'the web app is not built: run "npm run build" (npm start does it)',
    );
  dumps.schedule(state.data.settings.dumpSchedule);
  dumps.resumeUnfinished();
  accountSync.schedule(state.data.settings.syncSchedule);
  accountSync.resumeInterrupted();
  backups.schedule(state.data.settings.backupSchedule);

  return {
    port,
    httpsPort,
    addresses,
    // Hono lists a route once per handler (its validators and guards too): once each here.
    routes: [
      ...new Map(
        app.routes.map(({ method, path }) => [`${method} ${path}`, { method, path }]),
      ).values(),
    ],
    async newPairingCode() {
      const { code } = await auth.newPairingCode();
      const local = {
        secure: false,
        viaProxy: false,
        host: `localhost:${port}`,
        hostname: 'localhost',
        fromThisMachine: true,
      };
      return { code, url: `${deviceLink(local, linkOptions)}#pair=${encodeURIComponent(code)}` };
    },
    async close() {
      clearInterval(tlsTimer);
      await listeners.close();
      // A dump run stops at its next batch boundary; the next start resumes the month.
      await dumps.stop();
      await accountSync.stop();
      await drainer.stop();
      backups.stop();
      clearInterval(purgeTimer);
      clearInterval(diskTimer);
      await services.close();
      log.info('hub stopped');
    },
  };
}
