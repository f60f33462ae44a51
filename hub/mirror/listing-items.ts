import { artistLine, type Format, type Release } from '../../shared/catalog.ts';

/**
 * The rows of the API's listings, built from release documents: a master's `versions` and a
 * label's `releases`. Fields the dump lacks (thumb, stats) stay absent.
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
