import { liveQuery } from 'dexie';
import { VaultDb } from '../data/db.ts';
import { SyncEngine, type DeviceSyncStatus } from '../data/sync-engine.ts';
import { startSyncTriggers } from '../data/sync-triggers.ts';

/** The device's sync engine as the pages see it: its status as reactive state. */
export class DeviceSync {
  readonly engine = new SyncEngine(new VaultDb());
  status = $state<DeviceSyncStatus>(this.engine.status);
  paired = $state<boolean | null>(null);

  /** Starts syncing (see sync-triggers.ts); returns the function that stops it. */
  start(): () => void {
    const offStatus = this.engine.onStatus((s) => {
      this.status = s;
      if (s.state === 'unpaired' && s.lastError) this.paired = false;
    });
    let stopTriggers = () => {};
    void this.engine.restore().then(() => {
      this.paired = this.engine.status.state !== 'unpaired';
      stopTriggers = startSyncTriggers(this.engine);
    });
    return () => {
      offStatus();
      stopTriggers();
    };
  }

  async pair(code: string, deviceName: string): Promise<void> {
    await this.engine.pair(location.origin, code, deviceName);
    this.paired = true;
    await this.engine.sync();
  }
}

/**
 * The latest result of a Dexie query, kept current as the tables change (Dexie's liveQuery).
 * Call while a component initialises: the subscription ends with the component.
 */
export function live<T>(query: () => Promise<T>, initial: T): { readonly value: T } {
  let value = $state<T>(initial);
  $effect(() => {
    const sub = liveQuery(query).subscribe({ next: (v) => (value = v) });
    return () => sub.unsubscribe();
  });
  return {
    get value() {
      return value;
    },
  };
}
