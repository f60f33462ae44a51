import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import type { Logger } from '../log.ts';
import { catalogRoutes } from './catalog.ts';
import { dumpRoutes } from './dumps.ts';
import { discogsRoutes } from './discogs.ts';
import { accountSyncRoutes } from './account-sync.ts';
import { searchRoutes } from './search.ts';
import { exportRoutes } from './export.ts';
import { playsRoutes } from './plays.ts';
import { coverRoutes } from './covers.ts';
import { AttemptLimiter } from '../auth/attempt-limiter.ts';
import type { HubServices } from '../services.ts';
import { authRoutes, requireCaller } from './auth.ts';
import { pairingRoutes } from './pairing.ts';
import { statusOf } from './error-status.ts';
import { deviceSyncRoutes } from './device-sync.ts';
import { healthRoutes } from './health.ts';
import { adminBackupRoutes } from './admin-backup.ts';
import { adminHealthRoutes } from './admin-health.ts';
import { adminSettingsRoutes } from './admin-settings.ts';
import { adminSetupRoutes } from './admin-setup.ts';
import { adminEventRoutes } from './admin-events.ts';
import type { HubHealth } from '../../shared/hub-health.ts';
import { requestLog } from './request-log.ts';
import { webApp } from './static.ts';
import type { HubTls } from '../tls/hub-tls.ts';
import { crossSiteCheck } from './front-door/cross-site.ts';
import { hostCheck } from './front-door/host-check.ts';
import { plainHttpGate } from './front-door/plain-http-gate.ts';
import { jsonBodies, requestBodyLimit } from './front-door/request-body.ts';
import { securityHeaders } from './front-door/security-headers.ts';
import { trustRoutes } from './trust.ts';
import { adminSecurityRoutes } from './admin-security.ts';
import { adminApiTokenRoutes } from './admin-api-tokens.ts';
import { MIRROR_NOT_FOUND, mirrorRoutes } from './mirror.ts';
import type { HubAddresses } from '../hub-addresses.ts';

/** What the HTTP surface needs beyond the hub's services: the server's own facts. */
export interface HttpDeps {
  log: Logger;
  version: string;
  webDir: string;
  /** Where a new device opens the hub, for the request that asks (device-link.ts). */
  deviceLink: (c: Context) => string;
  /** The names the hub answers to and its CA (hub/tls). */
  tls: HubTls;
  trustProxy: boolean;
  /** The HTTPS port as bound (the trust page links to it). */
  httpsPort: () => number;
  /** Where devices reach the hub, as printed at start (the Security panel lists them). */
  addresses: () => HubAddresses;
  hubHealth: () => HubHealth;
}

export type AppDeps = HttpDeps &
  Pick<
    HubServices,
    | 'catalog'
    | 'dumps'
    | 'discogs'
    | 'accountSync'
    | 'writeback'
    | 'drainer'
    | 'covers'
    | 'collection'
    | 'plays'
    | 'db'
    | 'auth'
    | 'apiTokens'
    | 'changeLog'
    | 'push'
    | 'limiter'
    | 'state'
    | 'events'
    | 'settings'
    | 'setupWizard'
    | 'backups'
    | 'disk'
  >;

/**
 * The hub's HTTP surface: API routes under /api, the PWA for everything else. In front of them
 * the front door refuses what it should before anything is read (design.md, Security): a `Host`
 * that is not the hub's (421), plain HTTP from the LAN beyond the trust step, writes from other
 * sites' pages (403), oversized bodies (413), bodies that are not JSON (415, 400).
 */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  // One count of failed sign-in, set-up and pairing attempts per address, across those routes.
  const attempts = new AttemptLimiter();
  const answersTo = (hostname: string) => deps.tls.answersTo(hostname);
  app.use(requestLog(deps.log));
  app.use(securityHeaders());
  app.use(hostCheck(answersTo, deps.trustProxy));
  app.use(
    plainHttpGate({
      trustProxy: deps.trustProxy,
      ownCertificate: deps.tls.ca === null,
      httpsPort: deps.httpsPort,
    }),
  );
  app.use(requestBodyLimit());
  app.use('/api/*', crossSiteCheck(answersTo));
  app.use('/api/*', jsonBodies());
  // The trust page asks from plain HTTP whether this device already trusts the HTTPS address.
  app.use('/api/health', cors({ origin: '*', allowMethods: ['GET'] }));
  app.use('/api/*', requireCaller(deps.auth));
  app.route(
    '/',
    trustRoutes(deps.tls.ca, { httpsPort: deps.httpsPort, trustProxy: deps.trustProxy }),
  );
  app.route('/api/health', healthRoutes(deps.version));
  app.route('/api/admin/health', adminHealthRoutes(deps.hubHealth));
  app.route('/api/admin/backup', adminBackupRoutes(deps.backups));
  app.route('/api/admin/settings', adminSettingsRoutes(deps.settings));
  app.route(
    '/api/admin/setup',
    adminSetupRoutes(deps.auth, deps.setupWizard, { attempts, trustProxy: deps.trustProxy }),
  );
  app.route('/api/admin/security', adminSecurityRoutes(deps.tls, deps.addresses));
  app.route('/api/admin/api-tokens', adminApiTokenRoutes(deps.apiTokens));
  app.route(
    '/api/admin/events',
    adminEventRoutes(deps.events, { dumps: deps.dumps, accountSync: deps.accountSync }),
  );
  app.route('/api/admin', authRoutes(deps.auth, { attempts, trustProxy: deps.trustProxy }));
  app.route('/api', pairingRoutes(deps.auth, { deviceLink: deps.deviceLink, attempts }));
  app.route('/api/catalog', catalogRoutes(deps.catalog));
  app.route('/api/dumps', dumpRoutes(deps.dumps));
  app.route('/api/discogs', discogsRoutes(deps.discogs, deps.writeback, deps.drainer));
  app.route('/api/account-sync', accountSyncRoutes(deps.accountSync, deps.state, deps.limiter));
  app.route('/api/sync', deviceSyncRoutes(deps.changeLog, deps.push));
  app.route('/api/search', searchRoutes(deps.catalog, deps.discogs));
  app.route('/api/covers', coverRoutes(deps.covers));
  app.route('/api/export', exportRoutes(deps.collection, deps.plays));
  app.route('/api/plays', playsRoutes(deps));
  const mirror = mirrorRoutes(deps.catalog, deps.apiTokens, deps.trustProxy);
  app.route('/discogs', mirror);
  app.route('/', mirror);
  app.use('/*', webApp(deps.webDir));
  app.notFound((c) =>
    c.req.path.startsWith('/api/')
      ? c.json({ error: `no such route: ${c.req.method} ${c.req.path}` }, 404)
      : c.req.path.startsWith('/discogs/')
        ? c.json(MIRROR_NOT_FOUND, 404)
        : c.text('Not found', 404),
  );
  app.onError((err, c) => {
    // Any write may meet a full disk: refused in words, while reads go on being served.
    if (deps.disk.noteFailure(err, `${c.req.method} ${c.req.path}`))
      return c.json({ error: deps.disk.message() }, 507);
    const status = statusOf(err);
    // The Discogs-compatible API answers in Discogs' shape, `{"message": …}`.
    if (status && c.req.path.startsWith('/discogs/'))
      return c.json({ message: err.message }, status);
    if (status) return c.json({ error: err.message }, status);
    deps.log.error({ err, path: c.req.path }, 'request failed');
    return c.json({ error: 'internal error; see the hub log' }, 500);
  });
  return app;
}
