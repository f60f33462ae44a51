import type { ReplyOf } from '../../shared/hub-api.ts';
import { Hono } from 'hono';
import { settingsChangeSchema } from '../../shared/settings.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import { valid } from './validate.ts';

/** `GET|PUT /api/admin/settings`: scope, schedules (and when they next run) and retention, with the disk space they need. */
export function adminSettingsRoutes(settings: SettingsService) {
  return new Hono()
    .get('/', (c) => c.json<ReplyOf<'GET /api/admin/settings'>>(settings.view()))
    .put('/', valid('json', settingsChangeSchema), async (c) =>
      c.json<ReplyOf<'PUT /api/admin/settings'>>(await settings.change(c.req.valid('json'))),
    );
}
