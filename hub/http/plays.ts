import { Hono } from 'hono';
import { z } from 'zod';
import type { ReplyOf } from '../../shared/hub-api.ts';
import type { CollectionStore } from '../db/collection-store.ts';
import type { Database } from '../db/open.ts';
import type { PlayStore } from '../db/play-store.ts';
import { importPlaysFile } from '../plays/plays-file.ts';
import { valid } from './validate.ts';

/** `POST /api/plays/import`: a plays file from a device, as `vinylvault import-plays` takes it. */
export function playsRoutes(hub: { db: Database; collection: CollectionStore; plays: PlayStore }) {
  return new Hono().post(
    '/import',
    valid('json', z.object({ name: z.string().min(1).max(200), text: z.string() })),
    (c) => {
      const { name, text } = c.req.valid('json');
      return c.json<ReplyOf<'POST /api/plays/import'>>(importPlaysFile(text, name, hub));
    },
  );
}
