import { pathOf, type CallOf, type HubRoute, type ReplyOf } from '../../../shared/hub-api.ts';

/** The hub's admin API as the admin page calls it: same origin, the session cookie. */
export class AdminApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Dispatched on `window` when the hub answers 401: AdminApp shows the sign-in again. */
export const SESSION_ENDED = 'vinylvault:session-ended';

/** Calls one of the hub's routes as shared/hub-api.ts declares it: `adminApi('PUT /api/admin/settings', { body })`. */
export async function adminApi<R extends HubRoute>(
  route: R,
  ...[call]: {} extends CallOf<R> ? [CallOf<R>?] : [CallOf<R>]
): Promise<ReplyOf<R>> {
  const method = route.slice(0, route.indexOf(' '));
  const body = (call as { body?: unknown } | undefined)?.body;
  let res: Response;
  try {
    res = await fetch(pathOf(route, call?.params), {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new AdminApiError('the hub cannot be reached; is it running?', 0);
  }
  // Perhaps the session ended (expired, or signed out in another tab); AdminApp asks the hub
  // and shows the sign-in if so. (A refused password or Discogs token is a 401 too: no change.)
  if (res.status === 401) window.dispatchEvent(new Event(SESSION_ENDED));
  if (res.status === 204) return undefined as ReplyOf<R>;
  const json = (await res.json().catch(() => ({}))) as ReplyOf<R> & { error?: string };
  if (!res.ok)
    throw new AdminApiError(json.error ?? `the hub answered HTTP ${res.status}`, res.status);
  return json;
}

/**
 * A loader whose answers are applied newest-first only: panels reload on events and after
 * actions, and over HTTP/1.1 (six connections per host) a slower, older answer can arrive
 * last and would put back what a newer one replaced.
 */
export function newestOnly<T>(
  fetch: () => Promise<T>,
  apply: (value: T) => void,
): () => Promise<void> {
  let asked = 0;
  let shown = 0;
  return async () => {
    const mine = ++asked;
    const value = await fetch();
    if (mine < shown) return;
    shown = mine;
    apply(value);
  };
}
