/**
 * The one progress event every long job reports (dump ingest, download, account sync). The CLI
 * draws it as a progress bar; the admin page as a live bar over SSE.
 */
export interface Progress {
  /** Which job, e.g. "ingest". */
  job: string;
  /** What it is working on now, e.g. a file name or a sync phase. */
  label: string;
  /** Work done and total, in bytes where the job reads a file, else in items; total null when unknown. */
  done: number;
  total: number | null;
  /** Records (or items) handled so far and the recent rate per second. */
  records: number;
  recordsPerSecond: number;
  /** Bytes per second over the recent window, for jobs that read bytes. */
  bytesPerSecond: number;
  /** Seconds left at the recent rate; null when the total is unknown. */
  etaSeconds: number | null;
}
