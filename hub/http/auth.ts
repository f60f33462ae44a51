import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import QRCode from 'qrcode';
import { z } from 'zod';
import { AttemptLimiter } from '../auth/attempt-limiter.ts';
import { SESSION_MAX_AGE, type AuthService, type Caller } from '../auth/auth-service.ts';
import { requestAddress } from './front-door/request-address.ts';
import { parse } from './validate.ts';

const COOKIE = 'vv_session';

/** Routes anyone may call: health, the trust page's facts, the first-run check and set-up, admin login, the pairing exchange. */
const publicRoutes = new Set(['GET /api/health', 'GET /api/connect', 'GET /api/admin/status', 'POST /api/admin/setup', 'POST /api/admin/login', 'POST /api/pair']);

/**
 * What a paired device may do: read the catalog, covers and search; pull and push its edits and
 * follow the hub's events; see the account sync and ask for one. Everything else (the Discogs
 * login, dumps, write-back control, settings, pairing, devices, the admin pages' data) is the
 * admin's: a lost or stolen phone cannot change the hub's Discogs token or start a dump.
 */
const DEVICE_ROUTES = [/^GET \/api\/catalog\//, /^GET \/api\/search$/, /^GET \/api\/covers\//, /^GET \/api\/sync\/(pull|events|status)$/, /^POST \/api\/sync\/(push|start)$/];

function bearer(c: Context): string | undefined {
  const h = c.req.header('authorization');
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
}

/**
 * Every /api route needs a paired device's token or the admin session, except the public ones;
 * a device reaches only DEVICE_ROUTES (403 elsewhere). Forged or revoked tokens get 401.
 */
export function requireCaller(auth: AuthService): MiddlewareHandler<{ Variables: { caller: Caller } }> {
  return async (c, next) => {
    if (publicRoutes.has(`${c.req.method} ${c.req.path}`)) return next();
    const caller = auth.identify(bearer(c), getCookie(c, COOKIE));
    if (!caller) return c.json({ error: 'sign in on the hub, or pair this device, to use the API' }, 401);
    const route = `${c.req.method} ${c.req.path}`;
    if (caller.kind === 'device' && !DEVICE_ROUTES.some((r) => r.test(route))) return c.json({ error: 'only the hub admin may do this' }, 403);
    c.set('caller', caller);
    return next();
  };
}

function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export interface AuthRouteOptions {
  /** Where a new device opens the hub (device-link.ts), for the request that asks. */
  deviceLink: (c: Context) => string;
  trustProxy: boolean;
  attempts?: AttemptLimiter;
}

/** Sign-in, set-up, sessions, pairing and devices. Wrong credentials are AuthErrors: 401 (app.ts). */
export function authRoutes(auth: AuthService, options: AuthRouteOptions): Hono {
  const app = new Hono();
  const attempts = options.attempts ?? new AttemptLimiter();
  // Secure over HTTPS: the cookie then never travels over the LAN's plain HTTP.
  const startSession = (c: Context, session: string) =>
    setCookie(c, COOKIE, session, { httpOnly: true, secure: requestAddress(c, options.trustProxy).secure, sameSite: 'Strict', path: '/', maxAge: SESSION_MAX_AGE });
  const userAgent = (c: Context) => c.req.header('user-agent') ?? null;

  /**
   * Runs a sign-in, set-up or pairing attempt under the per-address limit. The attempt counts
   * before the password or code is checked, so concurrent guesses cannot all slip in while the
   * first ones are still being hashed; a success clears the count.
   */
  const guarded = async (c: Context, attempt: () => Promise<Response>) => {
    const who = clientAddress(c);
    const wait = attempts.blockedFor(who);
    if (wait > 0) return c.json({ error: `too many failed attempts; try again in ${Math.ceil(wait / 60_000)} min` }, 429);
    attempts.fail(who);
    const res = await attempt();
    attempts.succeed(who);
    return res;
  };

  app.get('/admin/status', (c) => c.json({ setUp: auth.isSetUp(), signedIn: auth.identify(undefined, getCookie(c, COOKIE))?.kind === 'admin' }));

  app.post('/admin/setup', async (c) => {
    const body = parse(c, z.object({ password: z.string(), setupCode: z.string() }), await c.req.json().catch(() => ({})));
    if (body instanceof Response) return body;
    // Before the attempt limit: concurrent setups after the winning one are conflicts, not guesses.
    if (!auth.canSetUp()) return c.json({ error: 'the admin password is already set; sign in instead' }, 409);
    return guarded(c, async () => {
      startSession(c, await auth.setUp(body.password, body.setupCode, userAgent(c)));
      return c.json({ setUp: true }, 201);
    });
  });

  app.post('/admin/login', async (c) => {
    const body = parse(c, z.object({ password: z.string() }), await c.req.json().catch(() => ({})));
    if (body instanceof Response) return body;
    return guarded(c, async () => {
      startSession(c, await auth.logIn(body.password, userAgent(c)));
      return c.body(null, 204);
    });
  });

  app.post('/admin/password', async (c) => {
    const body = parse(c, z.object({ current: z.string(), password: z.string() }), await c.req.json().catch(() => ({})));
    if (body instanceof Response) return body;
    return guarded(c, async () => {
      await auth.changePassword(body.current, body.password, getCookie(c, COOKIE) ?? '');
      return c.body(null, 204);
    });
  });

  app.get('/admin/sessions', (c) => c.json({ sessions: auth.sessions(getCookie(c, COOKIE)) }));
  app.delete('/admin/sessions/:id', async (c) =>
    (await auth.endSession(c.req.param('id'))) ? c.body(null, 204) : c.json({ error: 'no such session' }, 404),
  );

  app.post('/admin/logout', async (c) => {
    const session = getCookie(c, COOKIE);
    if (session) await auth.logOut(session);
    deleteCookie(c, COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  app.post('/admin/pairing', async (c) => {
    const { code, expiresAt } = await auth.newPairingCode();
    // What the phone opens: the hub's address it can reach, with the code for the app's pairing screen.
    const url = `${options.deviceLink(c)}#pair=${encodeURIComponent(code)}`;
    return c.json({ code, expiresAt, url, qrSvg: await QRCode.toString(url, { type: 'svg', margin: 1 }) }, 201);
  });

  app.post('/pair', async (c) => {
    const body = parse(c, z.object({ code: z.string().min(1), name: z.string().max(80).default('device') }), await c.req.json().catch(() => ({})));
    if (body instanceof Response) return body;
    return guarded(c, async () => {
      const { deviceId, token } = await auth.pair(body.code, body.name);
      return c.json({ deviceId, token }, 201);
    });
  });

  app.get('/devices', (c) => c.json({ devices: auth.devices() }));
  app.delete('/devices/:id', async (c) => ((await auth.revoke(c.req.param('id'))) ? c.body(null, 204) : c.json({ error: 'no such device' }, 404)));

  return app;
}
