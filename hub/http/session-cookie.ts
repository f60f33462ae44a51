import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_MAX_AGE } from '../auth/auth-service.ts';
import { requestAddress } from './front-door/request-address.ts';

const COOKIE = 'vv_session';

/** The admin session this request carries, if any. */
export const sessionOf = (c: Context): string | undefined => getCookie(c, COOKIE);

/** Secure over HTTPS: the cookie then never travels over the LAN's plain HTTP. */
export function startSession(c: Context, session: string, trustProxy: boolean): void {
  setCookie(c, COOKIE, session, {
    httpOnly: true,
    secure: requestAddress(c, trustProxy).secure,
    sameSite: 'Strict',
    path: '/',
    maxAge: SESSION_MAX_AGE,
  });
}

export function endSession(c: Context): void {
  deleteCookie(c, COOKIE, { path: '/' });
}
