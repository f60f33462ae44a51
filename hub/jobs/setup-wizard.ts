import type { SetupStatus } from '../../shared/admin-setup.ts';
import type { AccountSync } from '../discogs/account-sync.ts';
import type { DumpService } from '../dumps/run/dump-service.ts';
import type { Logger } from '../log.ts';
import type { StateStore } from '../state/store.ts';

export interface FirstRuns {
  dumps: boolean;
  sync: boolean;
}

/**
 * Whether the admin page's first-run wizard is done. Its steps save through the services each
 * panel uses (password, Discogs login, settings); finishing records that the owner went
 * through them, so the page stops guiding, and starts the first runs the owner asked for.
 */
export class SetupWizard {
  constructor(
    private readonly state: StateStore,
    private readonly jobs: { dumps: DumpService; accountSync: AccountSync; log: Logger },
  ) {}

  status(): SetupStatus {
    return { finishedAt: this.state.data.setup.finishedAt };
  }

  async finish(runs: FirstRuns): Promise<SetupStatus> {
    this.state.data.setup.finishedAt ??= new Date().toISOString();
    await this.state.write();
    void this.#startFirstRuns({
      dumps: runs.dumps,
      sync: runs.sync && this.state.data.settings.discogs !== null,
    });
    return this.status();
  }

  /**
   * A catalog of the `collection` scope keeps only the releases the collection names, so its
   * first dump waits for the first account sync to say which those are; a full catalog needs no
   * wait. Runs on in the background, whether or not the page stays open.
   */
  async #startFirstRuns(runs: FirstRuns): Promise<void> {
    const { dumps, accountSync, log } = this.jobs;
    try {
      if (runs.sync && accountSync.status.state !== 'running') void accountSync.start('full');
      if (!runs.dumps) return;
      if (this.state.data.settings.catalogScope === 'collection' && runs.sync)
        await accountSync.idle;
      if (!dumps.running) dumps.start();
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'a first run after set-up did not start');
    }
  }
}
