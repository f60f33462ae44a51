import type { HubHealth } from '../../../shared/hub-health.ts';
import { adminApi } from './admin-api.ts';

/** The health panel's state: the hub's health, read again every 10 s, or why it could not be read. */
export class HealthModel {
  health = $state<HubHealth | null>(null);
  error = $state<string | null>(null);
  /** Changes at each start and stop, so a read that answers after a sign-out is dropped. */
  #reads = 0;

  /** Loads now and every 10 s; returns the stop. */
  start(): () => void {
    const reads = ++this.#reads;
    void this.#load(reads);
    const timer = setInterval(() => void this.#load(reads), 10_000);
    // Signed out: what this session read (or the 401 its last read met) is not shown to the next.
    return () => {
      clearInterval(timer);
      this.#reads++;
      this.health = null;
      this.error = null;
    };
  }

  async #load(reads: number): Promise<void> {
    try {
      const health = await adminApi('GET /api/admin/health');
      if (reads === this.#reads) [this.health, this.error] = [health, null];
    } catch (err) {
      if (reads === this.#reads) this.error = (err as Error).message;
    }
  }
}

/** One for the page: the Health panel shows it, and the page's banner says when the disk is full. */
export const hubHealth = new HealthModel();
