import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';

/**
 * The built PWA. @hono/node-server's serveStatic already refuses `..`, backslashes and
 * encoded separators; anything it does not find falls through to the app's 404.
 * Hashed assets are immutable; the shell, manifest and service worker must be revalidated
 * so a deployed update is seen.
 */
const pages: Record<string, string> = { '/admin': '/admin.html', '/connect': '/connect.html' };

export function webApp(webDir: string): MiddlewareHandler {
  return serveStatic({
    root: webDir,
    // The hub's admin page and the trust step's "Connect this device" are pages of their own.
    rewriteRequestPath: (path) => pages[path.replace(/\/$/, '')] ?? path,
    // Built assets sit beside their gzip and brotli copies (vite.config.ts).
    precompressed: true,
    onFound: (path, c) => {
      c.header(
        'Cache-Control',
        /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
}
