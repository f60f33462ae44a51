import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/helpers/temp-dir.ts';
import { openState } from '../state/store.ts';
import { AuthService } from './auth-service.ts';
import { SetupCode } from './setup-code.ts';

describe("a device's requests", () => {
  it('are answered when the "last seen" write fails (a full disk), and the time is kept for the next write', async () => {
    const dir = tempDir();
    const state = await openState(join(dir, 'state.json'));
    const auth = new AuthService(state, new SetupCode(dir));
    const { code } = await auth.newPairingCode();
    const { token } = await auth.pair(code, 'phone');
    const write = state.write.bind(state);
    state.write = () =>
      Promise.reject(
        Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }),
      );
    // An unhandled rejection here fails the test run, as it would end the hub.
    expect(auth.identify(token, undefined)).toMatchObject({
      kind: 'device',
      device: { name: 'phone' },
    });
    await new Promise((r) => setTimeout(r, 50));
    const seen = auth.devices()[0]!.last_seen_at;
    expect(seen).not.toBeNull();
    state.write = write;
    await state.write();
    expect((await openState(join(dir, 'state.json'))).data.auth.devices[0]!.last_seen_at).toBe(
      seen,
    );
  });
});
