import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { pairingOrigin } from '../../hub/http/pairing-origin.ts';

const nic = (address: string, family: 'IPv4' | 'IPv6', internal: boolean) => ({ address, family, internal, netmask: '', mac: '', cidr: null }) as NetworkInterfaceInfo;
const interfaces = { lo: [nic('127.0.0.1', 'IPv4', true)], eth0: [nic('fe80::1', 'IPv6', false), nic('192.168.1.20', 'IPv4', false)] };

describe('the origin a pairing link carries', () => {
  it('is the LAN address when the admin page was opened as localhost on a hub listening everywhere', () => {
    expect(pairingOrigin('http://localhost:8080', '0.0.0.0', interfaces)).toBe('http://192.168.1.20:8080');
    expect(pairingOrigin('http://127.0.0.1:8080', '::', interfaces)).toBe('http://192.168.1.20:8080');
  });

  it('is the request origin otherwise: a LAN name, a loopback-only hub, or no LAN interface', () => {
    expect(pairingOrigin('http://vinylvault.local:8080', '0.0.0.0', interfaces)).toBe('http://vinylvault.local:8080');
    expect(pairingOrigin('http://127.0.0.1:9000', '127.0.0.1', interfaces)).toBe('http://127.0.0.1:9000');
    expect(pairingOrigin('http://localhost:8080', '0.0.0.0', { lo: interfaces.lo })).toBe('http://localhost:8080');
  });
});
