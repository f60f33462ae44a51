import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HTTPException } from 'hono/http-exception';
import { AuthError, AuthInputError } from '../auth/auth-service.ts';
import { DiscogsApiError, DiscogsAuthError, DiscogsUnreachable } from '../discogs/client.ts';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../errors.ts';

/**
 * The status each kind of refusal gets, in one place: services throw domain errors and routes
 * let them through to `app.onError`. Null for anything else, which is a bug (500, logged).
 */
export function statusOf(err: unknown): ContentfulStatusCode | null {
  if (err instanceof HTTPException) return err.status as ContentfulStatusCode;
  if (err instanceof NotFoundError) return 404;
  if (err instanceof ConflictError) return 409;
  if (err instanceof ForbiddenError) return 403;
  if (err instanceof InvalidInputError) return 400;
  // Wrong credentials: the hub's own, or a Discogs token Discogs refused (never echoed).
  if (err instanceof AuthError || err instanceof DiscogsAuthError) return 401;
  if (err instanceof AuthInputError || err instanceof DiscogsApiError) return 400;
  if (err instanceof DiscogsUnreachable) return 503;
  return null;
}
