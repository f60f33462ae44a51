import type { z } from 'zod';
import { UserError } from '../errors.ts';

/** A Discogs response that lacks what the hub needs; the message names the request and the field. */
export class DiscogsResponseError extends UserError {}

/** Reads a Discogs response through its schema (shared/discogs-api.ts). */
export function readResponse<S extends z.ZodType>(
  request: string,
  schema: S,
  body: unknown,
): z.output<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new DiscogsResponseError(
    `Discogs ${request.split('?')[0]} answered without what the hub needs: ${issue.path.join('.') || '(body)'}: ${issue.message}`,
  );
}
