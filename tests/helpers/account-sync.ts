import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Runs a full account sync on the hub as the admin page starts one, and waits for it to
 * complete. Polls by hand, not with expect.poll, so a beforeAll may call it too.
 */
export async function syncAccountFully(
  hub: { api(path: string, init?: RequestInit): Promise<Response> },
  timeout = 30_000,
): Promise<void> {
  await hub.api('/api/account-sync/start', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"kind":"full"}',
  });
  const until = Date.now() + timeout;
  for (;;) {
    const { state } = (await (await hub.api('/api/account-sync/status')).json()) as {
      state: string;
    };
    if (state === 'completed') return;
    if (state === 'failed' || Date.now() > until)
      throw new Error(`the account sync did not complete: ${state}`);
    await sleep(200);
  }
}
