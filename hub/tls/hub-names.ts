import type { NetworkInterfaceInfo } from 'node:os';

/** The names and addresses a phone may use to reach the hub, as certificate subject names. */
export interface HubNames {
  dns: string[];
  ips: string[];
}

const LOOPBACK_IPS = ['127.0.0.1', '::1'];

/**
 * What the hub's certificate covers and which `Host` it answers to (design.md, HTTPS): its
 * hostname, `<hostname>.local` (mDNS), localhost, every address of the machine and the extra
 * names of VINYLVAULT_TLS_HOSTNAMES. IPv6 link-local addresses are left out: a browser cannot
 * use them without a zone id. Sorted, so two lists compare equal when they hold the same names.
 */
export function hubNames(
  hostname: string,
  interfaces: Record<string, NetworkInterfaceInfo[] | undefined>,
  extra: string[],
): HubNames {
  const host = hostname.toLowerCase().replace(/\.local$/, '');
  const dns = new Set(['localhost', ...extra.map((n) => n.trim().toLowerCase()).filter(Boolean)]);
  if (host) dns.add(host).add(`${host}.local`);
  const ips = new Set(LOOPBACK_IPS);
  for (const info of Object.values(interfaces).flatMap((list) => list ?? [])) {
    if (info.family === 'IPv6' && /^fe[89ab]/i.test(info.address)) continue;
    ips.add(info.address);
  }
  return { dns: [...dns].sort(), ips: [...ips].sort() };
}

/** The hostname a `Host` header names, lower-case and without port or IPv6 brackets. */
export function hostnameOf(hostHeader: string | undefined): string | null {
  if (!hostHeader) return null;
  try {
    return new URL(`http://${hostHeader}`).hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  } catch {
    return null;
  }
}

export function isLoopbackName(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    hostname === '::1' ||
    /^127\./.test(hostname)
  );
}
