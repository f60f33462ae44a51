import { Hono } from 'hono';
import type { AdminEventMap, JobEventMap } from '../../shared/admin-events.ts';
import type { JobEvents } from '../jobs/job-events.ts';
import type { DumpService } from '../dumps/run/dump-service.ts';
import type { AccountSync } from '../discogs/account-sync.ts';
import { openStream } from './sse-stream.ts';

const forwarded: Array<keyof JobEventMap> = ['dump', 'check', 'sync', 'progress'];

/**
 * `GET /api/admin/events`: the admin page's one live stream (server-sent events).
 * `hello` on (re)connect with what is running, so the page reloads what it may have missed;
 * `dump` with a month's record when it changes; `check` with how a look for a new month went; `sync` with the account sync's status when a
 * run starts or ends; `progress` with the shared Progress event of every long job (at most
 * four a second per job, as the jobs emit them).
 */
export function adminEventRoutes(
  events: JobEvents,
  services: { dumps: DumpService; accountSync: AccountSync },
): Hono {
  return new Hono().get('/', (c) =>
    openStream(c, async (stream) => {
      const listeners = forwarded.map(
        (event) =>
          [
            event,
            (data: unknown) => void stream.writeSSE({ event, data: JSON.stringify(data) }),
          ] as const,
      );
      for (const [event, listener] of listeners) events.on(event, listener);
      await stream.writeSSE({
        event: 'hello',
        data: JSON.stringify({
          dumpsRunning: services.dumps.running,
          sync: services.accountSync.status,
        } satisfies AdminEventMap['hello']),
      });
      return () => {
        for (const [event, listener] of listeners) events.off(event, listener);
      };
    }),
  );
}
