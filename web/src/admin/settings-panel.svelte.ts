import type { Settings, SettingsChange, SettingsView } from '../../../shared/settings.ts';
import { adminApi } from './admin-api.ts';
import { SETTINGS_SAVED } from './settings-saved.ts';

/**
 * The hub's settings as saved (`view`: with when each schedule next runs and the space each
 * scope needs) and as being edited (`draft`), for the Settings panel and the first-run wizard.
 */
export class SettingsModel {
  view = $state<SettingsView | null>(null);
  draft = $state<Settings | null>(null);

  async load(): Promise<void> {
    this.view = await adminApi('GET /api/admin/settings');
    // A plain copy: `view` is a state proxy once assigned.
    this.draft = structuredClone($state.snapshot(this.view).settings);
  }

  /**
   * Saves `change` (all of the draft by default) and tells the panels that show what it decides.
   * The draft stays as it is: the wizard saves one step's part while the others are still open.
   */
  async save(change: SettingsChange = $state.snapshot(this.draft)!): Promise<void> {
    this.view = await adminApi('PUT /api/admin/settings', { body: change });
    window.dispatchEvent(new Event(SETTINGS_SAVED));
  }

  /** Whether a schedule in the draft is the saved one ("Next: …" describes only the saved one). */
  unchanged(key: 'dumpSchedule' | 'syncSchedule' | 'backupSchedule'): boolean {
    return JSON.stringify(this.draft?.[key]) === JSON.stringify(this.view?.settings[key]);
  }
}
