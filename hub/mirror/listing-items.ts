import {
  artistLine,
  type Format,
  type Master,
  type Release,
  type Track,
} from '../../shared/catalog.ts';
import type { CreditedWork } from '../catalog/catalog-store.ts';

/**
 * The rows of the API's listings, built from documents: a master's `versions`, a label's and
 * an artist's `releases`. Fields the dump lacks (thumb, stats, trackinfo) stay absent.
 */

/** The formats as the API's listings write them: each name, its descriptions, its free text. */
function formatText(formats: Format[] | undefined): string | undefined {
  if (!formats?.length) return undefined;
  return formats
    .flatMap((f) => [f.name, ...(f.descriptions ?? []), ...(f.text ? [f.text] : [])])
    .join(', ');
}

export function versionItem(r: Release, resourceUrl: string): object {
  return {
    id: r.id,
    label: r.labels?.[0]?.name,
    country: r.country,
    title: r.title,
    major_formats: r.formats && [...new Set(r.formats.map((f) => f.name))],
    format: formatText(r.formats),
    catno: r.labels?.[0]?.catno,
    released: r.released,
    status: r.status,
    resource_url: resourceUrl,
  };
}

/** `catno`: the number the release carries on this label, which need not be its first. */
export function labelReleaseItem(
  r: Release,
  catno: string | undefined,
  resourceUrl: string,
): object {
  return {
    status: r.status,
    format: formatText(r.formats),
    catno: catno ?? r.labels?.[0]?.catno,
    resource_url: resourceUrl,
    title: r.title,
    id: r.id,
    year: r.year,
    artist: artistLine(r.artists),
  };
}

/** Discogs' names for how an artist is credited (release_artists.role). */
const creditRole: Record<CreditedWork['role'], string> = {
  main: 'Main',
  track: 'TrackAppearance',
  extra: 'Appearance',
};

/**
 * A row of an artist's releases: the master, when the catalog has it, else the release.
 * `url(kind, id)` is the record's resource_url on the hub.
 */
export function artistReleaseItem(
  artistId: number,
  work: CreditedWork,
  master: Master | undefined,
  release: Release,
  url: (kind: 'master' | 'release', id: number) => string,
): object {
  const role = creditRole[work.role];
  // The tracks the artist is credited on, where that is how they appear on the release.
  const trackinfo =
    work.role === 'track' ? creditedTracks(release.tracklist, artistId).join(', ') : undefined;
  if (master)
    return {
      id: master.id,
      type: 'master',
      main_release: master.main_release,
      title: master.title,
      artist: artistLine(master.artists),
      role,
      year: master.year,
      trackinfo: trackinfo || undefined,
      resource_url: url('master', master.id),
    };
  return {
    id: release.id,
    type: 'release',
    status: release.status,
    title: release.title,
    format: formatText(release.formats),
    label: release.labels?.[0]?.name,
    artist: artistLine(release.artists),
    role,
    year: release.year,
    trackinfo: trackinfo || undefined,
    resource_url: url('release', release.id),
  };
}

function creditedTracks(tracks: Track[] | undefined, artistId: number): string[] {
  return (tracks ?? []).flatMap((t) => [
    ...((t.artists ?? []).some((a) => a.id === artistId) ? [t.title] : []),
    ...creditedTracks(t.sub_tracks, artistId),
  ]);
}
