import { Hono } from 'hono';
import { z } from 'zod';
import { UnknownMonth, type DumpService } from '../dumps/dump-service.ts';
import { PipelineBusy } from '../dumps/pipeline.ts';
import { parse } from './validate.ts';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM');

/** The admin page's view of the monthly dumps: records, run now, retry (live progress: admin-events.ts). */
export function dumpRoutes(service: DumpService): Hono {
  const app = new Hono();

  app.get('/', (c) => c.json({ running: service.running, runs: service.list(), drops: service.drops(), lastCheck: service.lastCheck, nextCheck: service.nextRun?.toISOString() ?? null }));

  app.post('/run', async (c) => {
    const body = parse(c, z.object({ month: month.optional() }), await c.req.json().catch(() => ({})));
    if (body instanceof Response) return body;
    try {
      service.start(body.month);
    } catch (err) {
      if (err instanceof PipelineBusy) return c.json({ error: err.message }, 409);
      throw err;
    }
    return c.json({ started: true, month: body.month ?? null }, 202);
  });

  app.post('/:month/retry', (c) => {
    const p = parse(c, z.object({ month }), c.req.param());
    if (p instanceof Response) return p;
    try {
      service.retry(p.month);
    } catch (err) {
      if (err instanceof UnknownMonth) return c.json({ error: err.message }, 404);
      return c.json({ error: (err as Error).message }, 409);
    }
    return c.json({ started: true, month: p.month }, 202);
  });

  return app;
}
