import { Hono } from 'hono';
import { z } from 'zod';
import { EXPORT_FILES } from '../../shared/exports.ts';
import type { CollectionStore } from '../db/collection-store.ts';
import type { PlayStore } from '../db/play-store.ts';
import { exportFile } from '../export/export-file.ts';
import { valid } from './validate.ts';

/** `GET /api/export/:file`: the collection or every play, as a file to save (EXPORT_FILES). */
export function exportRoutes(collection: CollectionStore, plays: PlayStore) {
  return new Hono().get('/:file', valid('param', z.object({ file: z.enum(EXPORT_FILES) })), (c) => {
    const { file } = c.req.valid('param');
    const { text, type } = exportFile(file, collection, plays);
    const day = new Date().toISOString().slice(0, 10);
    return c.body(text, 200, {
      'content-type': type,
      'content-disposition': `attachment; filename="vinylvault-${file.replace('.', `-${day}.`)}"`,
      'cache-control': 'no-store',
    });
  });
}
