import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import type { CatalogStore } from '../catalog/catalog-store.ts';
import type { Logger } from '../log.ts';
import { catalogRoutes } from './catalog.ts';
import { dumpRoutes } from './dumps.ts';
import { discogsRoutes } from './discogs.ts';
import { accountSyncRoutes } from './account-sync.ts';
import { searchRoutes } from './search.ts';
import { coverRoutes } from './covers.ts';
import { authRoutes, requireCaller } from './auth.ts';
import { syncFeedRoutes } from './sync-feed.ts';
import type { ChangeLog } from '../sync/change-log.ts';
import type { PushService } from '../sync/push.ts';
import type { AuthService } from '../auth/auth-service.ts';
import type { CoverCache } from '../discogs/covers.ts';
import type { SyncService } from '../discogs/sync-service.ts';
import type { WriteBackDrainer, WriteBackQueue } from '../discogs/writeback.ts';
import type { StateStore } from '../state/store.ts';
import type { DiscogsAccount } from '../discogs/account.ts';
import type { DumpService } from '../dumps/dump-service.ts';
import type { JobEvents } from '../jobs/job-events.ts';
import { healthRoutes } from './health.ts';
import { adminHealthRoutes } from './admin-health.ts';
import { adminSettingsRoutes } from './admin-settings.ts';
import { adminSetupRoutes } from './admin-setup.ts';
import { adminEventRoutes } from './admin-events.ts';
import type { HubHealth } from '../../shared/hub-health.ts';
import type { RateLimiter } from '../discogs/rate-limiter.ts';
import { requestLog } from './request-log.ts';
import { webApp } from './static.ts';
import { AlreadySetUpError, AuthError, AuthInputError } from '../auth/auth-service.ts';
import type { HubTls } from '../tls/hub-tls.ts';
import { crossSiteCheck } from './front-door/cross-site.ts';
import { hostCheck } from './front-door/host-check.ts';
import { plainHttpGate } from './front-door/plain-http-gate.ts';
import { jsonBodies, requestBodyLimit } from './front-door/request-body.ts';
import { securityHeaders } from './front-door/security-headers.ts';
import { trustRoutes } from './trust.ts';
import { adminSecurityRoutes } from './admin-security.ts';
import type { HubAddresses } from '../hub-addresses.ts';

export interface AppDeps {
  log: Logger;
  version: string;
  webDir: string;
  dataDir: string;
  /** Where a new device opens the hub, for the request that asks (device-link.ts). */
  deviceLink: (c: Context) => string;
  /** The names the hub answers to and its CA (hub/tls). */
  tls: HubTls;
  trustProxy: boolean;
  /** The HTTPS port as bound (the trust page links to it). */
  httpsPort: () => number;
  /** Where devices reach the hub, as printed at start (the Security panel lists them). */
  addresses: () => HubAddresses;
  catalog: CatalogStore;
  dumps: DumpService;
  discogs: DiscogsAccount;
  accountSync: SyncService;
  writeback: WriteBackQueue;
  drainer: WriteBackDrainer;
  covers: CoverCache;
  auth: AuthService;
  changeLog: ChangeLog;
  push: PushService;
  hubHealth: () => HubHealth;
  /** The one Discogs rate limiter, whose budget the admin page shows. */
  limiter: RateLimiter;
  state: StateStore;
  events: JobEvents;
}

/**
 * The hub's HTTP surface: API routes under /api, the PWA for everything else. In front of them
 * the front door refuses what it should before anything is read (design.md, Security): a `Host`
 * that is not the hub's (421), plain HTTP from the LAN beyond the trust step, writes from other
 * sites' pages (403), oversized bodies (413), bodies that are not JSON (415, 400).
 */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  const answersTo = (hostname: string) => deps.tls.answersTo(hostname);
  app.use(requestLog(deps.log));
  app.use(securityHeaders());
  app.use(hostCheck(answersTo, deps.trustProxy));
  app.use(plainHttpGate({ trustProxy: deps.trustProxy, ownCertificate: deps.tls.ca === null, httpsPort: deps.httpsPort }));
  app.use(requestBodyLimit());
  app.use('/api/*', crossSiteCheck(answersTo));
  app.use('/api/*', jsonBodies());
  // The trust page asks from plain HTTP whether this device already trusts the HTTPS address.
  app.use('/api/health', cors({ origin: '*', allowMethods: ['GET'] }));
  app.use('/api/*', requireCaller(deps.auth));
  app.route('/', trustRoutes(deps.tls.ca, { httpsPort: deps.httpsPort, trustProxy: deps.trustProxy }));
  app.route('/api/health', healthRoutes(deps.version));
  app.route('/api/admin/health', adminHealthRoutes(deps.hubHealth));
  app.route('/api/admin/settings', adminSettingsRoutes(deps.state, deps.dataDir, { dumps: deps.dumps, accountSync: deps.accountSync }));
  app.route('/api/admin/setup', adminSetupRoutes(deps.state, { dumps: deps.dumps, accountSync: deps.accountSync, log: deps.log }));
  app.route('/api/admin/security', adminSecurityRoutes(deps.tls, deps.addresses));
  app.route('/api/admin/events', adminEventRoutes(deps.events, { dumps: deps.dumps, accountSync: deps.accountSync }));
  app.route('/api', authRoutes(deps.auth, { deviceLink: deps.deviceLink, trustProxy: deps.trustProxy }));
  app.route('/api/catalog', catalogRoutes(deps.catalog));
  app.route('/api/dumps', dumpRoutes(deps.dumps));
  app.route('/api/discogs', discogsRoutes(deps.discogs, deps.writeback, deps.drainer));
  app.route('/api/sync', accountSyncRoutes(deps.accountSync, deps.state, deps.limiter));
  app.route('/api/sync', syncFeedRoutes(deps.changeLog, deps.push));
  app.route('/api/search', searchRoutes(deps.catalog, deps.discogs));
  app.route('/api/covers', coverRoutes(deps.covers));
  app.use('/*', webApp(deps.webDir));
  app.notFound((c) =>
    c.req.path.startsWith('/api/') ? c.json({ error: `no such route: ${c.req.method} ${c.req.path}` }, 404) : c.text('Not found', 404),
  );
  app.onError((err, c) => {
    if (err instanceof AuthError) return c.json({ error: err.message }, 401);
    if (err instanceof AuthInputError) return c.json({ error: err.message }, 400);
    if (err instanceof AlreadySetUpError) return c.json({ error: err.message }, 409);
    deps.log.error({ err, path: c.req.path }, 'request failed');
    return c.json({ error: 'internal error; see the hub log' }, 500);
  });
  return app;
}
