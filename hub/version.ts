import { readFileSync } from 'node:fs';

/** The package version, shown by /api/health and sent in the Discogs User-Agent. */
export const version: string = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
).version;
