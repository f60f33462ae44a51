import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
} from 'playwright-core';
import { writePemPair, type PemPair } from '../../hub/tls/certificate-files.ts';
import { caFiles } from '../../hub/tls/hub-tls.ts';
import { issueCa } from '../../hub/tls/issue-certificates.ts';
import type { ServedHub } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { browserLaunchOptions } from './browser.ts';

/**
 * Browser tests see the hub as a phone on the home network does (design.md, HTTPS): by a name
 * that is not localhost, which Chromium maps to loopback so no traffic leaves the machine, over
 * HTTPS with the hub's own certificate, trusted the way a person trusts it: in the NSS database
 * of the browser's HOME. (Playwright's ignoreHTTPSErrors would leave service workers unregistered.)
 */
export const HUB_NAME = 'hub.test';

/** What serveHub needs for a hub that answers to HUB_NAME. */
export const hubNameEnv = { VINYLVAULT_TLS_HOSTNAMES: HUB_NAME };

export const secureOrigin = (hub: ServedHub) => `https://${HUB_NAME}:${hub.httpsPort}`;
export const plainOrigin = (hub: ServedHub) => `http://${HUB_NAME}:${hub.port}`;

/** A HOME whose NSS database (Chromium's certificate store on Linux) trusts `caDer`, if given. */
export function browserHome(caDer?: Buffer): string {
  const home = tempDir();
  const db = `sql:${join(home, '.pki', 'nssdb')}`;
  mkdirSync(join(home, '.pki', 'nssdb'), { recursive: true });
  execFileSync('certutil', ['-d', db, '-N', '--empty-password']);
  if (caDer) trustInBrowserHome(home, caDer);
  return home;
}

/** What a person does in the certificate settings: trust the CA for identifying websites. */
export function trustInBrowserHome(home: string, caDer: Buffer): void {
  const file = join(home, 'hub-ca.crt');
  writeFileSync(file, caDer);
  execFileSync('certutil', [
    '-d',
    `sql:${join(home, '.pki', 'nssdb')}`,
    '-A',
    '-t',
    'C,,',
    '-n',
    'vinylvault-hub',
    '-i',
    file,
  ]);
}

function launchOptions(home: string, extraArgs: string[] = []) {
  const options = browserLaunchOptions();
  return {
    ...options,
    args: [
      ...(options.args ?? []),
      `--host-resolver-rules=MAP ${HUB_NAME} 127.0.0.1`,
      ...extraArgs,
    ],
    env: { ...process.env, HOME: home },
  };
}

/**
 * Debian's Chromium with HUB_NAME mapped to 127.0.0.1 and the given HOME's certificates;
 * `extraArgs` e.g. give it a fake camera.
 */
export function launchChromium(home: string, extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch(launchOptions(home, extraArgs));
}

/**
 * The same, with a profile on disk as a person's browser has: Chromium offers installation only
 * there (Playwright's other contexts count as incognito).
 */
export function launchProfile(
  home: string,
  context: BrowserContextOptions,
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(join(home, 'profile'), {
    ...launchOptions(home),
    ...context,
  });
}

/**
 * One CA for a test file's hubs, made by the hub's own code and trusted by its browser: each hub
 * is started on a data dir seeded with it, as a hub whose CA the phone trusts already.
 */
export class TrustedHubs {
  private constructor(
    readonly ca: PemPair,
    readonly browser: Browser,
  ) {}

  static async start(extraArgs: string[] = []): Promise<TrustedHubs> {
    const ca = await issueCa(HUB_NAME);
    const home = browserHome(new X509Certificate(ca.cert).raw);
    return new TrustedHubs(ca, await launchChromium(home, extraArgs));
  }

  /** A new data dir holding this CA, for serveHub. */
  dataDir(): string {
    const dir = tempDir();
    const files = caFiles(dir);
    writePemPair(files.caCert, files.caKey, this.ca);
    return dir;
  }

  close(): Promise<void> {
    return this.browser.close();
  }
}

/**
 * A new pairing code, as the app's HTTPS address that the trust page's "Open VinylVault" leads
 * a device to once it trusts the hub (phone-on-lan.test.ts walks the trust page itself).
 */
export async function pairingLink(hub: ServedHub): Promise<string> {
  const { code } = (await (await hub.api('/api/admin/pairing', { method: 'POST' })).json()) as {
    code: string;
  };
  return `${secureOrigin(hub)}/#pair=${encodeURIComponent(code)}`;
}
