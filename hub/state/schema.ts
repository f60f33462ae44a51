import { z } from 'zod';

/**
 * The hub's small state, kept as human-readable JSON in `<data dir>/state.json`.
 * Later features add their own sections here; each has defaults so an older file still loads.
 */
export const settingsSchema = z.object({
  catalogScope: z.enum(['full', 'collection']).default('full'),
  dumpSchedule: z
    .object({ enabled: z.boolean().default(true), cron: z.string().default('0 2 * * *') })
    .default({ enabled: true, cron: '0 2 * * *' }),
  dumpRetentionMonths: z.number().int().min(0).default(0),
});

export const hubStateSchema = z.object({
  version: z.literal(1).default(1),
  settings: settingsSchema.default(settingsSchema.parse({})),
});

export type HubState = z.infer<typeof hubStateSchema>;
export type Settings = z.infer<typeof settingsSchema>;
