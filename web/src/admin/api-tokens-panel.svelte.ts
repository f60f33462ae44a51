import type { ApiTokenInfo } from '../../../shared/api-tokens.ts';
import { adminApi } from './admin-api.ts';
import { Feedback } from './feedback.svelte.ts';

/** The API tokens panel's state: the tokens, and a new one shown once, until the next action. */
export class ApiTokensModel {
  tokens = $state<ApiTokenInfo[]>([]);
  created = $state<{ name: string; token: string } | null>(null);
  readonly feedback = new Feedback();

  load(): Promise<boolean> {
    return this.feedback.run(() => this.#load());
  }

  create(name: string): Promise<boolean> {
    this.created = null;
    return this.feedback.run(async () => {
      this.created = await adminApi('POST /api/admin/api-tokens', { body: { name } });
      await this.#load();
    });
  }

  revoke(name: string): Promise<boolean> {
    this.created = null;
    return this.feedback.run(async () => {
      await adminApi('DELETE /api/admin/api-tokens/:name', { params: { name } });
      await this.#load();
    }, `"${name}" can no longer read the catalog.`);
  }

  async #load(): Promise<void> {
    this.tokens = (await adminApi('GET /api/admin/api-tokens')).tokens;
  }
}
