/** A warning or error the hub logged, as the admin page lists it. */
export interface Problem {
  time: string;
  level: 'warn' | 'error';
  msg: string;
  /** The error's message, when one was logged with it. */
  detail: string | null;
}

/** `GET /api/admin/health`: how the hub and its machine are doing, for the admin page. */
export interface HubHealth {
  version: string;
  uptimeSeconds: number;
  memory: { processBytes: number; machineFreeBytes: number; machineTotalBytes: number };
  disk: { path: string; freeBytes: number; totalBytes: number };
  /** The catalog file (with its write-ahead log) and the downloaded dump files. */
  storage: { catalogBytes: number; dumpsBytes: number };
  /** Records in the newest completed ingest of each kind (counting 19 M rows would stall a Pi). */
  catalog: Array<{ kind: string; records: number; file: string; finishedAt: string }>;
  collection: { folders: number; fields: number; instances: number; wants: number };
  devices: number;
  problems: Problem[];
}
