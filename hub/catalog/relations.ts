import { foldCode } from '../../shared/search-text.ts';
import type {
  Artist,
  CatalogDocument,
  Credit,
  Kind,
  Label,
  Master,
  Release,
  Track,
} from '../../shared/catalog.ts';

/** What a record contributes to the lookup tables and the search index, besides its document. */
export interface Relations {
  /** releases.master_id or labels.parent_id. */
  parentId?: number;
  /** releases.year: listings sort by it without reading documents. */
  year?: number;
  /** release_artists: [artist id, 'main' | 'track' | 'extra']. */
  artists?: [number, string][];
  /** release_labels: [label id, catno] for labels and series. */
  labels?: [number, string][];
  /** release_codes: [folded code, 'barcode' | 'catno']. */
  codes?: [string, string][];
  /** artist_links: [other artist id, 'alias' | 'member' | 'group']. */
  links?: [number, string][];
  search: SearchText;
}

export interface SearchText {
  title: string;
  artists: string;
  labels: string;
  codes: string;
}

export function relationsOf(kind: Kind, doc: CatalogDocument): Relations {
  switch (kind) {
    case 'release':
      return releaseRelations(doc as Release);
    case 'master':
      return masterRelations(doc as Master);
    case 'artist':
      return artistRelations(doc as Artist);
    case 'label':
      return labelRelations(doc as Label);
  }
}

function creditNames(list: Credit[] | undefined): string[] {
  return (list ?? []).flatMap((c) => (c.anv && c.anv !== c.name ? [c.name, c.anv] : [c.name]));
}

/** release_artists rows, keyed `id/role` so an artist credited twice in one role is one row. */
type ArtistRows = Map<string, [number, string]>;

// Module functions rather than closures inside releaseRelations: it runs for every release
// of an ingest, and each closure made per call cost measurable time (bench:ingest-stages).
function addCredits(rows: ArtistRows, list: Credit[] | undefined, role: string): void {
  for (const c of list ?? []) if (c.id !== undefined) rows.set(`${c.id}/${role}`, [c.id, role]);
}

/** The credits of a tracklist and its sub-tracks; the track artists' names go to `names`. */
function addTrackCredits(rows: ArtistRows, tracks: Track[] | undefined, names: string[]): void {
  for (const t of tracks ?? []) {
    addCredits(rows, t.artists, 'track');
    addCredits(rows, t.extraartists, 'extra');
    names.push(...creditNames(t.artists));
    addTrackCredits(rows, t.sub_tracks, names);
  }
}

function releaseRelations(r: Release): Relations {
  const artists: ArtistRows = new Map();
  addCredits(artists, r.artists, 'main');
  addCredits(artists, r.extraartists, 'extra');
  const trackNames: string[] = [];
  addTrackCredits(artists, r.tracklist, trackNames);

  const labelRows = new Map<string, [number, string]>();
  for (const l of [...(r.labels ?? []), ...(r.series ?? [])]) {
    if (l.id !== undefined) labelRows.set(`${l.id}/${l.catno}`, [l.id, l.catno]);
  }
  const codes = new Map<string, [string, string]>();
  const rawCodes: string[] = [];
  for (const l of r.labels ?? []) {
    const folded = foldCode(l.catno);
    if (folded && folded !== 'none') {
      codes.set(`c${folded}`, [folded, 'catno']);
      rawCodes.push(l.catno);
    }
  }
  for (const i of r.identifiers ?? []) {
    if (i.type !== 'Barcode') continue;
    const folded = foldCode(i.value);
    if (folded) {
      codes.set(`b${folded}`, [folded, 'barcode']);
      rawCodes.push(i.value, folded);
    }
  }
  return {
    parentId: r.master_id,
    year: r.year,
    artists: [...artists.values()],
    labels: [...labelRows.values()],
    codes: [...codes.values()],
    search: {
      title: r.title,
      artists: [...new Set([...creditNames(r.artists), ...trackNames])].join(' · '),
      labels: [...new Set((r.labels ?? []).map((l) => l.name))].join(' · '),
      codes: rawCodes.join(' '),
    },
  };
}

function masterRelations(m: Master): Relations {
  return {
    search: { title: m.title, artists: creditNames(m.artists).join(' · '), labels: '', codes: '' },
  };
}

function artistRelations(a: Artist): Relations {
  const links: [number, string][] = [
    ...(a.aliases ?? []).map((x): [number, string] => [x.id, 'alias']),
    ...(a.members ?? []).map((x): [number, string] => [x.id, 'member']),
    ...(a.groups ?? []).map((x): [number, string] => [x.id, 'group']),
  ];
  const other = [a.realname ?? '', ...(a.namevariations ?? [])].filter(Boolean);
  return {
    links: [...new Map(links.map((l) => [`${l[0]}/${l[1]}`, l])).values()],
    search: { title: a.name, artists: other.join(' · '), labels: '', codes: '' },
  };
}

function labelRelations(l: Label): Relations {
  return {
    parentId: l.parent_label?.id,
    search: { title: l.name, artists: '', labels: '', codes: '' },
  };
}
