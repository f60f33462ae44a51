import { Hono } from 'hono';
import { readFile, rm } from 'node:fs/promises';
import type { BackupService } from '../backup/backup-service.ts';
import { backupName } from '../backup/backup-service.ts';

/**
 * `GET /api/admin/backup`: a backup taken now, as a download (admin session only, see auth.ts).
 * Read whole before sending: the user data is megabytes, and the file is deleted at once.
 */
export function adminBackupRoutes(backups: BackupService) {
  return new Hono().get('/', async (c) => {
    const file = await backups.forDownload();
    try {
      const body = await readFile(file);
      return c.body(new Uint8Array(body), 200, {
        'content-type': 'application/gzip',
        'content-disposition': `attachment; filename="${backupName('manual')}"`,
      });
    } finally {
      await rm(file, { force: true });
    }
  });
}
