import { constants, inflateRawSync } from 'node:zlib';
import { Compressor, Decompressor } from 'zstd-napi';

/**
 * How catalog documents are stored: their JSON, compressed with a preset dictionary, behind
 * one format byte. The documents were 88% of the catalog; compressed alone they are about 3×
 * smaller, and the dictionary, which gives a 3 KB document the fragments every document
 * repeats before its first byte, brings that near 3.7× (bench/ingest.ts prints the ratio).
 *
 * Zstandard level 1 since format 2: on the catalog's documents it compresses 3.6× faster than
 * the deflate level 1 of format 1 (3.8 against 13.5 ms per MB of dump text, measured on
 * 44,000 releases) to the same size, and reads a document back in a third of the time. The
 * parse workers compress every document they build, so that was a quarter of their time.
 *
 * The dictionary is hand-written rather than trained on a sample: it is the catalog's own
 * document shape (shared/catalog.ts) and Discogs' most common values, and it must never
 * change under stored rows: a new dictionary gets a new format byte, and the old one stays
 * readable. The most frequent fragments come last, where matches reach them with the
 * shortest distances.
 */
const FORMAT_DEFLATE_1 = 1;
const FORMAT_ZSTD_1 = 2;
/** The format the ingest writes; a document in another is rewritten by the next ingest. */
export const CURRENT_FORMAT = FORMAT_ZSTD_1;

/** Exported for tests that write documents as format 1 stored them. */
export const dictionary = Buffer.from(
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

// One of each per thread (each parse worker has its own), with the dictionary loaded once.
let compressor: Compressor | undefined;
let decompressor: Decompressor | undefined;

export function encodeDocument(json: string): Buffer {
  if (!compressor) {
    compressor = new Compressor();
    // No checksum or dictionary id in each frame: the format byte names the dictionary, a
    // corrupt frame fails to decompress anyway, and 4–8 bytes a document add up.
    compressor.setParameters({ compressionLevel: 1, checksumFlag: false, dictIDFlag: false });
    compressor.loadDictionary(dictionary);
  }
  const compressed = compressor.compress(Buffer.from(json));
  const stored = Buffer.allocUnsafe(compressed.length + 1);
  stored[0] = FORMAT_ZSTD_1;
  compressed.copy(stored, 1);
  return stored;
}

/** The JSON of a stored document; a TEXT value is one stored before documents were compressed. */
export function decodeDocument(stored: Buffer | string): string {
  if (typeof stored === 'string') return stored;
  switch (stored[0]) {
    case FORMAT_ZSTD_1:
      return decompress(stored.subarray(1)).toString('utf8');
    case FORMAT_DEFLATE_1:
      return inflateRawSync(stored.subarray(1), { dictionary }).toString('utf8');
    default:
      throw new Error(`a stored document has an unknown format (first byte ${stored[0]})`);
  }
}

function decompress(frame: Buffer): Buffer {
  if (!decompressor) {
    decompressor = new Decompressor();
    decompressor.loadDictionary(dictionary);
  }
  return decompressor.decompress(frame);
}

/**
 * The JSON of a stored document up to `marker` at least, when it holds it: listings need only
 * a release's first fields. A deflated document (format 1) is inflated a first stretch at a
 * time, since inflating a 5 KB one whole was half of a listing's time (bench:catalog-search);
 * a Zstandard one is read whole, which is faster than inflating that first stretch.
 */
export function decodeDocumentUntil(stored: Buffer | string, marker: string): string {
  if (typeof stored === 'string' || stored[0] !== FORMAT_DEFLATE_1 || stored.length <= HEAD_BYTES)
    return decodeDocument(stored);
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
