import type { NetworkInterfaceInfo } from 'node:os';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The address a pairing link should carry. The admin often opens the hub's page on the Pi
 * itself, as localhost, but the link is for a phone: when the hub listens on every interface,
 * a loopback origin becomes the machine's first LAN IPv4 address, same port.
 */
export function pairingOrigin(requestOrigin: string, bindHost: string, interfaces: Record<string, NetworkInterfaceInfo[] | undefined>): string {
  const url = new URL(requestOrigin);
  if (!LOOPBACK.has(url.hostname) || (bindHost !== '0.0.0.0' && bindHost !== '::')) return url.origin;
  const lan = Object.values(interfaces)
    .flatMap((list) => list ?? [])
    .find((i) => i.family === 'IPv4' && !i.internal);
  return lan ? `${url.protocol}//${lan.address}${url.port ? `:${url.port}` : ''}` : url.origin;
}
