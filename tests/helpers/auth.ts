import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const TEST_ADMIN_PASSWORD = 'correct horse battery';

/** The setup code a new hub keeps in its data dir until the admin password is set. */
export function setupCodeOf(dataDir: string): string {
  const file = join(dataDir, 'setup-code.txt');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
}

const postJson = (url: string, body: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/**
 * Signs in as the hub admin (setting the password on a new hub, with the setup code from its
 * data dir) and returns the session cookie.
 */
export async function adminCookie(baseUrl: string, dataDir: string): Promise<string> {
  let res = await postJson(`${baseUrl}/api/admin/setup`, {
    password: TEST_ADMIN_PASSWORD,
    setupCode: setupCodeOf(dataDir),
  });
  if (res.status === 409)
    res = await postJson(`${baseUrl}/api/admin/login`, { password: TEST_ADMIN_PASSWORD });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!cookie)
    throw new Error(
      `could not sign in to the hub at ${baseUrl}: HTTP ${res.status} ${await res.text()}`,
    );
  return cookie;
}

/** The admin session of a hub whose first-run wizard is done: for browser tests of the panels. */
export async function setUpHubCookie(baseUrl: string, dataDir: string): Promise<string> {
  const cookie = await adminCookie(baseUrl, dataDir);
  const res = await fetch(`${baseUrl}/api/admin/setup/finish`, {
    method: 'POST',
    headers: { cookie },
  });
  if (!res.ok)
    throw new Error(`could not finish the set-up of the hub at ${baseUrl}: HTTP ${res.status}`);
  return cookie;
}

/** fetch() with the admin session, for tests of API routes. */
export function adminFetch(
  baseUrl: string,
  dataDir: string,
): (path: string, init?: RequestInit) => Promise<Response> {
  let cookie: Promise<string> | undefined;
  return async (path, init = {}) => {
    cookie ??= adminCookie(baseUrl, dataDir);
    return fetch(`${baseUrl}${path}`, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), cookie: await cookie },
    });
  };
}
