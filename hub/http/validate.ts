import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';

/**
 * A whole number in a path or query, written in decimal as people and Discogs write ids.
 * (z.coerce.number() took `0x10` as 16 and `1e3` as 1000.)
 */
export const decimal = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .regex(/^\d{1,16}$/, 'expected a whole number in decimal digits')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/**
 * Hono's zod validator with the hub's one answer to a bad request: 400 naming the first field
 * at fault, thrown to `app.onError`, which answers in the shape of the API asked
 * (`{"error": "per_page: Too big: …"}`, or Discogs' `{"message": …}` under /discogs).
 * Routes read what passed with `c.req.valid()`.
 * A JSON body that is absent validates as `{}`, so a POST with nothing to say takes the defaults.
 */
export const valid = <Target extends keyof ValidationTargets, Schema extends z.ZodType>(
  target: Target,
  schema: Schema,
) =>
  zValidator(target, schema, (result) => {
    if (result.success) return;
    const issue = result.error.issues[0]!;
    const field = issue.path.join('.') || 'request';
    throw new HTTPException(400, { message: `${field}: ${issue.message}` });
  });
