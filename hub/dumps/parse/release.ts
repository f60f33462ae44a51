import type {
  Company,
  Format,
  Identifier,
  LabelRef,
  Release,
  Track,
} from '../../../shared/catalog.ts';
import { requireId } from './record-error.ts';
import { credits, videos } from './shared-parts.ts';
import {
  child,
  childrenNamed,
  nonEmpty,
  nonEmptyList,
  positiveInt,
  texts,
  type XmlElement,
} from './xml-tree.ts';

/** A `<release>` record of the releases dump as the API's release document. */
export function buildRelease(el: XmlElement): Release {
  const id = requireId(positiveInt(el.attrs.id), 'release', el.attrs.id);
  let title = '';
  const rest: Partial<Release> = {};
  for (const c of el.children) {
    switch (c.name) {
      case 'title':
        title = c.text;
        break;
      case 'artists':
        rest.artists = credits(c);
        break;
      case 'extraartists':
        rest.extraartists = credits(c);
        break;
      case 'labels':
        rest.labels = labelRefs(c);
        break;
      case 'series':
        rest.series = labelRefs(c);
        break;
      case 'companies':
        rest.companies = companies(c);
        break;
      case 'formats':
        rest.formats = formats(c);
        break;
      case 'genres':
        rest.genres = texts(c);
        break;
      case 'styles':
        rest.styles = texts(c);
        break;
      case 'country':
        rest.country = nonEmpty(c.text);
        break;
      case 'released':
        rest.released = nonEmpty(c.text);
        break;
      case 'notes':
        rest.notes = nonEmpty(c.text);
        break;
      case 'data_quality':
        rest.data_quality = nonEmpty(c.text);
        break;
      case 'master_id':
        rest.master_id = positiveInt(c.text);
        break;
      case 'tracklist':
        rest.tracklist = tracks(c);
        break;
      case 'identifiers':
        rest.identifiers = identifiers(c);
        break;
      case 'videos':
        rest.videos = videos(c);
        break;
    }
  }
  const year = rest.released ? Number(rest.released.slice(0, 4)) : NaN;
  // Fixed key order, so equal records serialise to equal JSON. What a listing shows comes
  // first, up to the tracklist: listings decode and parse only that head (the catalog
  // store's #releaseHead), and the long credits, companies and notes come after it.
  return {
    id,
    status: nonEmpty(el.attrs.status),
    title,
    artists: rest.artists,
    labels: rest.labels,
    formats: rest.formats,
    country: rest.country,
    released: rest.released,
    year: year > 0 ? year : undefined,
    master_id: rest.master_id,
    tracklist: rest.tracklist,
    extraartists: rest.extraartists,
    series: rest.series,
    companies: rest.companies,
    genres: rest.genres,
    styles: rest.styles,
    notes: rest.notes,
    data_quality: rest.data_quality,
    identifiers: rest.identifiers,
    videos: rest.videos,
  };
}

/** `<label name catno id/>` (and series entries, which have the same attributes). */
function labelRefs(list: XmlElement): LabelRef[] | undefined {
  return nonEmptyList(
    list.children.map((l) => {
      const id = positiveInt(l.attrs.id);
      const ref = { name: l.attrs.name ?? '', catno: l.attrs.catno ?? '' };
      return id === undefined ? ref : { id, ...ref };
    }),
  );
}

function companies(list: XmlElement): Company[] | undefined {
  return nonEmptyList(
    childrenNamed(list, 'company').map((c) => ({
      id: positiveInt(child(c, 'id')?.text),
      name: child(c, 'name')?.text ?? '',
      catno: child(c, 'catno')?.text ?? '',
      entity_type: nonEmpty(child(c, 'entity_type')?.text),
      entity_type_name: nonEmpty(child(c, 'entity_type_name')?.text),
      resource_url: nonEmpty(child(c, 'resource_url')?.text),
    })),
  );
}

function formats(list: XmlElement): Format[] | undefined {
  return nonEmptyList(
    childrenNamed(list, 'format').map((f) => ({
      name: f.attrs.name ?? '',
      qty: f.attrs.qty ?? '',
      text: nonEmpty(f.attrs.text),
      descriptions: texts(child(f, 'descriptions')),
    })),
  );
}

function tracks(list: XmlElement): Track[] | undefined {
  return nonEmptyList(
    childrenNamed(list, 'track').map((t) => {
      const track: Track = { position: '', title: '', duration: '' };
      for (const c of t.children) {
        switch (c.name) {
          case 'position':
          case 'title':
          case 'duration':
            track[c.name] = c.text;
            break;
          case 'artists':
            track.artists = credits(c);
            break;
          case 'extraartists':
            track.extraartists = credits(c);
            break;
          case 'sub_tracks':
            track.sub_tracks = tracks(c);
            break;
        }
      }
      return track;
    }),
  );
}

function identifiers(list: XmlElement): Identifier[] | undefined {
  return nonEmptyList(
    childrenNamed(list, 'identifier').map((i) => ({
      type: i.attrs.type ?? '',
      description: nonEmpty(i.attrs.description),
      value: i.attrs.value ?? '',
    })),
  );
}
