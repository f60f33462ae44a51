import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

/**
 * A small tmpfs mounted for the current test, unmounted (lazily: a hub may still hold files
 * open) when it ends; or why it could not be mounted (not root, no CAP_SYS_ADMIN).
 */
export function mountTmpfs(megabytes: number): { dir: string } | { refused: string } {
  const dir = mkdtempSync(join(tmpdir(), 'vinylvault-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m,mode=0700`, 'tmpfs', dir], {
      stdio: 'pipe',
    });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    return { refused: String((err as { stderr?: Buffer }).stderr ?? err).trim() };
  }
  onTestFinished(() => {
    execFileSync('umount', ['-l', dir]);
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir };
}
