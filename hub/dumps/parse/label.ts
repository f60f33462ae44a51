import type { Label } from '../../../shared/catalog.ts';
import { requireId } from './record-error.ts';
import { namedRefs } from './shared-parts.ts';
import { child, nonEmpty, positiveInt, texts, type XmlElement } from './xml-tree.ts';

/** A `<label>` record of the labels dump as the API's label document. */
export function buildLabel(el: XmlElement): Label {
  const idText = child(el, 'id')?.text;
  const id = requireId(positiveInt(idText), 'label', idText);
  const l: Partial<Label> = {};
  for (const c of el.children) {
    switch (c.name) {
      case 'name':
        l.name = c.text;
        break;
      case 'contactinfo':
        l.contact_info = nonEmpty(c.text);
        break;
      case 'profile':
        l.profile = nonEmpty(c.text);
        break;
      case 'data_quality':
        l.data_quality = nonEmpty(c.text);
        break;
      case 'urls':
        l.urls = texts(c);
        break;
      // The 2020 sample's <sublabels> holds empty <label/> entries (a bug of the tool that cut
      // it); namedRefs drops entries without an id.
      case 'sublabels':
        l.sublabels = namedRefs(c, 'label');
        break;
      case 'parentLabel': {
        const parentId = positiveInt(c.attrs.id);
        if (parentId !== undefined) l.parent_label = { id: parentId, name: c.text };
        break;
      }
    }
  }
  return {
    id,
    name: l.name ?? '',
    contact_info: l.contact_info,
    profile: l.profile,
    data_quality: l.data_quality,
    urls: l.urls,
    parent_label: l.parent_label,
    sublabels: l.sublabels,
  };
}
