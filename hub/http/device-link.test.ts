import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { deviceLink, type DeviceLinkOptions } from './device-link.ts';
import type { RequestAddress } from './front-door/request-address.ts';

const nic = (address: string, family: 'IPv4' | 'IPv6', internal: boolean) =>
  ({ address, family, internal, netmask: '', mac: '', cidr: null }) as NetworkInterfaceInfo;
const interfaces = {
  lo: [nic('127.0.0.1', 'IPv4', true)],
  eth0: [nic('fe80::1', 'IPv6', false), nic('192.168.1.20', 'IPv4', false)],
};
const options = (o: Partial<DeviceLinkOptions> = {}): DeviceLinkOptions => ({
  bindHost: '0.0.0.0',
  interfaces: () => interfaces,
  httpPort: () => 8080,
  httpsPort: () => 8443,
  ownCertificate: false,
  ...o,
});
const sentTo = (host: string, o: Partial<RequestAddress> = {}): RequestAddress => ({
  secure: false,
  viaProxy: false,
  host,
  hostname: host.replace(/:\d+$/, ''),
  fromThisMachine: false,
  ...o,
});

describe('the address a pairing link carries', () => {
  it('leads a phone through the trust page over plain HTTP, on the name the admin used', () => {
    expect(deviceLink(sentTo('pi.local:8443', { secure: true }), options())).toBe(
      'http://pi.local:8080/connect',
    );
    expect(deviceLink(sentTo('192.168.1.20:8080'), options())).toBe(
      'http://192.168.1.20:8080/connect',
    );
  });

  it('uses the LAN address when the admin page was opened as localhost on a hub listening everywhere', () => {
    expect(deviceLink(sentTo('localhost:8080', { fromThisMachine: true }), options())).toBe(
      'http://192.168.1.20:8080/connect',
    );
    expect(
      deviceLink(sentTo('127.0.0.1:8080', { fromThisMachine: true }), options({ bindHost: '::' })),
    ).toBe('http://192.168.1.20:8080/connect');
  });

  it('opens the app directly on a loopback-only hub, or with no LAN interface: localhost is secure', () => {
    expect(
      deviceLink(
        sentTo('127.0.0.1:9000'),
        options({ bindHost: '127.0.0.1', httpPort: () => 9000 }),
      ),
    ).toBe('http://127.0.0.1:9000/');
    expect(
      deviceLink(sentTo('localhost:8080'), options({ interfaces: () => ({ lo: interfaces.lo }) })),
    ).toBe('http://localhost:8080/');
  });

  it('goes straight to HTTPS with the owner’s certificate, or behind a proxy that serves HTTPS', () => {
    expect(
      deviceLink(
        sentTo('vinyl.tailnet.ts.net:8443', { secure: true }),
        options({ ownCertificate: true }),
      ),
    ).toBe('https://vinyl.tailnet.ts.net:8443/');
    expect(
      deviceLink(sentTo('vinyl.example.org', { secure: true, viaProxy: true }), options()),
    ).toBe('https://vinyl.example.org/');
  });
});
