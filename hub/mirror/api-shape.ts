import type {
  Artist,
  CatalogDocument,
  Credit,
  Kind,
  Label,
  Master,
  NamedRef,
  Release,
  Track,
} from '../../shared/catalog.ts';

/**
 * Where the mirror's records live: `api` is the hub's /discogs base (what api.discogs.com is to
 * Discogs' clients), `app` the app's own pages, which take the place of discogs.com's `uri`s.
 */
export interface MirrorUrls {
  api: string;
  app: string;
}

/**
 * The app's page of a record (web/src/lib/router.svelte.ts: `#/KIND/ID`), which stands where
 * discogs.com's page does in the API's `uri`s.
 */
export function appPageUrl(urls: MirrorUrls, kind: Kind, id: number): string {
  return `${urls.app}/#/${kind}/${id}`;
}

/**
 * A catalog document as api.discogs.com sends it: the same fields and nesting, plus every URL
 * field the API has (`resource_url`, `uri`, `master_url`, `main_release_url`, `versions_url`,
 * `releases_url`), pointing at the hub, since client libraries follow them. Fields the dump
 * lacks (images, community, marketplace) stay absent.
 */
export function apiShape(kind: Kind, doc: CatalogDocument, urls: MirrorUrls): object {
  const url = (k: Kind, id: number) => `${urls.api}/${k}s/${id}`;
  const own = { resource_url: url(kind, doc.id), uri: appPageUrl(urls, kind, doc.id) };
  const credits = (list: Credit[] | undefined) =>
    list?.map((c) => (c.id ? { ...c, resource_url: url('artist', c.id) } : c));
  const refs = <T extends { id?: number }>(k: Kind, list: T[] | undefined) =>
    list?.map((r) => (r.id ? { ...r, resource_url: url(k, r.id) } : r));
  const tracks = (list: Track[] | undefined): Track[] | undefined =>
    list?.map((t) => ({
      ...t,
      artists: credits(t.artists),
      extraartists: credits(t.extraartists),
      sub_tracks: tracks(t.sub_tracks),
    }));
  switch (kind) {
    case 'release': {
      const r = doc as Release;
      return {
        ...r,
        ...own,
        master_url: r.master_id ? url('master', r.master_id) : undefined,
        artists: credits(r.artists),
        extraartists: credits(r.extraartists),
        labels: refs('label', r.labels),
        // Discogs sends the list even when a release is in no series.
        series: refs('label', r.series) ?? [],
        companies: refs('label', r.companies),
        tracklist: tracks(r.tracklist),
      };
    }
    case 'master': {
      const m = doc as Master;
      return {
        ...m,
        ...own,
        main_release_url: m.main_release ? url('release', m.main_release) : undefined,
        versions_url: `${url('master', m.id)}/versions`,
        artists: credits(m.artists),
      };
    }
    case 'artist': {
      const a = doc as Artist;
      return {
        ...a,
        ...own,
        releases_url: `${url('artist', a.id)}/releases`,
        aliases: refs<NamedRef>('artist', a.aliases),
        members: refs<NamedRef>('artist', a.members),
        groups: refs<NamedRef>('artist', a.groups),
      };
    }
    case 'label': {
      const l = doc as Label;
      return {
        ...l,
        ...own,
        releases_url: `${url('label', l.id)}/releases`,
        parent_label: l.parent_label && {
          ...l.parent_label,
          resource_url: url('label', l.parent_label.id),
        },
        sublabels: refs<NamedRef>('label', l.sublabels),
      };
    }
  }
}
