export const TEST_ADMIN_PASSWORD = 'correct horse battery';

/** Signs in as the hub admin (setting the password on a new hub) and returns the session cookie. */
export async function adminCookie(baseUrl: string): Promise<string> {
  const post = (path: string) =>
    fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password: TEST_ADMIN_PASSWORD }) });
  let res = await post('/api/admin/setup');
  if (res.status === 409) res = await post('/api/admin/login');
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error(`could not sign in to the hub at ${baseUrl}: HTTP ${res.status}`);
  return cookie;
}

/** The admin session of a hub whose first-run wizard is done: for browser tests of the panels. */
export async function setUpHubCookie(baseUrl: string): Promise<string> {
  const cookie = await adminCookie(baseUrl);
  const res = await fetch(`${baseUrl}/api/admin/setup/finish`, { method: 'POST', headers: { cookie } });
  if (!res.ok) throw new Error(`could not finish the set-up of the hub at ${baseUrl}: HTTP ${res.status}`);
  return cookie;
}

/** fetch() with the admin session, for tests of API routes. */
export function adminFetch(baseUrl: string): (path: string, init?: RequestInit) => Promise<Response> {
  let cookie: Promise<string> | undefined;
  return async (path, init = {}) => {
    cookie ??= adminCookie(baseUrl);
    return fetch(`${baseUrl}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), cookie: await cookie } });
  };
}
