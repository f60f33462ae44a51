import type { ReplyOf } from '../../shared/hub-api.ts';
import { Hono } from 'hono';
import { finishSetupSchema, setupRequestSchema } from '../../shared/admin-setup.ts';
import type { AttemptLimiter } from '../auth/attempt-limiter.ts';
import type { AuthService } from '../auth/auth-service.ts';
import type { SetupWizard } from '../jobs/setup-wizard.ts';
import { attemptGuard } from './attempt-guard.ts';
import { userAgent } from './auth.ts';
import { startSession } from './session-cookie.ts';
import { valid } from './validate.ts';

/**
 * `/api/admin/setup`: the first admin password (public, with the setup code the hub printed,
 * under the sign-in attempt limit), whether the first-run wizard is done, and its finish.
 */
export function adminSetupRoutes(
  auth: AuthService,
  wizard: SetupWizard,
  options: { attempts: AttemptLimiter; trustProxy: boolean },
) {
  return new Hono()
    .post(
      '/',
      valid('json', setupRequestSchema),
      // Before the attempt limit: concurrent setups after the winning one are conflicts, not guesses.
      async (c, next) =>
        auth.canSetUp()
          ? next()
          : c.json({ error: 'the admin password is already set; sign in instead' }, 409),
      attemptGuard(options.attempts),
      async (c) => {
        const body = c.req.valid('json');
        startSession(
          c,
          await auth.setUp(body.password, body.setupCode, userAgent(c)),
          options.trustProxy,
        );
        return c.json<ReplyOf<'POST /api/admin/setup'>, 201>({ setUp: true }, 201);
      },
    )
    .get('/', (c) => c.json<ReplyOf<'GET /api/admin/setup'>>(wizard.status()))
    .post('/finish', valid('json', finishSetupSchema), async (c) => {
      const body = c.req.valid('json');
      return c.json<ReplyOf<'POST /api/admin/setup/finish'>>(
        await wizard.finish({ dumps: body.startDumps, sync: body.startSync }),
      );
    });
}
