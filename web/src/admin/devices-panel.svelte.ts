import type { PairedDevice, Pairing } from '../../../shared/devices.ts';
import { adminApi } from './admin-api.ts';
import { Feedback } from './feedback.svelte.ts';

/** The devices panel's state: paired devices, and the pairing code on screen until a device uses it. */
export class DevicesModel {
  devices = $state<PairedDevice[]>([]);
  pairing = $state<Pairing | null>(null);
  readonly active = $derived(this.devices.filter((d) => !d.revoked_at));
  readonly feedback = new Feedback();

  /** Loads, and looks again every 5 s so a device paired with the code shown appears without a reload; returns the stop. */
  start(): () => void {
    void this.feedback.run(() => this.#load());
    const timer = setInterval(() => void this.#load().catch(() => undefined), 5000);
    return () => clearInterval(timer);
  }

  pair(): Promise<boolean> {
    return this.feedback.run(
      async () => (this.pairing = await adminApi('POST /api/admin/pairing')),
    );
  }

  revoke(d: PairedDevice): Promise<boolean> {
    return this.feedback.run(async () => {
      await adminApi('DELETE /api/devices/:id', { params: { id: d.id } });
      await this.#load();
    }, `"${d.name}" can no longer sync.`);
  }

  async #load(): Promise<void> {
    const before = new Set(this.devices.map((d) => d.id));
    this.devices = (await adminApi('GET /api/devices')).devices;
    // The code on screen was used: say so, and put the code away (it is valid once).
    const added = this.pairing && this.devices.find((d) => !before.has(d.id));
    if (added) {
      this.pairing = null;
      this.feedback.notice = `"${added.name}" is paired and syncing.`;
    }
  }
}
