import type { HubHealth } from '../../../shared/hub-health.ts';
import { adminApi } from './admin-api.ts';

/** The health panel's state: the hub's health, read again every 10 s, or why it could not be read. */
export class HealthModel {
  health = $state<HubHealth | null>(null);
  error = $state<string | null>(null);

  /** Loads now and every 10 s; returns the stop. */
  start(): () => void {
    void this.#load();
    const timer = setInterval(() => void this.#load(), 10_000);
    return () => clearInterval(timer);
  }

  async #load(): Promise<void> {
    try {
      this.health = await adminApi('GET /api/admin/health');
      this.error = null;
    } catch (err) {
      this.error = (err as Error).message;
    }
  }
}

/** One for the page: the Health panel shows it, and the page's banner says when the disk is full. */
export const hubHealth = new HealthModel();
