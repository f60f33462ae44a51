import { describe, expect, it } from 'vitest';
import { lanRequest } from '../../tests/helpers/lan-request.ts';
import { issueCa, issueServerCertificate } from '../tls/issue-certificates.ts';
import { listen } from './listeners.ts';

describe('the hub listeners', () => {
  it('serve the same app on HTTP and HTTPS, and take a new certificate without a restart', async () => {
    const names = { dns: ['localhost'], ips: ['127.0.0.1'] };
    const [oldCa, newCa] = [await issueCa('old'), await issueCa('new')];
    const listeners = await listen(() => new Response('hello'), {
      host: '127.0.0.1',
      port: 0,
      httpsPort: 0,
      certificate: await issueServerCertificate(oldCa, names),
    });
    try {
      expect((await lanRequest(`http://localhost:${listeners.httpPort}/`)).text()).toBe('hello');
      expect(
        (await lanRequest(`https://localhost:${listeners.httpsPort}/`, { ca: oldCa.cert })).text(),
      ).toBe('hello');
      listeners.setCertificate(await issueServerCertificate(newCa, names));
      expect(
        (await lanRequest(`https://localhost:${listeners.httpsPort}/`, { ca: newCa.cert })).text(),
      ).toBe('hello');
      await expect(
        lanRequest(`https://localhost:${listeners.httpsPort}/`, { ca: oldCa.cert }),
      ).rejects.toThrow(/unable to verify/);
    } finally {
      await listeners.close();
    }
  });

  it('says which variable names a port already in use', async () => {
    const first = await listen(() => new Response(''), {
      host: '127.0.0.1',
      port: 0,
      httpsPort: 0,
      certificate: await issueServerCertificate(await issueCa('x'), {
        dns: ['localhost'],
        ips: [],
      }),
    });
    try {
      await expect(
        listen(() => new Response(''), {
          host: '127.0.0.1',
          port: 0,
          httpsPort: first.httpsPort,
          certificate: { cert: '', key: '' },
        }),
      ).rejects.toThrow(`VINYLVAULT_HTTPS_PORT: port ${first.httpsPort} is already in use`);
    } finally {
      await first.close();
    }
  });
});
