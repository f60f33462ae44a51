import { Hono } from 'hono';
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

export interface AppDeps {
  log: Logger;
  version: string;
  webDir: string;
  dataDir: string;
  /** The origin pairing links carry (see pairing-origin.ts). */
  linkOrigin: (requestOrigin: string) => string;
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

/** The hub's HTTP surface: API routes under /api, the PWA for everything else. */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.use(requestLog(deps.log));
  app.use('/api/*', requireCaller(deps.auth));
  app.route('/api/health', healthRoutes(deps.version));
  app.route('/api/admin/health', adminHealthRoutes(deps.hubHealth));
  app.route('/api/admin/settings', adminSettingsRoutes(deps.state, deps.dataDir, { dumps: deps.dumps, accountSync: deps.accountSync }));
  app.route('/api/admin/setup', adminSetupRoutes(deps.state, { dumps: deps.dumps, accountSync: deps.accountSync, log: deps.log }));
  app.route('/api/admin/events', adminEventRoutes(deps.events, { dumps: deps.dumps, accountSync: deps.accountSync }));
  app.route('/api', authRoutes(deps.auth, deps.linkOrigin));
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
    deps.log.error({ err, path: c.req.path }, 'request failed');
    return c.json({ error: 'internal error; see the hub log' }, 500);
  });
  return app;
}
