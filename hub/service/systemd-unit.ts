import type { Config } from '../config.ts';

export const UNIT_NAME = 'vinylvault.service';
export const UNIT_PATH = `/etc/systemd/system/${UNIT_NAME}`;

export interface UnitOptions {
  /** The account the hub runs as: the one that ran `service install` (sudo's SUDO_USER). */
  user: string;
  /** This Node.js binary, and the CLI's entry: node runs the hub directly, not through npm. */
  node: string;
  cli: string;
  workingDirectory: string;
  environment: Record<string, string>;
}

/**
 * The settings `service install` carries into the unit: the hub's own and Discogs' variables as
 * set where it was run, with the data dir and certificate files as absolute paths.
 */
export function serviceEnvironment(env: NodeJS.ProcessEnv, config: Config): Record<string, string> {
  const carried = Object.entries(env).filter(
    (e): e is [string, string] => /^(VINYLVAULT|DISCOGS)_/.test(e[0]) && e[1] !== undefined,
  );
  const out: Record<string, string> = Object.fromEntries(carried);
  out.VINYLVAULT_DATA_DIR = config.dataDir;
  if (config.ownCertificate) {
    out.VINYLVAULT_TLS_CERT = config.ownCertificate.certFile;
    out.VINYLVAULT_TLS_KEY = config.ownCertificate.keyFile;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/** A value as systemd reads it inside double quotes: `%` starts a specifier, `\` and `"` escape. */
const quoted = (value: string) =>
  `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/%/g, '%%')}"`;

/**
 * The systemd unit that runs the hub at boot and restarts it when it fails. Written by hand: a
 * dozen lines of INI whose every key is this product's decision, where a unit-file library
 * would add a dependency for the quoting alone.
 */
export function systemdUnit(o: UnitOptions): string {
  return [
    '# Written by `vinylvault service install`; `vinylvault service uninstall` removes it.',
    '[Unit]',
    'Description=VinylVault hub: your Discogs collection and catalog at home',
    'Wants=network-online.target',
    'After=network-online.target',
    '',
    '[Service]',
    'Type=simple',
    `User=${o.user}`,
    // A path setting: the rest of the line, unquoted.
    `WorkingDirectory=${o.workingDirectory.replace(/%/g, '%%')}`,
    ...Object.entries(o.environment).map(([k, v]) => `Environment=${quoted(`${k}=${v}`)}`),
    `ExecStart=${quoted(o.node)} ${quoted(o.cli)} serve`,
    'Restart=on-failure',
    'RestartSec=5',
    // A dump run stops at its next batch boundary on SIGTERM; give it time before SIGKILL.
    'TimeoutStopSec=60',
    'NoNewPrivileges=true',
    'PrivateTmp=true',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n');
}
