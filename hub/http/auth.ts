import type { ReplyOf } from '../../shared/hub-api.ts';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { AttemptLimiter } from '../auth/attempt-limiter.ts';
import type { AuthService, Caller } from '../auth/auth-service.ts';
import { attemptGuard } from './attempt-guard.ts';
import { endSession, sessionOf, startSession } from './session-cookie.ts';
import { valid } from './validate.ts';

/** Routes anyone may call: health, the trust page's facts, the first-run check and set-up, admin login, the pairing exchange. */
const publicRoutes = new Set([
  'GET /api/health',
  'GET /api/connect',
  'GET /api/admin/status',
  'POST /api/admin/setup',
  'POST /api/admin/login',
  'POST /api/pair',
]);

/**
 * What a paired device may do: read the catalog, covers and search; take the collection and its
 * plays away as files and bring plays in; pull and push its edits and follow the hub's events;
 * see the account sync and ask for one. Everything else (the Discogs login, dumps, write-back
 * control, settings, pairing, devices, the admin pages' data) is the admin's: a lost or stolen
 * phone cannot change the hub's Discogs token or start a dump.
 */
const DEVICE_ROUTES = [
  /^GET \/api\/catalog\//,
  /^GET \/api\/search$/,
  /^GET \/api\/covers\//,
  /^GET \/api\/export\//,
  /^POST \/api\/plays\/import$/,
  /^GET \/api\/sync\/(pull|events)$/,
  /^POST \/api\/sync\/push$/,
  /^GET \/api\/account-sync\/status$/,
  /^POST \/api\/account-sync\/start$/,
];

function bearer(c: Context): string | undefined {
  const h = c.req.header('authorization');
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
}

/**
 * Every /api route needs a paired device's token or the admin session, except the public ones;
 * a device reaches only DEVICE_ROUTES (403 elsewhere). Forged or revoked tokens get 401.
 */
export function requireCaller(
  auth: AuthService,
): MiddlewareHandler<{ Variables: { caller: Caller } }> {
  return async (c, next) => {
    if (publicRoutes.has(`${c.req.method} ${c.req.path}`)) return next();
    const caller = auth.identify(bearer(c), sessionOf(c));
    if (!caller)
      return c.json({ error: 'sign in on the hub, or pair this device, to use the API' }, 401);
    const route = `${c.req.method} ${c.req.path}`;
    if (caller.kind === 'device' && !DEVICE_ROUTES.some((r) => r.test(route)))
      return c.json({ error: 'only the hub admin may do this' }, 403);
    c.set('caller', caller);
    return next();
  };
}

export const userAgent = (c: Context) => c.req.header('user-agent') ?? null;

/** The admin's sign-in, password and sessions, under /api/admin. Wrong credentials are AuthErrors: 401 (error-status.ts). */
export function authRoutes(
  auth: AuthService,
  options: { attempts: AttemptLimiter; trustProxy: boolean },
) {
  const guard = attemptGuard(options.attempts);
  return new Hono()
    .get('/status', (c) =>
      c.json<ReplyOf<'GET /api/admin/status'>>({
        setUp: auth.isSetUp(),
        signedIn: auth.identify(undefined, sessionOf(c))?.kind === 'admin',
      }),
    )
    .post('/login', valid('json', z.object({ password: z.string() })), guard, async (c) => {
      startSession(
        c,
        await auth.logIn(c.req.valid('json').password, userAgent(c)),
        options.trustProxy,
      );
      return c.body(null, 204);
    })
    .post(
      '/password',
      valid('json', z.object({ current: z.string(), password: z.string() })),
      guard,
      async (c) => {
        const body = c.req.valid('json');
        await auth.changePassword(body.current, body.password, sessionOf(c) ?? '');
        return c.body(null, 204);
      },
    )
    .get('/sessions', (c) =>
      c.json<ReplyOf<'GET /api/admin/sessions'>>({ sessions: auth.sessions(sessionOf(c)) }),
    )
    .delete('/sessions/:id', async (c) =>
      (await auth.endSession(c.req.param('id')))
        ? c.body(null, 204)
        : c.json({ error: 'no such session' }, 404),
    )
    .post('/logout', async (c) => {
      const session = sessionOf(c);
      if (session) await auth.logOut(session);
      endSession(c);
      return c.body(null, 204);
    });
}
