import type { Context } from 'hono';
import type { z } from 'zod';

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
