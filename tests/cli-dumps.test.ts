import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeDumpHost, type FakeDumpHost } from './fakes/dump-host.ts';
import { runCli } from './helpers/cli.ts';
import { publishMonth } from './helpers/dump-month.ts';
import { tempDir } from './helpers/temp-dir.ts';

describe('vinylvault dumps', () => {
  let host: FakeDumpHost;
  let env: Record<string, string>;
  beforeEach(async () => {
    host = await startFakeDumpHost();
    publishMonth(host, '20260601');
    env = {
      VINYLVAULT_DATA_DIR: tempDir(),
      DISCOGS_DUMPS_URL: host.url,
      VINYLVAULT_DUMP_RETRY_SECONDS: '0,0',
    };
  });
  afterEach(() => host.close());

  it('run fetches and processes the newest month; status shows it', async () => {
    expect((await runCli(['dumps', 'status'], env)).stdout).toBe(
      'no dump month has been processed yet; run "vinylvault dumps run"\n',
    );
    const run = await runCli(['dumps', 'run'], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^2026-06 {2}completed +\(\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\) attempts 0\n$/,
    );
    const status = await runCli(['dumps', 'status'], env);
    expect(status.stdout).toBe(run.stdout);
    const get = await runCli(['get', 'release', '1'], env);
    expect(JSON.parse(get.stdout)).toMatchObject({ id: 1, title: 'Stockholm' });
  });

  it('a month that fails every attempt: the reason in words, exit 1', async () => {
    host.faults.set('discogs_20260601_masters.xml.gz', { corrupt: { times: 9 } });
    const run = await runCli(['dumps', 'run', '2026-06'], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^2026-06 {2}failed +\(.*\) attempts 2: discogs_20260601_masters\.xml\.gz: checksum mismatch/,
    );
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^attempt 1 failed: discogs_20260601_masters\.xml\.gz: checksum mismatch .*; next attempt at \d\d:\d\d:\d\d UTC$/,
      ),
      expect.stringMatching(
        /^attempt 2 failed: discogs_20260601_masters\.xml\.gz: checksum mismatch .*again$/,
      ),
    ]);
  });

  it.each([
    [['dumps'], 'expected "dumps status" or "dumps run [YYYY-MM]"'],
    [['dumps', 'run', '2026-13'], 'dumps run: expected a month as YYYY-MM, got "2026-13"'],
  ])('%j → usage error', async (args, message) => {
    const r = await runCli(args, env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});
