import type { Master } from '../../../shared/catalog.ts';
import { requireId } from './record-error.ts';
import { credits, videos } from './shared-parts.ts';
import { nonEmpty, positiveInt, texts, type XmlElement } from './xml-tree.ts';

/** A `<master>` record of the masters dump as the API's master document. */
export function buildMaster(el: XmlElement): Master {
  const id = requireId(positiveInt(el.attrs.id), 'master', el.attrs.id);
  const m: Master = { id, title: '' };
  for (const c of el.children) {
    switch (c.name) {
      case 'title':
        m.title = c.text;
        break;
      case 'main_release':
        m.main_release = positiveInt(c.text);
        break;
      case 'artists':
        m.artists = credits(c);
        break;
      case 'genres':
        m.genres = texts(c);
        break;
      case 'styles':
        m.styles = texts(c);
        break;
      case 'year':
        m.year = positiveInt(c.text);
        break;
      case 'notes':
        m.notes = nonEmpty(c.text);
        break;
      case 'data_quality':
        m.data_quality = nonEmpty(c.text);
        break;
      case 'videos':
        m.videos = videos(c);
        break;
    }
  }
  return {
    id,
    title: m.title,
    main_release: m.main_release,
    artists: m.artists,
    genres: m.genres,
    styles: m.styles,
    year: m.year,
    notes: m.notes,
    data_quality: m.data_quality,
    videos: m.videos,
  };
}
