import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { UserError } from '../errors.ts';

/**
 * Runs systemctl; a machine without systemd, or a refusal, is said in one line. Whether systemd
 * runs is told by /run/systemd/system, as sd_booted(3) checks it: in a container systemctl may
 * be installed while systemd is not the init system.
 */
export function systemctl(
  args: string[],
  options: { check?: boolean } = {},
): { code: number; out: string } {
  if (!existsSync('/run/systemd/system')) {
    throw new UserError(
      'systemd is not running on this machine: run the hub with "npm start", or under the service manager it has',
    );
  }
  const r = spawnSync('systemctl', args, { encoding: 'utf8' });
  if (r.error) {
    const missing = (r.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new UserError(
      missing
        ? 'systemctl is not on this machine: run the hub with "npm start", or under the service manager it has'
        : `systemctl ${args.join(' ')}: ${r.error.message}`,
    );
  }
  const out = `${r.stdout}${r.stderr}`.trim();
  if ((options.check ?? true) && r.status !== 0)
    throw new UserError(`systemctl ${args.join(' ')} failed: ${out}`);
  return { code: r.status ?? 1, out };
}
