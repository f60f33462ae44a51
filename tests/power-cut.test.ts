// Power cuts: the hub process killed with SIGKILL at random moments, again and again, during a
// burst of pushes and during an account sync (the ingest's repeated kills are in
// cli-catalog.test.ts). Every acknowledged mutation survives, none applies twice, both SQLite
// files pass integrity_check, and the next start carries on what was running.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountSyncStatus } from '../shared/account-sync.ts';
import type { PushResponse } from '../shared/mutations.ts';
import { serveHub, type ServedHub } from './helpers/cli.ts';
import { syncAccountFully } from './helpers/account-sync.ts';
import { tempDir } from './helpers/temp-dir.ts';
import { makeCollection, startFakeDiscogsApi, type FakeDiscogsApi } from './fakes/discogs-api.ts';

/** Random moments, repeatable: the seed is printed, and FC_SEED=… runs the same ones again. */
const seed = Number(process.env.FC_SEED ?? Date.now() % 1e9);
const moments = (n: number, min: number, max: number) =>
  fc.sample(fc.integer({ min, max }), { seed, numRuns: n });

function kill(hub: ServedHub): Promise<unknown> {
  const exited = new Promise((r) => hub.child.once('exit', r));
  hub.child.kill('SIGKILL');
  return exited;
}

function integrity(dataDir: string): string[] {
  return ['catalog.sqlite', 'user.sqlite'].map((file) => {
    const db = new Database(join(dataDir, file), { readonly: true, fileMustExist: true });
    try {
      return `${file}: ${db.pragma('integrity_check', { simple: true })}`;
    } finally {
      db.close();
    }
  });
}

const post = (hub: ServedHub, path: string, body: unknown) =>
  hub.api(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe(`power cuts (FC_SEED=${seed})`, () => {
  let api: FakeDiscogsApi;
  beforeAll(async () => {
    // Answers as slow as Discogs' over the internet, so a sync outlasts the longest wait
    // before a cut (a seed of three waits near 60 ms once found every sync already done).
    api = await startFakeDiscogsApi({ collection: makeCollection(12), latencyMs: 25 });
  });
  afterAll(() => api.close());
  const serve = (data: string) => serveHub({ VINYLVAULT_DATA_DIR: data, DISCOGS_API_URL: api.url });

  it('during a burst of pushes: every acknowledged mutation is there once', async () => {
    const data = join(tempDir(), 'data');
    let hub = await serve(data);
    expect((await post(hub, '/api/discogs/login', { token: 'test-token' })).status).toBe(200);
    await syncAccountFully(hub);
    const instances = api.collection.instances.map((i) => i.instance_id);
    await kill(hub);

    const sent: object[] = [];
    const acked = new Set<string>();
    for (const after of moments(5, 20, 400)) {
      hub = await serve(data);
      await hub.api('/api/admin/status'); // signed in before the clock starts
      const cut = setTimeout(() => void kill(hub), after);
      try {
        for (let n = 0; ; n++) {
          const m = {
            id: crypto.randomUUID(),
            at: new Date().toISOString(),
            type: 'play',
            instance_id: instances[n % instances.length],
            played_at: '2026-12-01',
          };
          sent.push(m);
          const res = await post(hub, '/api/sync/push', { deviceId: 'power-cut', mutations: [m] });
          const { results } = (await res.json()) as PushResponse;
          expect(results).toEqual([{ id: m.id, status: 'applied' }]);
          acked.add(m.id);
        }
      } catch (err) {
        // fetch() fails when the connection dies with the hub: that push may or may not have applied.
        if (!(err instanceof TypeError)) throw err;
      } finally {
        clearTimeout(cut);
      }
    }
    expect(acked.size).toBeGreaterThan(0);

    hub = await serve(data);
    const db = new Database(join(data, 'user.sqlite'), { readonly: true });
    const plays = db.prepare<[], string>('SELECT id FROM plays').pluck().all();
    db.close();
    expect(new Set(plays).size).toBe(plays.length);
    for (const id of acked) expect(plays).toContain(id);
    // Everything sent again, as devices do after a lost reply: nothing applies twice.
    for (let i = 0; i < sent.length; i += 200) {
      const res = await post(hub, '/api/sync/push', {
        deviceId: 'power-cut',
        mutations: sent.slice(i, i + 200),
      });
      const { results } = (await res.json()) as PushResponse;
      for (const r of results)
        expect([r.id, r.status]).toEqual([r.id, plays.includes(r.id!) ? 'duplicate' : 'applied']);
    }
    await hub.stop();
    expect(integrity(data)).toEqual(['catalog.sqlite: ok', 'user.sqlite: ok']);
  }, 120_000);

  it('during an account sync: the next start runs it again, to the end', async () => {
    const data = join(tempDir(), 'data');
    let hub = await serve(data);
    expect((await post(hub, '/api/discogs/login', { token: 'test-token' })).status).toBe(200);
    let resumed = 0;
    for (const after of moments(3, 5, 60)) {
      expect((await post(hub, '/api/account-sync/start', { kind: 'full' })).status).toBe(202);
      await new Promise((r) => setTimeout(r, after));
      await kill(hub);
      expect(integrity(data)).toEqual(['catalog.sqlite: ok', 'user.sqlite: ok']);
      hub = await serve(data);
      // Either it had finished before the cut, or it runs again now.
      const status = async () =>
        (await (await hub.api('/api/account-sync/status')).json()) as AccountSyncStatus;
      await expect
        .poll(async () => (await status()).state, { timeout: 30_000 })
        .not.toBe('running');
      const s = await status();
      if (s.state === 'idle') continue; // completed before the cut: nothing to resume
      expect(s.state).toBe('completed');
      expect(hub.log()).toContain('an account sync was interrupted; running it again');
      resumed++;
    }
    expect(resumed).toBeGreaterThan(0); // a sync takes longer than the longest wait
    const counts = (await (await hub.api('/api/admin/health')).json()) as {
      collection: { instances: number };
    };
    expect(counts.collection.instances).toBe(12);
    await hub.stop();
    expect(integrity(data)).toEqual(['catalog.sqlite: ok', 'user.sqlite: ok']);
  }, 120_000);
});
