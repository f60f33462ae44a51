import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { hostnameOf, hubNames, isLoopbackName } from './hub-names.ts';

const nic = (address: string, family: 'IPv4' | 'IPv6', internal = false) =>
  ({ address, family, internal, netmask: '', mac: '', cidr: null }) as NetworkInterfaceInfo;

describe('the names a phone may use for the hub', () => {
  it('are the hostname, its .local name, localhost, every usable address and the extra names', () => {
    const interfaces = {
      lo: [nic('127.0.0.1', 'IPv4', true), nic('::1', 'IPv6', true)],
      wlan0: [nic('192.168.1.20', 'IPv4'), nic('fe80::1c2:3', 'IPv6'), nic('fd00::20', 'IPv6')],
    };
    expect(hubNames('VinylPi', interfaces, ['Vinyl.Home', ' '])).toEqual({
      dns: ['localhost', 'vinyl.home', 'vinylpi', 'vinylpi.local'],
      ips: ['127.0.0.1', '192.168.1.20', '::1', 'fd00::20'],
    });
    expect(hubNames('pi.local', {}, []).dns).toEqual(['localhost', 'pi', 'pi.local']);
  });

  it('reads a Host header without port or brackets, and knows loopback', () => {
    expect(hostnameOf('Hub.Test:8443')).toBe('hub.test');
    expect(hostnameOf('[::1]:8080')).toBe('::1');
    expect(hostnameOf('bad host')).toBeNull();
    expect(hostnameOf(undefined)).toBeNull();
    expect(['localhost', 'app.localhost', '127.0.0.2', '::1'].every(isLoopbackName)).toBe(true);
    expect(isLoopbackName('192.168.1.20')).toBe(false);
  });
});
