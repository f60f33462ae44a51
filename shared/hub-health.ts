/** A warning or error the hub logged, as the admin page lists it. */
export interface Problem {
  time: string;
  level: 'warn' | 'error';
  msg: string;
  /** The error's message, when one was logged with it. */
  detail: string | null;
}

/** One backup archive in `<data dir>/backups`. */
export interface BackupInfo {
  name: string;
  bytes: number;
  createdAt: string;
}

/** The data dir's disk is full: writes are refused (507) until space is freed. */
export interface DiskFull {
  since: string;
  /** The write that failed, or "less than 1 MB left". */
  what: string;
  path: string;
}

/** `GET /api/admin/health`: how the hub and its machine are doing, for the admin page. */
export interface HubHealth {
  version: string;
  uptimeSeconds: number;
  memory: { processBytes: number; machineFreeBytes: number; machineTotalBytes: number };
  disk: { path: string; freeBytes: number; totalBytes: number; full: DiskFull | null };
  /** The catalog and user files (with their write-ahead logs), dump files and backups. */
  storage: { catalogBytes: number; userBytes: number; dumpsBytes: number; backupsBytes: number };
  backups: {
    /** The newest backup of any kind; null before the first. */
    last: BackupInfo | null;
    count: number;
    /** How many nightly ones are kept. */
    keep: number;
    nextRun: string | null;
    /** Why the last nightly backup failed; null once one succeeds. */
    lastError: string | null;
  };
  /** Records in the newest completed ingest of each kind (counting 19 M rows would stall a Pi). */
  catalog: Array<{ kind: string; records: number; file: string; finishedAt: string }>;
  collection: { folders: number; fields: number; instances: number; wants: number };
  devices: number;
  problems: Problem[];
}
