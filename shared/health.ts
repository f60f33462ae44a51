import { z } from 'zod';

/** `GET /api/health`: the one route that needs no credential. */
export const healthSchema = z.object({
  ok: z.literal(true),
  version: z.string(),
});

export type Health = z.infer<typeof healthSchema>;
