import type { AccountSyncView, DiscogsConnection, DrainResult } from './account-sync.ts';
import type { ApiTokenInfo } from './api-tokens.ts';
import type { CatalogDocument, CatalogSummary, Discography, PagedSummaries } from './catalog.ts';
import type { AdminStatus, FinishSetup, SetupStatus } from './admin-setup.ts';
import type { HubSecurity } from './admin-security.ts';
import type { AdminSession } from './admin-sessions.ts';
import type { PairedDevice, Pairing, PairResult } from './devices.ts';
import type { DumpsView } from './dump-runs.ts';
import type { HubHealth } from './hub-health.ts';
import type { PushRequest, PushResponse } from './mutations.ts';
import type { SettingsChange, SettingsView } from './settings.ts';
import type { PlaysImport, PlaysImported } from './exports.ts';
import type { PullResponse } from './sync.ts';
import type { QueuedEdit } from './writeback.ts';

/** What a route takes and answers; the values exist so a test can list the routes at run time. */
interface Route<Body, Reply> {
  readonly body?: Body;
  readonly reply?: Reply;
}
const route = <Reply, Body = never>() => ({}) as Route<Body, Reply>;

/**
 * The hub's JSON routes that the app and the admin page call, each declared once: the web side
 * calls them through typed clients (web/src/admin/admin-api.ts, web/src/data/hub-client.ts) and
 * the hub's routes answer with `c.json<ReplyOf<…>>`, so the compiler checks both ends.
 * (Hono's `hc<typeof app>` would infer this from the routes, but web/ imports only shared/,
 * and inferring the whole app's route types slowed type checks; this map is the contract.)
 * A test walks the hub's routes and finds each of these among them.
 */
export const hubApi = {
  'GET /api/admin/status': route<AdminStatus>(),
  'POST /api/admin/setup': route<{ setUp: true }, { password: string; setupCode: string }>(),
  'GET /api/admin/setup': route<SetupStatus>(),
  'POST /api/admin/setup/finish': route<SetupStatus, FinishSetup>(),
  'POST /api/admin/login': route<void, { password: string }>(),
  'POST /api/admin/password': route<void, { current: string; password: string }>(),
  'POST /api/admin/logout': route<void>(),
  'GET /api/admin/sessions': route<{ sessions: AdminSession[] }>(),
  'DELETE /api/admin/sessions/:id': route<void>(),
  'POST /api/admin/pairing': route<Pairing>(),
  'POST /api/pair': route<PairResult, { code: string; name: string }>(),
  'GET /api/devices': route<{ devices: PairedDevice[] }>(),
  'DELETE /api/devices/:id': route<void>(),
  'GET /api/admin/api-tokens': route<{ tokens: ApiTokenInfo[] }>(),
  'POST /api/admin/api-tokens': route<{ name: string; token: string }, { name: string }>(),
  'DELETE /api/admin/api-tokens/:name': route<void>(),
  'GET /api/admin/settings': route<SettingsView>(),
  'PUT /api/admin/settings': route<SettingsView, SettingsChange>(),
  'GET /api/admin/health': route<HubHealth>(),
  'GET /api/admin/security': route<HubSecurity>(),
  'GET /api/dumps': route<DumpsView>(),
  'POST /api/dumps/run': route<{ started: true; month: string | null }, { month?: string }>(),
  'POST /api/dumps/:month/retry': route<{ started: true; month: string }>(),
  'POST /api/discogs/login': route<{ username: string }, { token: string }>(),
  'GET /api/discogs/connection': route<DiscogsConnection>(),
  'GET /api/discogs/writeback': route<{ pending: QueuedEdit[]; dropped: QueuedEdit[] }>(),
  'POST /api/discogs/writeback/send': route<DrainResult>(),
  'GET /api/account-sync/status': route<AccountSyncView>(),
  'POST /api/account-sync/start': route<
    { started: true; kind: 'full' | 'incremental' },
    { kind?: 'full' | 'incremental' }
  >(),
  'POST /api/account-sync/cancel': route<{ cancelling: true }>(),
  'GET /api/sync/pull': route<PullResponse>(),
  'POST /api/plays/import': route<PlaysImported, PlaysImport>(),
  'POST /api/sync/push': route<PushResponse, PushRequest>(),
  'GET /api/catalog/search': route<{ results: CatalogSummary[] }>(),
  /** `kinds`: releases, masters, artists or labels. */
  'GET /api/catalog/:kinds/:id': route<CatalogDocument>(),
  'GET /api/catalog/masters/:id/versions': route<PagedSummaries>(),
  'GET /api/catalog/:kinds/:id/discography': route<Discography>(),
  /** Releases by `?barcode=` (any of its typed forms) or `?catno=`. */
  'GET /api/catalog/releases': route<{ results: CatalogSummary[] }>(),
};

export type HubRoute = keyof typeof hubApi;
export type ReplyOf<R extends HubRoute> =
  (typeof hubApi)[R] extends Route<unknown, infer Reply> ? Reply : never;
export type BodyOf<R extends HubRoute> =
  (typeof hubApi)[R] extends Route<infer Body, unknown> ? Body : never;

type ParamNames<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : Path extends `${string}:${infer Name}`
    ? Name
    : never;
/** A route's path parameters by name: `{ id: string }` for `DELETE /api/devices/:id`. */
export type ParamsOf<R extends HubRoute> = { [Name in ParamNames<R>]: string };

/** What a call of a route sends: its path parameters and its body, each where it has them. */
export type CallOf<R extends HubRoute> = ([ParamNames<R>] extends [never]
  ? { params?: never }
  : { params: ParamsOf<R> }) &
  ([BodyOf<R>] extends [never] ? { body?: never } : { body: BodyOf<R> });

/** The URL path of a route with its parameters filled in (encoded). */
export function pathOf<R extends HubRoute>(route: R, params?: ParamsOf<R>): string {
  const path = route.slice(route.indexOf(' ') + 1);
  return path.replace(/:([a-zA-Z]+)/g, (_, name: string) =>
    encodeURIComponent((params as Record<string, string> | undefined)?.[name] ?? ''),
  );
}
