import { statfsSync } from 'node:fs';
import type { SettingsChange, SettingsView } from '../../shared/settings.ts';
import type { BackupService } from '../backup/backup-service.ts';
import type { AccountSync } from '../discogs/account-sync.ts';
import { CATALOG_PER_XML_BYTE, XML_PER_GZIP_BYTE } from '../dumps/run/catalog-scope.ts';
import type { DumpService } from '../dumps/run/dump-service.ts';
import type { StateStore } from '../state/store.ts';

// What each catalog scope needs on disk. Estimates, not measurements of a full dump: the
// ingest benchmark's catalog-to-XML ratio applied to 2026's 61.6 GB of XML (about 23 GB),
// and a month's gzipped dump files (about 10 GB at the corpus' ratio), which sit on disk
// while they are processed.
const DUMP_XML_BYTES_2026 = 61.6e9;
const DUMP_FILES_BYTES = DUMP_XML_BYTES_2026 / XML_PER_GZIP_BYTE;
const SPACE_NEEDED = {
  full: DUMP_XML_BYTES_2026 * CATALOG_PER_XML_BYTE + DUMP_FILES_BYTES,
  collection: 1e9 + DUMP_FILES_BYTES,
};

/** The settings the admin page shows and changes: scope, schedules and retention (the Discogs account has its own service). */
export class SettingsService {
  constructor(
    private readonly state: StateStore,
    private readonly dataDir: string,
    private readonly jobs: { dumps: DumpService; accountSync: AccountSync; backups: BackupService },
  ) {}

  /** The settings, when each schedule next runs, and the disk space each scope needs. */
  view(): SettingsView {
    const { discogs: _account, ...settings } = this.state.data.settings;
    const fs = statfsSync(this.dataDir);
    const next = {
      dumps: this.jobs.dumps.nextRun?.toISOString() ?? null,
      sync: this.jobs.accountSync.nextRun?.toISOString() ?? null,
      backup: this.jobs.backups.nextRun?.toISOString() ?? null,
    };
    return {
      settings,
      next,
      space: {
        freeBytes: fs.bavail * fs.bsize,
        neededBytes: SPACE_NEEDED,
        downloadBytes: DUMP_FILES_BYTES,
      },
    };
  }

  /** Saves what was sent, and moves a changed schedule at once. */
  async change(change: SettingsChange): Promise<SettingsView> {
    Object.assign(this.state.data.settings, change);
    await this.state.write();
    if (change.dumpSchedule) this.jobs.dumps.schedule(this.state.data.settings.dumpSchedule);
    if (change.syncSchedule) this.jobs.accountSync.schedule(this.state.data.settings.syncSchedule);
    if (change.backupSchedule) this.jobs.backups.schedule(this.state.data.settings.backupSchedule);
    if (change.backupKeep) await this.jobs.backups.prune();
    return this.view();
  }
}
