import type { Context } from 'hono';
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
 * Parses a request part with a zod schema; on failure answers 400 naming the field, so routes
 * read `const q = parse(...); if (q instanceof Response) return q;`.
 */
export function parse<T extends z.ZodType>(c: Context, schema: T, value: unknown): z.infer<T> | Response {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.join('.') || 'request';
  return c.json({ error: `${field}: ${issue.message}` }, 400);
}
