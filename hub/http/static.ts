import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';

/**
 * The built PWA. @hono/node-server's serveStatic already refuses `..`, backslashes and
 * encoded separators; anything it does not find falls through to the app's 404.
 * Hashed assets are immutable; the shell, manifest and service worker must be revalidated
 * so a deployed update is seen.
 */
export function webApp(webDir: string): MiddlewareHandler {
  return serveStatic({
    root: webDir,
    // The hub's admin page is a page of its own at /admin.
    rewriteRequestPath: (path) => (path === '/admin' || path === '/admin/' ? '/admin.html' : path),
    onFound: (path, c) => {
      c.header('Cache-Control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}
