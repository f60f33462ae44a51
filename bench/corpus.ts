import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { finished } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { text } from 'node:stream/consumers';

/**
 * A releases dump of about `targetMb` MB of XML made from the real 2020 sample: its 1,000
 * records repeated with shifted ids, so the text, its compression ratio and the relation
 * fan-out stay those of real data. Release ids stay dense (as in Discogs); artist, label and
 * master ids move by a large step per copy so relation rows do not pile onto the same keys.
 * `idStep` spreads release ids apart: a dump can carry any id, and memory must follow the
 * record count, not the largest id.
 */
export async function buildReleasesCorpus(
  sample: string,
  out: string,
  targetMb: number,
  idStep = 1,
): Promise<string> {
  if (existsSync(out)) return out;
  mkdirSync(dirname(out), { recursive: true });
  const xml = await text(createReadStream(sample).pipe(createGunzip()));
  // Text inside a record may hold raw newlines, so records are cut at record starts, not lines.
  const body = xml.slice(xml.indexOf('<release '), xml.lastIndexOf('</releases>')).trimEnd();
  const records = body.split(/\n(?=<release )/);
  const sampleBytes = records.reduce((n, r) => n + Buffer.byteLength(r) + 1, 0);
  const copies = Math.max(1, Math.round((targetMb * 1e6) / sampleBytes));
  const gzip = createGzip({ level: 6 });
  const tmp = `${out}.part`;
  const file = gzip.pipe(createWriteStream(tmp));
  const write = (s: string) =>
    gzip.write(s) ? Promise.resolve() : new Promise<void>((r) => gzip.once('drain', () => r()));
  await write('<releases>\n');
  for (let c = 0; c < copies; c++) {
    const shift = c * 20_000_000;
    let text = '';
    records.forEach((rec, i) => {
      const start = rec.indexOf('>');
      text += `<release id="${(c * records.length + i + 1) * idStep}"${rec.slice(rec.indexOf('"', rec.indexOf('id="') + 4) + 1, start)}`;
      text += rec
        .slice(start)
        .replace(/<id>(\d+)<\/id>/g, (_, id) => `<id>${Number(id) + shift}</id>`)
        .replace(/ id="(\d+)"/g, (_, id) => ` id="${Number(id) + shift}"`)
        .replace(
          /(<master_id[^>]*>)(\d+)</,
          (_, tag, id) => `${tag}${Number(id) + c * 3_000_000}<`,
        );
      text += '\n';
    });
    await write(text);
  }
  await write('</releases>\n');
  gzip.end();
  await finished(file);
  renameSync(tmp, out);
  return out;
}
