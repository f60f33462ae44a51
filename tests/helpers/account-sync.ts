import { expect } from 'vitest';

/** Runs a full account sync on the hub as the admin page starts one, and waits for it to complete. */
export async function syncAccountFully(
  hub: { api(path: string, init?: RequestInit): Promise<Response> },
  timeout = 30_000,
): Promise<void> {
  await hub.api('/api/account-sync/start', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"kind":"full"}',
  });
  const state = async () =>
    ((await (await hub.api('/api/account-sync/status')).json()) as { state: string }).state;
  await expect.poll(state, { timeout }).toBe('completed');
}
