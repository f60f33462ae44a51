import { healthSchema, type Health } from '../../../shared/health.ts';

export type HubStatus =
  | { state: 'checking' }
  | { state: 'online'; health: Health; checkedAt: Date }
  | { state: 'unreachable'; reason: string; checkedAt: Date };

/**
 * Whether the hub answers, re-checked when the browser says the network came back and every
 * 30 seconds while the page is open.
 */
export class HubMonitor {
  status = $state<HubStatus>({ state: 'checking' });
  browserOnline = $state(navigator.onLine);

  #timer: ReturnType<typeof setInterval> | undefined;

  start(): () => void {
    const online = () => {
      this.browserOnline = true;
      void this.check();
    };
    const offline = () => {
      this.browserOnline = false;
      void this.check();
    };
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    this.#timer = setInterval(() => void this.check(), 30_000);
    void this.check();
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
      clearInterval(this.#timer);
    };
  }

  async check(): Promise<void> {
    try {
      const res = await fetch('/api/health', { cache: 'no-store' });
      if (!res.ok) throw new Error(`the hub answered HTTP ${res.status}`);
      this.status = {
        state: 'online',
        health: healthSchema.parse(await res.json()),
        checkedAt: new Date(),
      };
    } catch (err) {
      const reason = this.browserOnline ? (err as Error).message : 'this device is offline';
      this.status = { state: 'unreachable', reason, checkedAt: new Date() };
    }
  }
}
