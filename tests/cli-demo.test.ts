import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.ts';
import { tempDir } from './helpers/temp-dir.ts';

// The seeding itself is driven end to end by tests/e2e/collection-screens.test.ts.
describe('vinylvault demo', () => {
  it('says to build the app first when there is no build to serve, and touches nothing', async () => {
    const data = tempDir();
    const web = tempDir();
    const r = await runCli(['demo'], { VINYLVAULT_DATA_DIR: data, VINYLVAULT_WEB_DIR: web });
    expect([r.code, r.stderr]).toEqual([
      1,
      `vinylvault: the app is not built in ${web}: run "npm run build" first\n`,
    ]);
    expect(readdirSync(data)).toEqual([]);
  });

  it('is listed in the usage', async () => {
    expect((await runCli(['--help'])).stdout).toContain(
      'demo               seed an empty hub with the bundled sample dump',
    );
  });
});
