import { describe, expect, it } from 'vitest';
import { describeAddresses, hubAddresses } from './hub-addresses.ts';

const names = {
  dns: ['localhost', 'pi', 'pi.local'],
  ips: ['127.0.0.1', '192.168.1.20', '::1', 'fd00::20'],
};
const base = {
  names,
  ports: { http: 8080, https: 8443 },
  ca: {
    pem: '',
    der: Buffer.alloc(0),
    fingerprint: 'AB:CD',
    subject: 'CN=VinylVault hub pi',
    validTo: '2036-01-01T00:00:00.000Z',
  },
  ownCertificate: false,
  setupCodeFile: '/data/setup-code.txt',
};

describe('where to go, as the hub prints it at start', () => {
  it('lists the trust page and the HTTPS address of every name a phone may use, IPv4 first, and the setup code while it is needed', () => {
    const text = describeAddresses(
      hubAddresses({ ...base, bindHost: '0.0.0.0', setupCode: 'ABCD-EFGH' }),
    );
    expect(text).toContain('Admin page:         http://localhost:8080/admin#setup=ABCD-EFGH');
    const lines = text.split('\n').filter((l) => l.startsWith('    http'));
    expect(lines.map((l) => l.trim().split(/\s+/)[0])).toEqual([
      'http://192.168.1.20:8080/connect',
      'http://pi.local:8080/connect',
      'http://pi:8080/connect',
      'http://[fd00::20]:8080/connect',
    ]);
    expect(lines[0]).toMatch(/then {2}https:\/\/192\.168\.1\.20:8443\/$/);
    expect(text).toContain('Hub certificate (SHA-256): AB:CD');
    expect(text).toContain(
      'Setup code:         ABCD-EFGH   (the admin page asks for it once; also in /data/setup-code.txt)',
    );
  });

  it('lists no network address for a hub bound to loopback, and no setup code once it is used', () => {
    const text = describeAddresses(
      hubAddresses({ ...base, bindHost: '127.0.0.1', setupCode: null }),
    );
    expect(text).not.toContain('From a phone');
    expect(text).not.toContain('Setup code');
    expect(text).toContain('Admin page:         http://localhost:8080/admin\n');
  });

  it('goes straight to HTTPS with the owner’s certificate', () => {
    const a = hubAddresses({
      ...base,
      ca: null,
      ownCertificate: true,
      bindHost: '0.0.0.0',
      setupCode: null,
    });
    expect(a.network[0]).toEqual({ trust: null, app: 'https://192.168.1.20:8443/' });
  });
});
