import { basename } from 'node:path';
import { plural, type CatalogDocument, type Kind } from '../../../shared/catalog.ts';
import { buildArtist } from './artist.ts';
import { buildLabel } from './label.ts';
import { buildMaster } from './master.ts';
import { buildRelease } from './release.ts';
import type { XmlElement } from './xml-tree.ts';

export interface KindInfo {
  kind: Kind;
  /** The dump's root element (`<releases>`) and record element (`<release>`). */
  root: string;
  record: string;
  build(el: XmlElement): CatalogDocument;
}

/** In dependency order: labels → artists → masters → releases. */
export const kindInfo: Record<Kind, KindInfo> = {
  label: { kind: 'label', root: plural.label, record: 'label', build: buildLabel },
  artist: { kind: 'artist', root: plural.artist, record: 'artist', build: buildArtist },
  master: { kind: 'master', root: plural.master, record: 'master', build: buildMaster },
  release: { kind: 'release', root: plural.release, record: 'release', build: buildRelease },
};

const order: Kind[] = ['label', 'artist', 'master', 'release'];

/** The kind a file name states (`discogs_20260601_releases.xml.gz`, `labels.xml`), if any. */
export function kindFromFileName(file: string): Kind | undefined {
  const name = basename(file).toLowerCase();
  return order.find((k) => new RegExp(`(^|[^a-z])${kindInfo[k].root}([^a-z]|$)`).test(name));
}

/** The dump date in a Discogs file name (`discogs_20260601_…` → `2026-06-01`), if any. */
export function dumpDateFromFileName(file: string): string | undefined {
  const m = /discogs_(\d{4})(\d{2})(\d{2})_/i.exec(basename(file));
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

/** Sorts files into dependency order by the kind their names state; unnamed ones keep their place at the end. */
export function inDependencyOrder(files: string[]): string[] {
  const rank = (f: string) => {
    const k = kindFromFileName(f);
    return k === undefined ? order.length : order.indexOf(k);
  };
  return files
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
    .map((x) => x.f);
}
