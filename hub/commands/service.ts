import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { UserError } from '../errors.ts';
import { systemctl } from '../service/systemctl.ts';
import { serviceEnvironment, systemdUnit, UNIT_NAME, UNIT_PATH } from '../service/systemd-unit.ts';
import { UsageError } from './usage-error.ts';

export const serviceHelp =
  'service install|uninstall|status  run the hub at boot under systemd (install: sudo; --print shows the unit)';

const cli = fileURLToPath(new URL('../../bin/vinylvault.js', import.meta.url));

export async function serviceCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { print: { type: 'boolean', default: false }, user: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  const [action, ...extra] = positionals;
  if (extra.length > 0 || !action)
    throw new UsageError('service: give install, uninstall or status');
  switch (action) {
    case 'install':
      return install(values.print, values.user);
    case 'uninstall':
      return uninstall();
    case 'status':
      return status();
    default:
      throw new UsageError(`service: unknown action ${action}; give install, uninstall or status`);
  }
}

/** The account that ran the command: under sudo, the one who typed sudo. */
const invokingUser = () => process.env.SUDO_USER ?? userInfo().username;

function install(print: boolean, user = invokingUser()): number {
  const dataDir = resolve(process.env.VINYLVAULT_DATA_DIR ?? './data');
  const existed = existsSync(dataDir);
  const config = loadConfig();
  const unit = systemdUnit({
    user,
    node: process.execPath,
    cli,
    workingDirectory: dirname(dirname(cli)),
    environment: serviceEnvironment(process.env, config),
  });
  if (print) {
    process.stdout.write(unit);
    return 0;
  }
  if (process.getuid?.() !== 0) {
    throw new UserError(
      `service install writes ${UNIT_PATH}: run it with sudo ("sudo npx vinylvault service install"); the hub then runs as ${user}`,
    );
  }
  // Asked first, so a machine without systemd is told so before anything is written.
  systemctl(['--version']);
  // loadConfig made the data dir if it was missing: it belongs to the hub's user, not root.
  if (!existed && user !== 'root') chownToUser(dataDir, user);
  writeFileSync(UNIT_PATH, unit, { mode: 0o644 });
  systemctl(['daemon-reload']);
  systemctl(['enable', '--now', UNIT_NAME]);
  process.stdout.write(
    `Installed ${UNIT_PATH}: the hub runs now as ${user}, with its data in ${config.dataDir}, and starts at boot.\n` +
      `Its log: journalctl -u vinylvault -f\n`,
  );
  return 0;
}

function chownToUser(dir: string, user: string): void {
  const id = (flag: string) =>
    Number(spawnSync('id', [flag, user], { encoding: 'utf8' }).stdout.trim());
  const uid = id('-u');
  const gid = id('-g');
  if (Number.isNaN(uid) || Number.isNaN(gid))
    throw new UserError(`service install: no user ${user} on this machine`);
  chownSync(dir, uid, gid);
}

function uninstall(): number {
  if (!existsSync(UNIT_PATH)) {
    process.stdout.write(`No ${UNIT_PATH}: the hub is not installed as a service.\n`);
    return 0;
  }
  systemctl(['disable', '--now', UNIT_NAME]);
  rmSync(UNIT_PATH);
  systemctl(['daemon-reload']);
  process.stdout.write(
    `Removed ${UNIT_PATH}; the hub is stopped. Its data dir is left as it was.\n`,
  );
  return 0;
}

function status(): number {
  if (!existsSync(UNIT_PATH)) {
    process.stdout.write(
      `Not installed: no ${UNIT_PATH}. "sudo npx vinylvault service install" installs it.\n`,
    );
    return 3;
  }
  const r = systemctl(['status', '--no-pager', '--lines=5', UNIT_NAME], { check: false });
  process.stdout.write(`${r.out}\n`);
  // systemctl status: 0 running, 3 not running; passed on so scripts can ask.
  return r.code;
}
