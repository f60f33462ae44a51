import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from 'vitest';
import { loadConfig } from '../../hub/config.ts';
import type { DestinationStream } from 'pino';
import { RecentProblems } from '../../hub/jobs/recent-problems.ts';
import { createLogger } from '../../hub/log.ts';
import { startHub, type RunningHub } from '../../hub/main.ts';
import { adminFetch } from './auth.ts';

/**
 * A hub started in the test's own process, as `vinylvault serve` starts it (hub/main.ts), on
 * loopback ports: real HTTP and real SQLite, without a CLI process to spawn for each test.
 * Tests of the CLI and of the process itself (exit codes, memory, file limits) use serveHub.
 */
export interface TestHub extends RunningHub {
  /** Plain HTTP on 127.0.0.1: everything, as for the owner at the Pi and scripts. */
  url: string;
  dataDir: string;
  /** fetch() of a path on the hub, signed in as its admin. */
  api(path: string, init?: RequestInit): Promise<Response>;
  /** Everything the hub has logged so far (pino's JSON lines). */
  log(): string;
}

export interface TestHubs {
  /** Starts a hub with these settings (VINYLVAULT_* as the CLI reads them); a new data dir unless one is given. Closed after the test. */
  open(env?: Record<string, string>): Promise<TestHub>;
  /** A new empty directory, removed after the test. */
  dir(): string;
}

/** `test` with a `hubs` fixture: every hub it opens is closed, and every directory removed, whatever the test does. */
export const test = base.extend<{ hubs: TestHubs }>({
  // The empty pattern is how vitest learns that this fixture depends on no other.
  hubs: async ({}, use) => {
    const hubs: RunningHub[] = [];
    const dirs: string[] = [];
    const dir = () => {
      const d = mkdtempSync(join(tmpdir(), 'vinylvault-'));
      dirs.push(d);
      return d;
    };
    await use({
      dir,
      async open(env = {}) {
        const dataDir = env.VINYLVAULT_DATA_DIR ?? dir();
        let log = '';
        const config = loadConfig({
          ...process.env,
          VINYLVAULT_PORT: '0',
          VINYLVAULT_HTTPS_PORT: '0',
          ...env,
          VINYLVAULT_DATA_DIR: dataDir,
        });
        // As `serve` starts it: warnings and errors also reach the admin page's Health panel.
        const problems = new RecentProblems();
        const logger = createLogger(
          'info',
          { write: (line: string) => void (log += line) } as DestinationStream,
          problems,
        );
        const hub = await startHub({ ...config, host: '127.0.0.1' }, logger, problems);
        let closing: Promise<void> | undefined;
        const running: RunningHub = { ...hub, close: () => (closing ??= hub.close()) };
        hubs.push(running);
        const url = `http://127.0.0.1:${hub.port}`;
        return { ...running, url, dataDir, api: adminFetch(url, dataDir), log: () => log };
      },
    });
    for (const hub of hubs) await hub.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  },
});
