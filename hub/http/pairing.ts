import type { ReplyOf } from '../../shared/hub-api.ts';
import { Hono, type Context } from 'hono';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { AttemptLimiter } from '../auth/attempt-limiter.ts';
import type { AuthService } from '../auth/auth-service.ts';
import { attemptGuard } from './attempt-guard.ts';
import { valid } from './validate.ts';

export interface PairingOptions {
  /** Where a new device opens the hub (device-link.ts), for the request that asks. */
  deviceLink: (c: Context) => string;
  attempts: AttemptLimiter;
}

/** Pairing (the admin's code and QR, the device's exchange under the attempt limit) and the paired devices, under /api. */
export function pairingRoutes(auth: AuthService, options: PairingOptions) {
  return new Hono()
    .post('/admin/pairing', async (c) => {
      const { code, expiresAt } = await auth.newPairingCode();
      // What the phone opens: the hub's address it can reach, with the code for the app's pairing screen.
      const url = `${options.deviceLink(c)}#pair=${encodeURIComponent(code)}`;
      return c.json<ReplyOf<'POST /api/admin/pairing'>, 201>(
        { code, expiresAt, url, qrSvg: await QRCode.toString(url, { type: 'svg', margin: 1 }) },
        201,
      );
    })
    .post(
      '/pair',
      valid(
        'json',
        z.object({ code: z.string().min(1), name: z.string().max(80).default('device') }),
      ),
      attemptGuard(options.attempts),
      async (c) => {
        const body = c.req.valid('json');
        return c.json<ReplyOf<'POST /api/pair'>, 201>(await auth.pair(body.code, body.name), 201);
      },
    )
    .get('/devices', (c) => c.json<ReplyOf<'GET /api/devices'>>({ devices: auth.devices() }))
    .delete('/devices/:id', async (c) =>
      (await auth.revoke(c.req.param('id')))
        ? c.body(null, 204)
        : c.json({ error: 'no such device' }, 404),
    );
}
