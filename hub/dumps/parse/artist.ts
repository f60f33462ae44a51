import type { Artist, NamedRef } from '../../../shared/catalog.ts';
import { requireId } from './record-error.ts';
import { namedRefs } from './shared-parts.ts';
import { child, nonEmpty, nonEmptyList, positiveInt, texts, type XmlElement } from './xml-tree.ts';

/** An `<artist>` record of the artists dump as the API's artist document. */
export function buildArtist(el: XmlElement): Artist {
  const idText = child(el, 'id')?.text;
  const id = requireId(positiveInt(idText), 'artist', idText);
  const a: Partial<Artist> = {};
  for (const c of el.children) {
    switch (c.name) {
      case 'name':
        a.name = c.text;
        break;
      case 'realname':
        a.realname = nonEmpty(c.text);
        break;
      case 'profile':
        a.profile = nonEmpty(c.text);
        break;
      case 'data_quality':
        a.data_quality = nonEmpty(c.text);
        break;
      case 'urls':
        a.urls = texts(c);
        break;
      case 'namevariations':
        a.namevariations = texts(c);
        break;
      case 'aliases':
        a.aliases = namedRefs(c, 'name');
        break;
      case 'groups':
        a.groups = namedRefs(c, 'name');
        break;
      case 'members':
        a.members = members(c);
        break;
    }
  }
  return {
    id,
    name: a.name ?? '',
    realname: a.realname,
    profile: a.profile,
    data_quality: a.data_quality,
    urls: a.urls,
    namevariations: a.namevariations,
    aliases: a.aliases,
    members: a.members,
    groups: a.groups,
  };
}

/**
 * `<members>` lists each member twice, as `<id>26</id>` and `<name id="26">…</name>`; the named
 * entries carry both. A bare `<id>` without its `<name>` still names a member, with an empty name.
 */
function members(list: XmlElement): NamedRef[] | undefined {
  const named = namedRefs(list, 'name') ?? [];
  const known = new Set(named.map((m) => m.id));
  for (const c of list.children) {
    const id = c.name === 'id' ? positiveInt(c.text) : undefined;
    if (id !== undefined && !known.has(id)) {
      named.push({ id, name: '' });
      known.add(id);
    }
  }
  return nonEmptyList(named);
}
