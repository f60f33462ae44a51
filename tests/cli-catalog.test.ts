import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReleasesCorpus } from '../bench/corpus.ts';
import { catalogContents } from './helpers/catalog.ts';
import { cliPath, runCli } from './helpers/cli.ts';
import { tempDir } from './helpers/temp-dir.ts';
import { sample2020 } from './fixtures/paths.ts';

describe('vinylvault ingest, get and search', () => {
  it('ingests in dependency order, prints a summary, and serves the records', async () => {
    const data = tempDir();
    const env = { VINYLVAULT_DATA_DIR: data };
    const ingest = await runCli(
      [
        'ingest',
        sample2020('releases'),
        sample2020('masters'),
        sample2020('labels'),
        sample2020('artists'),
      ],
      env,
    );
    expect(ingest.stderr).toBe('');
    expect(ingest.code).toBe(0);
    const lines = ingest.stdout.trim().split('\n');
    expect(lines[0]).toMatch(
      /^file\s+kind\s+added\s+changed\s+unchanged\s+deleted\s+skipped\s+seconds\s+MB\/s$/,
    );
    expect(lines.slice(1).map((l) => l.split(/\s+/).slice(0, 3))).toEqual([
      ['discogs_20200806_labels.xml.gz', 'label', '1,000'],
      ['discogs_20200806_artists.xml.gz', 'artist', '1,000'],
      ['discogs_20200806_masters.xml.gz', 'master', '1,000'],
      ['discogs_20200806_releases.xml.gz', 'release', '1,000'],
    ]);

    const get = await runCli(['get', 'release', '3', '1'], env);
    expect(get.code).toBe(0);
    expect(
      get.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).id),
    ).toEqual([3, 1]);
    expect(JSON.parse(get.stdout.split('\n')[1]!)).toMatchObject({
      id: 1,
      title: 'Stockholm',
      artists: [{ id: 1, name: 'The Persuader' }],
    });

    const missing = await runCli(['get', 'label', '1', '424242424'], env);
    expect(missing.code).toBe(1);
    expect(missing.stdout.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toBe('vinylvault: label 424242424 is not in the catalog\n');

    const search = await runCli(['search', 'persuader', 'stockholm'], env);
    expect(search.code).toBe(0);
    expect(search.stdout.split('\n')[0]).toMatch(
      /^release\s+1 {2}The Persuader – Stockholm \(1999, Sweden, Svek SK032\)$/,
    );
  });

  it.each([
    [['get', 'record', '1'], 'get: KIND must be one of label, artist, master, release, got record'],
    [['get', 'release', 'x1'], 'get: release id must be a whole number, got "x1"'],
    [['ingest'], 'ingest needs at least one dump file'],
    [['search'], 'search: give the text to look for'],
  ])('%j → usage error, exit 2', async (args, message) => {
    const r = await runCli(args, { VINYLVAULT_DATA_DIR: tempDir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`vinylvault: ${message}`);
  });

  it('a bad file: one line naming it, exit 1', async () => {
    const data = tempDir();
    const r = await runCli(['ingest', join(data, 'nope_releases.xml.gz')], {
      VINYLVAULT_DATA_DIR: data,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `vinylvault: ${join(data, 'nope_releases.xml.gz')}: cannot read (ENOENT)\n`,
    );
    // A folder given by mistake: one line, no EISDIR stack trace.
    const folder = await runCli(['ingest', data], { VINYLVAULT_DATA_DIR: data });
    expect([folder.code, folder.stderr]).toEqual([
      1,
      `vinylvault: ${data}: a directory, not a dump file; give the .xml.gz files in it\n`,
    ]);
  });

  it('after SIGKILL at three moments, one more run leaves the catalog identical to a clean ingest', async () => {
    const dir = tempDir();
    const corpus = await buildReleasesCorpus(
      sample2020('releases'),
      join(dir, 'discogs_20260601_releases.xml.gz'),
      40,
    );
    const crashed = join(dir, 'crashed');
    const env = { ...process.env, VINYLVAULT_DATA_DIR: crashed };

    let partial = 0;
    const runs = () => count(join(crashed, 'catalog.sqlite'), 'ingest_runs');
    for (const [round, extraMs] of [100, 300, 600].entries()) {
      const child = spawn(process.execPath, [cliPath, 'ingest', corpus], { env, stdio: 'ignore' });
      const exited = new Promise<NodeJS.Signals | null>((r) =>
        child.on('exit', (_code, signal) => r(signal)),
      );
      // Killed a moment after this run has begun (recorded its run), well before the end.
      await expect.poll(runs, { timeout: 60_000, interval: 10 }).toBe(round + 1);
      await new Promise((r) => setTimeout(r, extraMs));
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      partial = count(join(crashed, 'catalog.sqlite'), 'releases');
      const check = new Database(join(crashed, 'catalog.sqlite'), { readonly: true });
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
      check.close();
    }

    const rerun = await runCli(['ingest', corpus], { VINYLVAULT_DATA_DIR: crashed }, 120_000);
    expect(rerun.code).toBe(0);
    const clean = await runCli(
      ['ingest', corpus],
      { VINYLVAULT_DATA_DIR: join(dir, 'clean') },
      120_000,
    );
    expect(clean.code).toBe(0);

    const a = new Database(join(crashed, 'catalog.sqlite'), { readonly: true });
    const b = new Database(join(dir, 'clean', 'catalog.sqlite'), { readonly: true });
    const ca = catalogContents(a);
    const cb = catalogContents(b);
    const total = (cb.releases as unknown[]).length;
    expect(total).toBe(9000);
    expect(partial).toBeLessThan(total);
    // Compared as booleans so a failure does not print 40 MB of documents.
    for (const table of Object.keys(cb))
      expect([table, JSON.stringify(ca[table]) === JSON.stringify(cb[table])]).toEqual([
        table,
        true,
      ]);
    const interrupted = {
      status: 'failed',
      error: 'interrupted: the process stopped before the ingest finished',
    };
    expect(a.prepare('SELECT status, error FROM ingest_runs ORDER BY id').all()).toEqual([
      interrupted,
      interrupted,
      interrupted,
      { status: 'completed', error: null },
    ]);
    a.close();
    b.close();
  }, 240_000);
});

function count(file: string, table: string): number {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}
