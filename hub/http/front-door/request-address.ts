import type { Context } from 'hono';
import type { TLSSocket } from 'node:tls';
import type { IncomingMessage } from 'node:http';
import { hostnameOf, isLoopbackName } from '../../tls/hub-names.ts';

/** How a request reached the hub: over TLS or not, which name it was sent to, from where. */
export interface RequestAddress {
  secure: boolean;
  /** Secure because a trusted reverse proxy says the client used HTTPS. */
  viaProxy: boolean;
  /** The name in `Host` (or `X-Forwarded-Host` behind a trusted proxy), without the port. */
  hostname: string | null;
  /** `Host` as sent, port included: what links back to the hub carry. */
  host: string | null;
  /** The request came from this machine (a loopback socket). */
  fromThisMachine: boolean;
}

/** Node's request behind Hono's context (@hono/node-server puts it in `c.env.incoming`). */
function incoming(c: Context): IncomingMessage | undefined {
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
}

export function requestAddress(c: Context, trustProxy: boolean): RequestAddress {
  const socket = incoming(c)?.socket as TLSSocket | undefined;
  const forwardedProto = trustProxy
    ? c.req.header('x-forwarded-proto')?.split(',')[0]?.trim()
    : undefined;
  const host =
    (trustProxy ? c.req.header('x-forwarded-host')?.split(',')[0]?.trim() : undefined) ??
    c.req.header('host') ??
    null;
  const remote = socket?.remoteAddress ?? '';
  return {
    secure: socket?.encrypted === true || forwardedProto === 'https',
    viaProxy: socket?.encrypted !== true && forwardedProto === 'https',
    hostname: hostnameOf(host ?? undefined),
    host,
    fromThisMachine:
      remote === '::1' || remote.startsWith('127.') || remote.startsWith('::ffff:127.'),
  };
}

/**
 * A request that may have everything over plain HTTP: addressed to localhost (a secure origin in
 * every browser) from this machine, as the owner at the Pi, scripts and the CLI's tests do.
 */
export function isLocalRequest(address: RequestAddress): boolean {
  return address.hostname !== null && isLoopbackName(address.hostname) && address.fromThisMachine;
}
