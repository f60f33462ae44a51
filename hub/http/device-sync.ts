import type { ReplyOf } from '../../shared/hub-api.ts';
import { Hono } from 'hono';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { z } from 'zod';
import { pushRequestSchema } from '../../shared/mutations.ts';
import type { Caller } from '../auth/auth-service.ts';
import type { ChangeLog } from '../device-sync/change-log.ts';
import { pusherFor, type PushService } from '../device-sync/push.ts';
import { openStream } from './sse-stream.ts';
import { decimal, valid } from './validate.ts';

const gzipAsync = promisify(gzip);

const pullQuery = z.object({
  since: decimal(0).default(0),
  limit: decimal(1, 1000).default(500),
  epoch: z.string().min(1).optional(),
});

/** Delta sync (design.md): the change feed devices pull, the push of their edits, and nudges. */
export function deviceSyncRoutes(log: ChangeLog, push: PushService) {
  return new Hono<{ Variables: { caller: Caller } }>()
    .get('/pull', valid('query', pullQuery), async (c) => {
      const q = c.req.valid('query');
      c.header('Cache-Control', 'no-store');
      c.header('Content-Type', 'application/json');
      c.header('Vary', 'Accept-Encoding');
      const json = log.pullJson(q.since, q.epoch, q.limit);
      if (!/\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) return c.body(json);
      // Gzip at level 1, not hono's compress middleware (CompressionStream, default level): a
      // first pull is ~40 MB of JSON per 10,000 records, and level 1 compresses it about as
      // well (documents repeat the same keys) for much less of a Pi's CPU.
      c.header('Content-Encoding', 'gzip');
      return c.body(new Uint8Array(await gzipAsync(json, { level: 1 })));
    })
    .post('/push', valid('json', pushRequestSchema), (c) => {
      const body = c.req.valid('json');
      return c.json<ReplyOf<'POST /api/sync/push'>>(
        push.push(pusherFor(c.get('caller'), body.deviceId), body.mutations, body.epoch),
      );
    })
    .get('/events', (c) =>
      openStream(c, (stream) => {
        const send = (cursor: number) =>
          void stream.writeSSE({
            event: 'cursor',
            data: JSON.stringify({ epoch: log.epoch, cursor }),
          });
        const stop = log.onGrow(send);
        send(log.cursor);
        return stop;
      }),
    );
}
