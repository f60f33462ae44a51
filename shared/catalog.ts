/**
 * Catalog records in the Discogs API shape (`GET /releases/{id}` etc.) for every field the
 * monthly dump carries. Fields the dump lacks (images, community, prices, resource URLs of the
 * record itself) are absent rather than invented.
 */
export const kinds = ['label', 'artist', 'master', 'release'] as const;
export type Kind = (typeof kinds)[number];

/** The plural of each kind: the dump's root element, the catalog table and the URL segment. */
export const plural = {
  label: 'labels',
  artist: 'artists',
  master: 'masters',
  release: 'releases',
} as const satisfies Record<Kind, string>;
export type KindPlural = (typeof plural)[Kind];

export interface Credit {
  id?: number;
  name: string;
  anv: string;
  join: string;
  role: string;
  tracks: string;
}

/**
 * A name without Discogs' disambiguation suffix: "Swamp (7)" is "Swamp". Lists show names so;
 * a release page keeps the suffix in its credits, where it tells two artists of one name apart.
 */
export function plainName(name: string): string {
  return name.replace(/ \(\d+\)$/, '');
}

/**
 * Credits as Discogs displays them in lists: the name credited (anv), else the plain name,
 * joined by each credit's join word.
 */
export function artistLine(
  credits: Array<{ name: string; anv?: string; join?: string }> | undefined,
): string | undefined {
  if (!credits || credits.length === 0) return undefined;
  return credits
    .map((c, i) => `${c.anv || plainName(c.name)}${i < credits.length - 1 ? creditJoin(c) : ''}`)
    .join('');
}

/** What follows a credited name before the next: its join word ("&", "Feat.", ","), or ", ". */
export function creditJoin(c: { join?: string }): string {
  return c.join && c.join !== ',' ? ` ${c.join} ` : ', ';
}

/** Formats as Discogs lists them: "2×Vinyl, LP, Album; 1×CD, Single". */
export function formatLine(
  formats: Array<{ name: string; qty?: string; descriptions?: string[] }> | undefined,
): string | undefined {
  if (!formats || formats.length === 0) return undefined;
  return formats
    .map((f) => [`${f.qty ?? '1'}×${f.name}`, ...(f.descriptions ?? [])].join(', '))
    .join('; ');
}

export interface Track {
  position: string;
  title: string;
  duration: string;
  artists?: Credit[];
  extraartists?: Credit[];
  sub_tracks?: Track[];
}

export interface LabelRef {
  id?: number;
  name: string;
  catno: string;
}

export interface Company {
  id?: number;
  name: string;
  catno: string;
  entity_type?: string;
  entity_type_name?: string;
  resource_url?: string;
}

export interface Format {
  name: string;
  /** A string, as in the API: the dump holds values no number type can (64 digits seen). */
  qty: string;
  text?: string;
  descriptions?: string[];
}

export interface Identifier {
  type: string;
  value: string;
  description?: string;
}

export interface Video {
  uri: string;
  title: string;
  description: string;
  duration?: number;
  embed?: boolean;
}

export interface Release {
  id: number;
  status?: string;
  title: string;
  artists?: Credit[];
  extraartists?: Credit[];
  labels?: LabelRef[];
  series?: LabelRef[];
  companies?: Company[];
  formats?: Format[];
  genres?: string[];
  styles?: string[];
  country?: string;
  released?: string;
  year?: number;
  notes?: string;
  data_quality?: string;
  master_id?: number;
  tracklist?: Track[];
  identifiers?: Identifier[];
  videos?: Video[];
}

export interface Master {
  id: number;
  title: string;
  main_release?: number;
  artists?: Credit[];
  genres?: string[];
  styles?: string[];
  year?: number;
  notes?: string;
  data_quality?: string;
  videos?: Video[];
}

export interface NamedRef {
  id: number;
  name: string;
}

export interface Artist {
  id: number;
  name: string;
  realname?: string;
  profile?: string;
  data_quality?: string;
  urls?: string[];
  namevariations?: string[];
  aliases?: NamedRef[];
  members?: NamedRef[];
  groups?: NamedRef[];
}

export interface Label {
  id: number;
  name: string;
  contact_info?: string;
  profile?: string;
  data_quality?: string;
  urls?: string[];
  parent_label?: NamedRef;
  sublabels?: NamedRef[];
}

export type CatalogDocument = Release | Master | Artist | Label;

/** One search hit or relation row: enough to list a record without its whole document. */
export interface CatalogSummary {
  kind: Kind;
  id: number;
  title: string;
  /** Artist names for releases and masters. */
  artists?: string;
  year?: number;
  country?: string;
  /** Label and catalogue number, and formats (formatLine), for releases. */
  label?: string;
  catno?: string;
  format?: string;
  /** For releases: the master it is a version of. */
  masterId?: number;
}

/** A page of a record's relations: a master's versions, an artist's or a label's releases. */
export interface PagedSummaries {
  items: CatalogSummary[];
  page: number;
  perPage: number;
  total: number;
}

/**
 * A release as a Discogs collection or wantlist listing describes it (`basic_information`),
 * from its catalog document: what a record added on a device or the hub shows until Discogs'
 * own listing replaces it. Without the document, only the id is known.
 */
export function basicInformation(
  releaseId: number,
  r: Release | undefined,
): Record<string, unknown> {
  if (!r) return { id: releaseId, title: `Release ${releaseId}` };
  return {
    id: r.id,
    master_id: r.master_id ?? 0,
    title: r.title,
    year: r.year ?? 0,
    artists: r.artists ?? [],
    labels: r.labels ?? [],
    formats: r.formats ?? [],
    genres: r.genres ?? [],
    styles: r.styles ?? [],
    thumb: '',
    cover_image: '',
  };
}

/** One record in an artist's or label's discography: a master with its versions, or a lone release. */
export interface DiscographyGroup {
  /** Absent for a release that is no master's version. */
  masterId?: number;
  title: string;
  artists?: string;
  year?: number;
  /** The versions the artist or label is on; the device marks have, want and missing from them. */
  releaseIds: number[];
}

/** An artist's (main credits) or a label's releases grouped by master, oldest first. */
export interface Discography {
  kind: 'artist' | 'label';
  id: number;
  name: string;
  groups: DiscographyGroup[];
  /** Over the whole discography; `groups` stops at DISCOGRAPHY_LIMIT. */
  totalGroups: number;
  totalReleases: number;
}

/** Enough for any one artist's records; "Various" and the biggest labels are cut there. */
export const DISCOGRAPHY_LIMIT = 2000;
