import { createHash } from 'node:crypto';
import plist from 'plist';
import type { HubCa } from './hub-tls.ts';

/** A stable UUID from the CA's fingerprint, so the same CA is the same profile on a re-download. */
function uuidFrom(fingerprint: string, salt: string): string {
  const h = createHash('sha256').update(`${salt}:${fingerprint}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`.toUpperCase();
}

/**
 * The configuration profile iOS and iPadOS install a root certificate from (a plain .crt is
 * refused there): one `com.apple.security.root` payload holding the CA. It is not signed, so
 * the phone shows it as "Not Verified"; the trust page says so and gives the fingerprint.
 */
export function appleProfile(ca: HubCa): string {
  const id = ca.fingerprint.replace(/:/g, '').slice(0, 16).toLowerCase();
  return plist.build({
    PayloadContent: [
      {
        PayloadCertificateFileName: 'vinylvault-hub-ca.crt',
        PayloadContent: ca.der,
        PayloadDescription: 'The certificate authority of your VinylVault hub.',
        PayloadDisplayName: 'VinylVault hub CA',
        PayloadIdentifier: `app.vinylvault.hub-ca.${id}`,
        PayloadType: 'com.apple.security.root',
        PayloadUUID: uuidFrom(ca.fingerprint, 'certificate'),
        PayloadVersion: 1,
      },
    ],
    PayloadDescription: 'Lets this device open your VinylVault hub over HTTPS.',
    PayloadDisplayName: 'VinylVault hub',
    PayloadIdentifier: `app.vinylvault.hub.${id}`,
    PayloadRemovalDisallowed: false,
    PayloadType: 'Configuration',
    PayloadUUID: uuidFrom(ca.fingerprint, 'profile'),
    PayloadVersion: 1,
  });
}
