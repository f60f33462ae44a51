import { z } from 'zod';
import { dropLoadSchema, dumpRunSchema } from '../../shared/dump-runs.ts';
import { scheduleSchema, settingsChangeSchema } from '../../shared/settings.ts';
import { collectionValueSchema, syncRunSchema } from '../../shared/account-sync.ts';
import { pairedDeviceSchema } from '../../shared/devices.ts';

/**
 * The hub's small state, kept as human-readable JSON in `<data dir>/state.json`.
 * Later features add their own sections here; each has defaults so an older file still loads.
 */
const schedule = (cron: string) =>
  z
    .object({ enabled: z.boolean().default(true), cron: scheduleSchema.shape.cron.default(cron) })
    .default({ enabled: true, cron });

const fields = settingsChangeSchema.shape;

export const settingsSchema = z.object({
  catalogScope: fields.catalogScope.unwrap().default('full'),
  dumpSchedule: schedule('0 2 * * *'),
  dumpRetentionMonths: fields.dumpRetentionMonths.unwrap().default(0),
  dumpPreserveFiles: fields.dumpPreserveFiles.unwrap().default(false),
  syncSchedule: schedule('0 3 * * *'),
  backupSchedule: schedule('30 4 * * *'),
  backupKeep: fields.backupKeep.unwrap().default(7),
  /** The Discogs account: its username and its token sealed by TokenVault (never in clear). */
  discogs: z
    .object({ username: z.string(), token: z.string().startsWith('v1:'), verifiedAt: z.string() })
    .nullable()
    .default(null),
});

/** A paired device as state.json keeps it: what the admin page sees, and its token's hash. */
export const deviceSchema = pairedDeviceSchema.extend({ token_hash: z.string() });
export type Device = z.infer<typeof deviceSchema>;

/** The admin password (scrypt) and what it and pairing hand out; secrets only as hashes. */
export const authSchema = z.object({
  admin_password: z.string().nullable().default(null),
  // id, created_at and user_agent came with the sessions list; older sessions get an id on load.
  sessions: z
    .array(
      z.object({
        id: z.string().default(() => crypto.randomUUID()),
        hash: z.string(),
        created_at: z.string().nullable().default(null),
        expires_at: z.string(),
        user_agent: z.string().nullable().default(null),
      }),
    )
    .default([]),
  pairing_codes: z.array(z.object({ hash: z.string(), expires_at: z.string() })).default([]),
  devices: z.array(deviceSchema).default([]),
});

export const hubStateSchema = z.object({
  version: z.literal(1).default(1),
  settings: settingsSchema.default(settingsSchema.parse({})),
  /** One processing record per dump month, oldest first. */
  dumpRuns: z.array(dumpRunSchema).default([]),
  /** Loads of files dropped into dumps/incoming, oldest first (the last 20 are kept). */
  dropLoads: z.array(dropLoadSchema).default([]),
  auth: authSchema.default(authSchema.parse({})),
  /** The latest account syncs, newest last (the last 20 are kept). */
  syncRuns: z.array(syncRunSchema).default([]),
  /** The collection's value as Discogs estimates it, from the last sync. */
  collectionValue: collectionValueSchema.nullable().default(null),
  /** The value at each day's last sync, oldest first: the Stats screen's value over time. */
  collectionValues: z.array(collectionValueSchema).default([]),
  /**
   * The account sync running now: still set at start when the hub was killed (or stopped)
   * during one, which the hub then runs again (a sync is a reconcile: running it twice is safe).
   */
  accountSyncRunning: z
    .object({ kind: z.enum(['full', 'incremental']), started_at: z.string() })
    .nullable()
    .default(null),
  /** When the admin finished the first-run wizard; until then the admin page shows it. */
  setup: z.object({ finishedAt: z.string().nullable() }).default({ finishedAt: null }),
});

export type HubState = z.infer<typeof hubStateSchema>;
export type HubSettings = z.infer<typeof settingsSchema>;
