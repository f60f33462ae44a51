import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * Security headers on every response (Hono's secureHeaders). Scripts only from the hub itself
 * (and WebAssembly it serves);
 * styles may be inline because Svelte sets `style` attributes; no framing by anyone. No HSTS: it
 * binds a host name, not a port, and would turn the plain-HTTP trust page (`http://pi.local:8080`)
 * into a broken https URL on every device that once opened the app.
 */
export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    strictTransportSecurity: false,
    xFrameOptions: 'DENY',
    referrerPolicy: 'same-origin',
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      // Compiling WebAssembly, not eval: the barcode decoder (zxing-wasm) where the browser has none.
      scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      mediaSrc: ["'self'", 'blob:'],
      connectSrc: ["'self'", 'https:'],
      workerSrc: ["'self'"],
      manifestSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  });
}
