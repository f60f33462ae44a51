import type { HubCa } from './tls/hub-tls.ts';
import type { HubNames } from './tls/hub-names.ts';
import { isLoopbackName } from './tls/hub-names.ts';

/** Where to reach a running hub: what `serve` and `demo` print before any log line. */
export interface HubAddresses {
  /** The hub on this machine, where localhost is a secure origin: everything over plain HTTP. */
  local: string;
  /** Per name or address a phone may use: the trust page over HTTP, then the app over HTTPS. */
  network: Array<{ trust: string | null; app: string }>;
  /** The admin page; with the setup code filled in while the hub is not set up. */
  admin: string;
  setupCode: string | null;
  setupCodeFile: string;
  caFingerprint: string | null;
}

export function hubAddresses(o: {
  names: HubNames;
  ports: { http: number; https: number };
  bindHost: string;
  ca: HubCa | null;
  ownCertificate: boolean;
  setupCode: string | null;
  setupCodeFile: string;
}): HubAddresses {
  const everywhere = o.bindHost === '0.0.0.0' || o.bindHost === '::';
  // IPv4 addresses first: every phone reaches them; then mDNS (.local) and other names, then IPv6.
  const rank = (n: string) =>
    /^\d+\.\d+\.\d+\.\d+$/.test(n) ? 0 : n.endsWith('.local') ? 1 : n.includes(':') ? 3 : 2;
  const reachable = everywhere
    ? [...o.names.dns, ...o.names.ips]
        .filter((n) => !isLoopbackName(n))
        .sort((a, b) => rank(a) - rank(b))
    : isLoopbackName(o.bindHost)
      ? []
      : [o.bindHost];
  const bracket = (n: string) => (n.includes(':') ? `[${n}]` : n);
  const setup = o.setupCode ? `#setup=${o.setupCode}` : '';
  return {
    local: `http://localhost:${o.ports.http}/`,
    network: reachable.map((n) => ({
      trust: o.ownCertificate ? null : `http://${bracket(n)}:${o.ports.http}/connect`,
      app: `https://${bracket(n)}:${o.ports.https}/`,
    })),
    admin: `http://localhost:${o.ports.http}/admin${setup}`,
    setupCode: o.setupCode,
    setupCodeFile: o.setupCodeFile,
    caFingerprint: o.ca?.fingerprint ?? null,
  };
}

/** The lines a person reads at start: where to go, and the setup code while it is needed. */
export function describeAddresses(a: HubAddresses): string {
  const lines = [
    '',
    'VinylVault hub is running.',
    `  On this computer:   ${a.local}`,
    `  Admin page:         ${a.admin}`,
  ];
  if (a.network.length > 0) {
    lines.push('  From a phone or another computer on your network:');
    const width = Math.max(...a.network.map((n) => (n.trust ?? '').length));
    for (const n of a.network)
      lines.push(n.trust ? `    ${n.trust.padEnd(width)}  then  ${n.app}` : `    ${n.app}`);
    if (a.network.some((n) => n.trust))
      lines.push(
        "    (the first address shows how to trust the hub's certificate, then leads on to the second)",
      );
  }
  if (a.caFingerprint) lines.push(`  Hub certificate (SHA-256): ${a.caFingerprint}`);
  if (a.setupCode)
    lines.push(
      `  Setup code:         ${a.setupCode}   (the admin page asks for it once; also in ${a.setupCodeFile})`,
    );
  return `${lines.join('\n')}\n\n`;
}
