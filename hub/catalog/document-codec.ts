import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * How catalog documents are stored: their JSON, deflated (raw, level 1) with a preset
 * dictionary, behind one format byte. The documents were 88% of the catalog; deflated alone
 * they are about 3× smaller, and the dictionary, which gives a 3 KB document the fragments
 * every document repeats before its first byte, brings that near 3.7× (bench/ingest.ts
 * prints the ratio). Level 1 because the parse workers compress as fast as they parse.
 *
 * Hand-written rather than trained on a sample: it is the catalog's own document shape
 * (shared/catalog.ts) and Discogs' most common values, and it must never change under
 * stored rows: a new dictionary gets a new format byte, and the old one stays readable.
 * The most frequent fragments come last, where deflate reaches them with the shortest
 * distances.
 */
const FORMAT_DICTIONARY_1 = 1;

const dictionary = Buffer.from(
  [
    // Label and artist documents
    '"profile":"","contact_info":"","sublabels":[{"id":,"name":""}],"parent_label":{"id":',
    '"realname":"","namevariations":["","aliases":[{"id":,"name":""}],"members":[{"id":,"name":"","groups":[',
    '"urls":["http://www.https://www.facebook.com/https://twitter.com/https://www.instagram.com/https://soundcloud.com/https://www.youtube.com/https://en.wikipedia.org/wiki/https://myspace.com/bandcamp.com',
    // Companies, series and videos
    '"companies":[{"id":,"name":"","catno":"","entity_type":"21","entity_type_name":"Published By"},',
    'Phonographic Copyright (p)Copyright (c)Recorded AtDistributed ByManufactured ByMastered AtPressed ByMade ByMixed AtPrinted ByRecord CompanyMarketed ByLacquer Cut AtLicensed FromGlass Mastered At',
    '"series":[{"id":,"name":"","catno":""}],"videos":[{"uri":"https://www.youtube.com/watch?v=","title":"","description":"","duration":,"embed":true}],',
    // Identifiers and credits
    '"identifiers":[{"type":"Matrix / Runout","value":"","description":"Side A"},{"type":"Rights Society","value":"GEMABIEMSTEMRASACEMASCAPBMI"},{"type":"Label Code","value":"LC "},{"type":"Price Code"},{"type":"Mould SID Code"},{"type":"Mastering SID Code"},{"type":"Other"},{"type":"Barcode","value":"',
    'Written-ByProducerComposed ByLyrics ByVocalsMusic ByRemixGuitarLead VocalsDrumsEngineerBassMastered ByArranged ByMixed ByFeaturingBacking VocalsPianoRecorded ByPhotography ByDesignKeyboardsArtworkLayout',
    '"extraartists":[{"id":,"name":"","anv":"","join":"","role":"Producer","tracks":""}],',
    // Formats, genres, countries, quality
    '"formats":[{"name":"CD","qty":"1","text":"","descriptions":["Album","Compilation","Reissue","Remastered","Stereo","Mono","Promo","Limited Edition","Unofficial Release","Numbered","Repress","White Label","EP","Mini-Album","Maxi-Single","Single","LP","12\\"","7\\"","10\\"","45 RPM","33 ⅓ RPM","MP3","FLAC"]},{"name":"Vinyl","qty":"2"},{"name":"File"},{"name":"Cassette"},{"name":"CDr"},{"name":"Box Set"},{"name":"DVD"},{"name":"Shellac"}],',
    '"genres":["Rock","Electronic","Pop","Folk, World, & Country","Classical","Jazz","Funk / Soul","Hip Hop","Stage & Screen","Blues","Latin","Reggae"],"styles":["House","Techno","Punk","Alternative Rock","Indie Rock","Synth-pop","Experimental","Ambient","Pop Rock","Hard Rock","Heavy Metal","Soul","Disco"],',
    '"country":"US","country":"UK","country":"Germany","country":"Japan","country":"France","country":"Italy","country":"Netherlands","country":"Canada","country":"Europe",',
    '"data_quality":"Complete and Correct","data_quality":"Needs Minor Changes","data_quality":"Correct","data_quality":"Needs Vote",',
    // Release and master documents, the commonest last
    '{"id":,"status":"Accepted","title":"","main_release":,"master_id":,"notes":"","released":"","year":19',
    '"artists":[{"id":,"name":"","anv":"","join":"","role":"","tracks":""}],"labels":[{"id":,"name":"","catno":""}],',
    '"tracklist":[{"position":"A1","title":"","duration":""},{"position":"A2","title":"","duration":"3:"},{"position":"B1","title":"","duration":"4:"},{"position":"1","title":"","duration":"5:"},{"position":"2","title":"","duration":""}],',
  ].join(''),
);

export function encodeDocument(json: string): Buffer {
  const deflated = deflateRawSync(json, { level: 1, dictionary });
  const stored = Buffer.allocUnsafe(deflated.length + 1);
  stored[0] = FORMAT_DICTIONARY_1;
  deflated.copy(stored, 1);
  return stored;
}

/** The JSON of a stored document; a TEXT value is one stored before documents were deflated. */
export function decodeDocument(stored: Buffer | string): string {
  if (typeof stored === 'string') return stored;
  if (stored[0] !== FORMAT_DICTIONARY_1)
    throw new Error(`a stored document has an unknown format (first byte ${stored[0]})`);
  return inflateRawSync(stored.subarray(1), { dictionary }).toString('utf8');
}

/**
 * The JSON of a stored document up to `marker` at least, when it holds it: listings need only
 * a release's first fields, and inflating a 5 KB document whole was half of a listing's time
 * (bench:catalog-search). Inflates a first stretch of the deflated bytes, and the rest only
 * when the marker is not in what that gave.
 */
export function decodeDocumentUntil(stored: Buffer | string, marker: string): string {
  if (typeof stored === 'string' || stored.length <= HEAD_BYTES) return decodeDocument(stored);
  if (stored[0] !== FORMAT_DICTIONARY_1) return decodeDocument(stored);
  const head = inflateRawSync(stored.subarray(1, HEAD_BYTES), {
    dictionary,
    finishFlush: constants.Z_SYNC_FLUSH,
  }).toString('utf8');
  return head.includes(marker) ? head : decodeDocument(stored);
}

/** Deflated bytes that hold a release's fields before its tracklist in most documents. */
const HEAD_BYTES = 512;

export function parseDocument<T>(stored: Buffer | string): T {
  return JSON.parse(decodeDocument(stored)) as T;
}
