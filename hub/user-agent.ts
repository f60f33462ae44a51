import { readFileSync } from 'node:fs';
import { version } from './version.ts';

const homepage: string = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
).homepage;

/** Sent on every request to Discogs (API and dump host), as both ask clients to identify themselves. */
export const userAgent = `VinylVault/${version} +${homepage}`;
