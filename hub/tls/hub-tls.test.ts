import { X509Certificate } from 'node:crypto';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/helpers/temp-dir.ts';
import { ConfigError } from '../config.ts';
import type { HubNames } from './hub-names.ts';
import { caFiles, HubTls } from './hub-tls.ts';
import { issueCa, issueServerCertificate } from './issue-certificates.ts';

const DAY = 86_400_000;
const names = (...ips: string[]): HubNames => ({
  dns: ['localhost', 'pi', 'pi.local'],
  ips: ['127.0.0.1', '::1', ...ips],
});
const sans = (pem: string) => new X509Certificate(pem).subjectAltName;

describe('the hub certificate authority and its server certificate', () => {
  it('makes a ten-year CA with a private key only its owner reads, and a server certificate for every name', async () => {
    const dir = tempDir();
    const tls = await HubTls.open({
      dataDir: dir,
      ownCertificate: null,
      machineNames: () => names('192.168.1.20'),
    });
    const files = caFiles(dir);
    expect(statSync(files.caKey).mode & 0o777).toBe(0o600);
    expect(statSync(files.serverKey).mode & 0o777).toBe(0o600);
    const ca = new X509Certificate(tls.ca!.pem);
    expect(ca.ca).toBe(true);
    expect((Date.parse(ca.validTo) - Date.now()) / DAY).toBeGreaterThan(3640);
    const server = new X509Certificate(tls.serving.cert);
    expect(server.checkIssued(ca) && server.verify(ca.publicKey)).toBe(true);
    expect((Date.parse(server.validTo) - Date.parse(server.validFrom)) / DAY).toBeLessThanOrEqual(
      398,
    );
    expect(sans(tls.serving.cert)).toBe(
      'DNS:localhost, DNS:pi, DNS:pi.local, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, IP Address:192.168.1.20',
    );
    expect(tls.ca!.fingerprint).toBe(ca.fingerprint256);
    expect(
      tls.answersTo('pi.local') && tls.answersTo('192.168.1.20') && !tls.answersTo('evil.example'),
    ).toBe(true);

    // The next start keeps both.
    const again = await HubTls.open({
      dataDir: dir,
      ownCertificate: null,
      machineNames: () => names('192.168.1.20'),
    });
    expect([again.ca!.pem, again.serving.cert]).toEqual([tls.ca!.pem, tls.serving.cert]);
  });

  it('issues the server certificate again when an address changes or expiry is 30 days away, with the same CA', async () => {
    const dir = tempDir();
    let ips = ['192.168.1.20'];
    let now = new Date();
    const tls = await HubTls.open({
      dataDir: dir,
      ownCertificate: null,
      machineNames: () => names(...ips),
      now: () => now,
    });
    const first = tls.serving.cert;
    expect(await tls.refresh()).toBeNull();

    ips = ['192.168.1.20', '10.0.0.9'];
    expect(await tls.refresh()).toBe('names changed (IP:10.0.0.9)');
    expect(sans(tls.serving.cert)).toContain('IP Address:10.0.0.9');
    expect(tls.answersTo('10.0.0.9')).toBe(true);

    now = new Date(Date.now() + 370 * DAY);
    expect(await tls.refresh()).toMatch(/^expires \d{4}-\d{2}-\d{2}$/);
    const renewed = new X509Certificate(tls.serving.cert);
    expect(Date.parse(renewed.validTo)).toBeGreaterThan(now.getTime() + 390 * DAY);
    expect(renewed.verify(new X509Certificate(tls.ca!.pem).publicKey)).toBe(true);
    expect(tls.serving.cert).not.toBe(first);
  });

  it('serves the owner’s certificate instead, answering to its names, and re-reads it when renewed', async () => {
    const dir = tempDir();
    const ca = await issueCa('elsewhere');
    const write = async (name: string) => {
      const pair = await issueServerCertificate(ca, { dns: [name], ips: [] });
      writeFileSync(join(dir, 'cert.pem'), pair.cert);
      writeFileSync(join(dir, 'key.pem'), pair.key);
    };
    await write('vinyl.tailnet.ts.net');
    const own = { certFile: join(dir, 'cert.pem'), keyFile: join(dir, 'key.pem') };
    const tls = await HubTls.open({
      dataDir: dir,
      ownCertificate: own,
      machineNames: () => names(),
    });
    expect(tls.ca).toBeNull();
    expect(tls.answersTo('vinyl.tailnet.ts.net')).toBe(true);
    expect(await tls.refresh()).toBeNull();
    await write('vinyl.tailnet.ts.net');
    expect(await tls.refresh()).toBe('the certificate files changed');

    writeFileSync(join(dir, 'key.pem'), (await issueCa('another')).key);
    await expect(tls.refresh()).rejects.toThrow(
      new ConfigError(`VINYLVAULT_TLS_KEY: ${own.keyFile} is not the key of ${own.certFile}`),
    );
    writeFileSync(join(dir, 'cert.pem'), 'not a certificate');
    await expect(
      HubTls.open({ dataDir: dir, ownCertificate: own, machineNames: () => names() }),
    ).rejects.toThrow(`VINYLVAULT_TLS_CERT: ${own.certFile} is not a PEM certificate`);
  });
});
