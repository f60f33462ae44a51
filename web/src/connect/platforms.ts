/** The systems the trust page has steps for. */
export type Platform = 'android' | 'ios' | 'macos' | 'windows' | 'linux';

export const platformNames: Record<Platform, string> = {
  android: 'Android',
  ios: 'iPhone and iPad',
  macos: 'Mac',
  windows: 'Windows',
  linux: 'Linux and ChromeOS',
};

/** The platform a browser runs on, from its User-Agent; iPadOS reports itself as a Mac with touch. */
export function detectPlatform(userAgent: string, maxTouchPoints: number): Platform {
  if (/iPhone|iPad|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && maxTouchPoints > 1))
    return 'ios';
  if (/Android/.test(userAgent)) return 'android';
  if (/Macintosh|Mac OS X/.test(userAgent)) return 'macos';
  if (/Windows/.test(userAgent)) return 'windows';
  return 'linux';
}

/** What the person downloads on each platform: iOS installs root certificates only from a profile. */
export function downloadFor(platform: Platform): { href: string; label: string } {
  return platform === 'ios'
    ? { href: '/ca.mobileconfig', label: 'Download the profile' }
    : { href: '/ca.crt', label: 'Download the certificate' };
}

/** The steps, in words, after the download, to trust the hub's certificate. */
export const trustSteps: Record<Platform, string[]> = {
  android: [
    'Tap "Download the certificate" above. It is saved in Downloads as vinylvault-hub-ca.crt.',
    'Open Settings → Security and privacy → More security settings → Encryption and credentials → Install a certificate → CA certificate (on some phones: Settings → Security → Install from storage).',
    'Tap "Install anyway", then choose vinylvault-hub-ca.crt from Downloads. Android may ask for your screen lock.',
    'Come back to this page and tap "Open VinylVault".',
  ],
  ios: [
    'In Safari, tap "Download the profile" above, then "Allow". (Other browsers on iPhone cannot install profiles.)',
    'Open Settings → General → VPN and Device Management, tap "VinylVault hub" and Install. It shows "Not Verified": that is expected for your hub\'s own certificate.',
    'Then Settings → General → About → Certificate Trust Settings, and turn on full trust for "VinylVault hub …".',
    'Come back to Safari and tap "Open VinylVault". To install the app: Share → Add to Home Screen.',
  ],
  macos: [
    'Click "Download the certificate" above, then open the downloaded file: Keychain Access adds it to your login keychain.',
    'In Keychain Access, double-click "VinylVault hub …", open Trust, and set "When using this certificate" to Always Trust. Close the window and enter your password.',
    'Quit and reopen the browser, then click "Open VinylVault". (Firefox keeps its own list: Settings → Privacy and Security → Certificates → View Certificates → Authorities → Import.)',
  ],
  windows: [
    'Click "Download the certificate" above and open the file.',
    'Choose Install Certificate… → Current User → "Place all certificates in the following store" → Browse → Trusted Root Certification Authorities → Next → Finish, and Yes to the warning.',
    'Quit and reopen the browser, then click "Open VinylVault".',
  ],
  linux: [
    'Click "Download the certificate" above.',
    'In Chrome or Chromium (and on a Chromebook): Settings → Privacy and security → Security → Manage certificates → Authorities (or "Installed by you") → Import, choose vinylvault-hub-ca.crt and tick "Trust this certificate for identifying websites".',
    'In Firefox: Settings → Privacy and Security → Certificates → View Certificates → Authorities → Import. From a terminal, for Chromium: certutil -d sql:$HOME/.pki/nssdb -A -t C,, -n vinylvault -i vinylvault-hub-ca.crt',
    'Reload this page, then click "Open VinylVault".',
  ],
};
