// @peculiar/x509 resolves its ASN.1 parts through tsyringe, which needs this polyfill first.
import 'reflect-metadata';
import { webcrypto, X509Certificate as NodeCertificate } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { PemPair } from './certificate-files.ts';
import type { HubNames } from './hub-names.ts';

// @peculiar/x509: typed, and it signs with the WebCrypto built into Node, so the hub carries no
// crypto code of its own and needs no openssl binary. ECDSA P-256 keys are made in milliseconds
// even on a Pi (node-forge, the other common choice, only makes RSA keys, in slow pure JS), and
// every current phone and desktop accepts them.
x509.cryptoProvider.set(webcrypto as never);

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const DAY = 86_400_000;
/** The CA lives ten years: phones trust it once. */
export const CA_DAYS = 3650;
/** Browsers refuse server certificates valid for longer than 398 days; 397 keeps clear of it. */
export const SERVER_DAYS = 397;

async function keyPair(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function keyPem(key: CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

/** The hub's own certificate authority, named after the machine so the owner recognises it. */
export async function issueCa(hostname: string, now = new Date()): Promise<PemPair> {
  const keys = await keyPair();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=VinylVault hub ${hostname.replace(/[,+="<>#;\\]/g, ' ')}, O=VinylVault`,
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + CA_DAYS * DAY),
    signingAlgorithm: ALGORITHM,
    keys: keys as never,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert: cert.toString('pem'), key: await keyPem(keys.privateKey) };
}

/** A server certificate for every name in `names`, signed by the CA. */
export async function issueServerCertificate(
  ca: PemPair,
  names: HubNames,
  now = new Date(),
): Promise<PemPair> {
  const caCert = new x509.X509Certificate(ca.cert);
  const caKey = await webcrypto.subtle.importKey(
    'pkcs8',
    x509.PemConverter.decodeFirst(ca.key),
    ALGORITHM,
    false,
    ['sign'],
  );
  const keys = await keyPair();
  const cert = await x509.X509CertificateGenerator.create({
    subject: `CN=${names.dns.find((n) => n !== 'localhost') ?? 'localhost'}`,
    issuer: caCert.subject,
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + SERVER_DAYS * DAY),
    signingAlgorithm: ALGORITHM,
    publicKey: keys.publicKey,
    signingKey: caKey as never,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        ...names.dns.map((value) => ({ type: 'dns' as const, value })),
        ...names.ips.map((value) => ({ type: 'ip' as const, value })),
      ]),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
    ],
  });
  return { cert: cert.toString('pem'), key: await keyPem(keys.privateKey) };
}

/**
 * Why a server certificate must be issued again, or null while it still fits: signed by
 * another CA (a restored or replaced one), names or addresses changed, or 30 days from expiry.
 */
export function reissueReason(
  server: PemPair,
  ca: PemPair,
  names: HubNames,
  now = new Date(),
): string | null {
  const cert = new NodeCertificate(server.cert);
  const issuer = new NodeCertificate(ca.cert);
  if (!cert.checkIssued(issuer) || !cert.verify(issuer.publicKey))
    return 'not signed by the hub CA';
  if (new Date(cert.validTo).getTime() - now.getTime() < 30 * DAY)
    return `expires ${new Date(cert.validTo).toISOString().slice(0, 10)}`;
  const covered = subjectNames(cert);
  const wanted = [...names.dns.map((n) => `DNS:${n}`), ...names.ips.map((n) => `IP:${n}`)].sort();
  if (covered.join() !== wanted.join())
    return `names changed (${wanted.filter((n) => !covered.includes(n)).join(', ') || 'fewer names'})`;
  return null;
}

/** A certificate's subject alternative names as `DNS:name` and `IP:address`, sorted. */
export function subjectNames(cert: NodeCertificate): string[] {
  return (cert.subjectAltName ?? '')
    .split(', ')
    .filter(Boolean)
    .map((n) => n.replace(/^IP Address:/, 'IP:'))
    .map((n) => (n.startsWith('IP:') ? `IP:${normalizeIp(n.slice(3))}` : n))
    .sort();
}

// Node prints IPv6 SANs in full (0:0:0:0:0:0:0:1); the hub's lists use the short form.
function normalizeIp(ip: string): string {
  return ip.includes(':') ? new URL(`http://[${ip}]`).hostname.slice(1, -1) : ip;
}
