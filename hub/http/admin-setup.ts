import { Hono } from 'hono';
import type { StateStore } from '../state/store.ts';

/**
 * `GET /api/admin/setup` and `POST /api/admin/setup/finish`: whether the first-run wizard is
 * done. The wizard's steps save through the routes each panel uses (password, Discogs login,
 * settings); this only records that the owner went through them, so the page stops guiding.
 */
export function adminSetupRoutes(state: StateStore): Hono {
  const view = () => ({ finishedAt: state.data.setup.finishedAt });
  return new Hono()
    .get('/', (c) => c.json(view()))
    .post('/finish', async (c) => {
      state.data.setup.finishedAt ??= new Date().toISOString();
      await state.write();
      return c.json(view());
    });
}
