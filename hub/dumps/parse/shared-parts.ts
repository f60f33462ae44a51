import type { Credit, NamedRef, Video } from '../../../shared/catalog.ts';
import { childrenNamed, nonEmptyList, positiveInt, type XmlElement } from './xml-tree.ts';

/**
 * `<artist><id/><name/><anv/><join/><role/><tracks/></artist>` as the API's credit object. The
 * four text fields are always present (the API always sends them); the id is absent where the
 * dump has none or `0`.
 */
export function credit(el: XmlElement): Credit {
  const c: Credit = { name: '', anv: '', join: '', role: '', tracks: '' };
  for (const f of el.children) {
    switch (f.name) {
      case 'id': {
        const id = positiveInt(f.text);
        if (id !== undefined) c.id = id;
        break;
      }
      case 'name':
      case 'anv':
      case 'join':
      case 'role':
      case 'tracks':
        c[f.name] = f.text;
        break;
    }
  }
  return c.id === undefined
    ? c
    : { id: c.id, name: c.name, anv: c.anv, join: c.join, role: c.role, tracks: c.tracks };
}

export function credits(list: XmlElement | undefined): Credit[] | undefined {
  return list ? nonEmptyList(childrenNamed(list, 'artist').map(credit)) : undefined;
}

/** `<video src duration embed><title/><description/></video>` → `{ uri, title, description, duration, embed }`. */
export function videos(list: XmlElement | undefined): Video[] | undefined {
  if (!list) return undefined;
  return nonEmptyList(
    childrenNamed(list, 'video').map((v) => {
      const video: Video = {
        uri: v.attrs.src ?? '',
        title: v.children.find((c) => c.name === 'title')?.text ?? '',
        description: v.children.find((c) => c.name === 'description')?.text ?? '',
      };
      const duration = positiveInt(v.attrs.duration);
      if (duration !== undefined || v.attrs.duration === '0') video.duration = duration ?? 0;
      if (v.attrs.embed !== undefined) video.embed = v.attrs.embed === 'true';
      return video;
    }),
  );
}

/** `<name id="2">Foo</name>` entries (aliases, groups, members, sublabels) as `{ id, name }`; entries without an id are dropped. */
export function namedRefs(
  list: XmlElement | undefined,
  elementName: string,
): NamedRef[] | undefined {
  if (!list) return undefined;
  const refs: NamedRef[] = [];
  for (const el of childrenNamed(list, elementName)) {
    const id = positiveInt(el.attrs.id);
    if (id !== undefined) refs.push({ id, name: el.text });
  }
  return nonEmptyList(refs);
}
