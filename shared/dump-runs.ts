import { z } from 'zod';

/** A month's dump processing (design.md, Hub state). Shared: the admin page shows these. */
export const dumpStatuses = [
  'not_started',
  'downloading',
  'ready_for_processing',
  'processing',
  'completed',
  'failed',
] as const;
export type DumpStatus = (typeof dumpStatuses)[number];

export const dumpFileKinds = ['labels', 'artists', 'masters', 'releases'] as const;
export type DumpFileKind = (typeof dumpFileKinds)[number];

export const dumpFileStatsSchema = z.object({
  name: z.string(),
  bytes: z.number().int().nonnegative().default(0),
  sha256: z.string().nullable().default(null),
  downloaded_at: z.string().nullable().default(null),
  ingested_at: z.string().nullable().default(null),
  added: z.number().int().default(0),
  changed: z.number().int().default(0),
  unchanged: z.number().int().default(0),
  deleted: z.number().int().default(0),
  skipped: z.number().int().default(0),
  seconds: z.number().default(0),
});
export type DumpFileStats = z.infer<typeof dumpFileStatsSchema>;

export const dumpRunSchema = z.object({
  year_month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM'),
  /** The date in the dump's file names, e.g. 20260601. */
  dump_date: z.string().regex(/^\d{8}$/),
  status: z.enum(dumpStatuses),
  started_at: z.string().nullable().default(null),
  download_completed_at: z.string().nullable().default(null),
  processing_completed_at: z.string().nullable().default(null),
  completed_at: z.string().nullable().default(null),
  /** From discogs_YYYYMMDD_CHECKSUM.txt: file name → SHA-256 (hex). */
  checksums: z.record(z.string(), z.string()).default({}),
  retry_count: z.number().int().nonnegative().default(0),
  next_retry_at: z.string().nullable().default(null),
  last_error: z.string().nullable().default(null),
  files: z.partialRecord(z.enum(dumpFileKinds), dumpFileStatsSchema).default({}),
});
export type DumpRun = z.infer<typeof dumpRunSchema>;

/**
 * Dump files the owner copied into `dumps/incoming` and the hub loaded (or refused), one record
 * per run that found any: shown beside the months, as loads of their own.
 */
export const dropLoadSchema = z.object({
  loaded_at: z.string(),
  files: z.array(
    dumpFileStatsSchema.pick({
      name: true,
      added: true,
      changed: true,
      unchanged: true,
      deleted: true,
      skipped: true,
      seconds: true,
    }),
  ),
  rejected: z.array(z.object({ name: z.string(), reason: z.string() })).default([]),
});
export type DropLoad = z.infer<typeof dropLoadSchema>;

/**
 * The outcome of the latest look for a new month (scheduled or "Run now"), for the admin page:
 * the month it settled on, or why it found none (the dump host unreachable, nothing listed).
 */
export interface DumpCheck {
  at: string;
  month: string | null;
  error: string | null;
}

/** `GET /api/dumps`: the months' records, drop-folder loads, and the last and next look for a month. */
export interface DumpsView {
  running: boolean;
  runs: DumpRun[];
  drops: DropLoad[];
  lastCheck: DumpCheck | null;
  nextCheck: string | null;
}
