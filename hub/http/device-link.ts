import type { NetworkInterfaceInfo } from 'node:os';
import { isLoopbackName } from '../tls/hub-names.ts';
import type { RequestAddress } from './front-door/request-address.ts';

export interface DeviceLinkOptions {
  bindHost: string;
  interfaces: () => Record<string, NetworkInterfaceInfo[] | undefined>;
  httpPort: () => number;
  httpsPort: () => number;
  ownCertificate: boolean;
}

/**
 * Where a new device should open the hub, for pairing links and QR codes (design.md, HTTPS).
 * A phone does not trust the hub's CA yet, so it starts at the "Connect this device" page over
 * plain HTTP, which leads it on to HTTPS. The admin often opens the admin page on the Pi itself
 * as localhost; the link is for a phone, so when the hub listens on every interface a loopback
 * name becomes the machine's first LAN IPv4 address. A hub bound to loopback only is reached
 * from this machine, where localhost is secure and the app opens directly; with the owner's
 * certificate, or behind a proxy that serves HTTPS, the link is the HTTPS address itself.
 */
export function deviceLink(address: RequestAddress, options: DeviceLinkOptions): string {
  if (address.viaProxy && address.host) return `https://${address.host}/`;
  let host = address.hostname ?? 'localhost';
  if (isLoopbackName(host) && (options.bindHost === '0.0.0.0' || options.bindHost === '::')) {
    const lan = Object.values(options.interfaces())
      .flatMap((list) => list ?? [])
      .find((i) => i.family === 'IPv4' && !i.internal);
    if (lan) host = lan.address;
  }
  const name = host.includes(':') ? `[${host}]` : host;
  if (isLoopbackName(host)) return `http://${name}:${options.httpPort()}/`;
  if (options.ownCertificate) return `https://${name}:${options.httpsPort()}/`;
  return `http://${name}:${options.httpPort()}/connect`;
}
