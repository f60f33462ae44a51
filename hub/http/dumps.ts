import type { ReplyOf } from '../../shared/hub-api.ts';
import { Hono } from 'hono';
import { z } from 'zod';
import type { DumpService } from '../dumps/run/dump-service.ts';
import { valid } from './validate.ts';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM');

/**
 * The admin page's view of the monthly dumps: records, run now, retry (live progress:
 * admin-events.ts). A run under way or a month that is not failed is a 409, an unknown month a 404.
 */
export function dumpRoutes(service: DumpService) {
  return new Hono()
    .get('/', (c) =>
      c.json<ReplyOf<'GET /api/dumps'>>({
        running: service.running,
        runs: service.list(),
        drops: service.drops(),
        lastCheck: service.lastCheck,
        nextCheck: service.nextRun?.toISOString() ?? null,
      }),
    )
    .post('/run', valid('json', z.object({ month: month.optional() })), (c) => {
      const body = c.req.valid('json');
      service.start(body.month);
      return c.json<ReplyOf<'POST /api/dumps/run'>, 202>(
        { started: true, month: body.month ?? null },
        202,
      );
    })
    .post('/:month/retry', valid('param', z.object({ month })), (c) => {
      const p = c.req.valid('param');
      service.retry(p.month);
      return c.json<ReplyOf<'POST /api/dumps/:month/retry'>, 202>(
        { started: true, month: p.month },
        202,
      );
    });
}
