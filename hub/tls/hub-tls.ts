import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HubSecurity } from '../../shared/admin-security.ts';
import { ConfigError } from '../config.ts';
import { readPemPair, writePemPair, type PemPair } from './certificate-files.ts';
import type { HubNames } from './hub-names.ts';
import {
  issueCa,
  issueServerCertificate,
  reissueReason,
  subjectNames,
} from './issue-certificates.ts';

export interface TlsOptions {
  dataDir: string;
  /** VINYLVAULT_TLS_CERT and VINYLVAULT_TLS_KEY: the owner's own certificate replaces the hub's. */
  ownCertificate: { certFile: string; keyFile: string } | null;
  /** The machine's names now (hostname, addresses, VINYLVAULT_TLS_HOSTNAMES); asked at every refresh. */
  machineNames: () => HubNames;
  now?: () => Date;
}

/** The hub's CA certificate as phones install it. */
export interface HubCa {
  pem: string;
  der: Buffer;
  /** SHA-256 of the DER, as `AB:CD:…`: what a careful owner compares on the phone. */
  fingerprint: string;
  /** "CN=VinylVault hub pi, O=VinylVault": the name a device's certificate list shows. */
  subject: string;
  validTo: string;
}

/**
 * The certificate the HTTPS port serves, and the names the hub answers to (design.md, HTTPS).
 * With the hub's own CA it makes the CA once (ten years) and a server certificate for every
 * name a phone may use, issuing it again when names change or expiry nears; `refresh()` is
 * called on a timer and the server takes the new pair without a restart. With the owner's
 * certificate it re-reads the files when they change (tailscale cert and certbot renew in place).
 */
export class HubTls {
  #serving: PemPair;
  #names: HubNames;

  private constructor(
    private readonly options: TlsOptions,
    serving: PemPair,
    names: HubNames,
    readonly ca: HubCa | null,
    /** The CA's certificate and key, read once at start, to sign renewals. */
    private readonly caPair: PemPair | null = null,
  ) {
    this.#serving = serving;
    this.#names = names;
  }

  static async open(options: TlsOptions): Promise<HubTls> {
    if (options.ownCertificate) {
      const pair = readOwnCertificate(options.ownCertificate);
      return new HubTls(options, pair, withCertificateNames(options.machineNames(), pair), null);
    }
    const files = caFiles(options.dataDir);
    let ca = readPemPair(files.caCert, files.caKey);
    if (!ca) {
      ca = await issueCa(
        options.machineNames().dns.find((n) => n !== 'localhost' && !n.endsWith('.local')) ?? 'hub',
        options.now?.(),
      );
      writePemPair(files.caCert, files.caKey, ca);
    }
    const cert = new X509Certificate(ca.cert);
    const hubCa = {
      pem: ca.cert,
      der: cert.raw,
      fingerprint: cert.fingerprint256,
      subject: cert.subject.replace(/\n/g, ', '),
      validTo: new Date(cert.validTo).toISOString(),
    };
    const tls = new HubTls(
      options,
      readPemPair(files.serverCert, files.serverKey) ?? { cert: '', key: '' },
      options.machineNames(),
      hubCa,
      ca,
    );
    await tls.refresh();
    return tls;
  }

  /** The certificate and key the HTTPS server presents now. */
  get serving(): PemPair {
    return this.#serving;
  }

  /** Every name and address the hub answers to. */
  get names(): HubNames {
    return this.#names;
  }

  /** The CA and what the served certificate covers, as the admin page's Security panel shows them. */
  describe(): Omit<HubSecurity, 'network'> {
    const server = new X509Certificate(this.#serving.cert);
    const ca = this.ca;
    return {
      ca: ca && { fingerprint: ca.fingerprint, subject: ca.subject, validTo: ca.validTo },
      server: {
        names: subjectNames(server).map((n) => n.replace(/^(DNS|IP):/, '')),
        validTo: new Date(server.validTo).toISOString(),
      },
    };
  }

  answersTo(hostname: string): boolean {
    return this.#names.dns.includes(hostname) || this.#names.ips.includes(hostname);
  }

  /** Takes in changed names or files and issues again where needed; says why when `serving` changed. */
  async refresh(): Promise<string | null> {
    const machine = this.options.machineNames();
    if (this.options.ownCertificate) {
      const pair = readOwnCertificate(this.options.ownCertificate);
      this.#names = withCertificateNames(machine, pair);
      if (pair.cert === this.#serving.cert && pair.key === this.#serving.key) return null;
      this.#serving = pair;
      return 'the certificate files changed';
    }
    this.#names = machine;
    const ca = this.caPair!;
    const reason = this.#serving.cert
      ? reissueReason(this.#serving, ca, machine, this.options.now?.())
      : 'first start';
    if (!reason) return null;
    this.#serving = await issueServerCertificate(ca, machine, this.options.now?.());
    const files = caFiles(this.options.dataDir);
    writePemPair(files.serverCert, files.serverKey, this.#serving);
    return reason;
  }
}

export function caFiles(dataDir: string) {
  const dir = join(dataDir, 'tls');
  return {
    caCert: join(dir, 'ca.crt'),
    caKey: join(dir, 'ca.key'),
    serverCert: join(dir, 'server.crt'),
    serverKey: join(dir, 'server.key'),
  };
}

function readOwnCertificate(files: { certFile: string; keyFile: string }): PemPair {
  const read = (file: string, variable: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch (err) {
      throw new ConfigError(
        `${variable}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      );
    }
  };
  const pair = {
    cert: read(files.certFile, 'VINYLVAULT_TLS_CERT'),
    key: read(files.keyFile, 'VINYLVAULT_TLS_KEY'),
  };
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(pair.cert);
  } catch {
    throw new ConfigError(`VINYLVAULT_TLS_CERT: ${files.certFile} is not a PEM certificate`);
  }
  try {
    if (!cert.checkPrivateKey(createPrivateKey(pair.key)))
      throw new ConfigError(
        `VINYLVAULT_TLS_KEY: ${files.keyFile} is not the key of ${files.certFile}`,
      );
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(`VINYLVAULT_TLS_KEY: ${files.keyFile} is not a PEM private key`);
  }
  return pair;
}

/** The machine's names plus those the owner's certificate was issued for (its DNS names). */
function withCertificateNames(machine: HubNames, pair: PemPair): HubNames {
  const names = subjectNames(new X509Certificate(pair.cert));
  const dns = names.filter((n) => n.startsWith('DNS:')).map((n) => n.slice(4).toLowerCase());
  const ips = names.filter((n) => n.startsWith('IP:')).map((n) => n.slice(3));
  return {
    dns: [...new Set([...machine.dns, ...dns])].sort(),
    ips: [...new Set([...machine.ips, ...ips])].sort(),
  };
}
