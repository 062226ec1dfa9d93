import { deflateRawSync } from 'node:zlib';
import type JSZip from 'jszip';
import type { FontDescription } from '../../fonts/describe.js';
import { finishParts } from './package.js';
import { escapeMarkup } from '../markup.js';

// The Word file's zip, written here rather than by the docx library: docx stamps the clock into the
// core properties and every zip entry, and packing it (pako, in JavaScript) only to unpack and pack
// it again cost more than the rest of the Word writer. The parts docx made are taken as they are,
// the dates pinned to the document's time, the application properties (empty from docx) filled in
// with the program that made the file, the parts given their last touches (package.ts, where every
// part can be read), and each part deflated by zlib. Same input, same bytes.

/** The range a zip entry's DOS date can hold; a moment outside it would wrap around to another year. */
export const ZIP_DATES = { first: new Date('1980-01-01T00:00:00Z'), last: new Date('2107-12-31T23:59:58Z') };

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

function crc32(data: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** DOS time and date fields, read from the moment's UTC clock face (as jszip does), so any zone gives the same bytes. */
function dosTime(when: Date): { time: number; date: number } {
  const t = new Date(Math.min(Math.max(when.getTime(), ZIP_DATES.first.getTime()), ZIP_DATES.last.getTime()));
  return {
    time: (t.getUTCHours() << 11) | (t.getUTCMinutes() << 5) | (t.getUTCSeconds() >> 1),
    date: ((t.getUTCFullYear() - 1980) << 9) | ((t.getUTCMonth() + 1) << 5) | t.getUTCDate(),
  };
}

/** A zip of the parts, in the given order, deflated, all dated `when`. */
export function zip(parts: readonly { name: string; data: Uint8Array }[], when: Date): Buffer {
  const { time, date } = dosTime(when);
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const deflated = deflateRawSync(p.data, { level: 9 });
    const crc = crc32(p.data);
    // The local header and the central directory's entry share their middle: from the version
    // needed to the name's length, the same fields in the same order.
    const shared = (buf: Buffer, at: number) => {
      buf.writeUInt16LE(20, at); // version needed: 2.0 (deflate)
      buf.writeUInt16LE(0x0800, at + 2); // names in UTF-8
      buf.writeUInt16LE(8, at + 4); // deflate
      buf.writeUInt16LE(time, at + 6);
      buf.writeUInt16LE(date, at + 8);
      buf.writeUInt32LE(crc, at + 10);
      buf.writeUInt32LE(deflated.length, at + 14);
      buf.writeUInt32LE(p.data.length, at + 18);
      buf.writeUInt16LE(name.length, at + 22);
      return buf;
    };
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    local.push(shared(header, 4), name, deflated);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4); // made by: MS-DOS, 2.0
    shared(entry, 6);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    offset += header.length + name.length + deflated.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, directory, end]);
}

export interface Stamp {
  time: Date;
  language: string;
  /** `shien 0.1.0`: the application properties' name, and their version when it ends in one. */
  generator: string;
}


/**
 * docProps/app.xml's Application and AppVersion. Word refuses a file whose AppVersion is not
 * `\d+\.\d{4}` (ECMA-376 ST_AppVersion; `0.1.0` is "unreadable content"): major, then minor and
 * patch two digits each, as Office writes 16.0000.
 */
export function appProperties(generator: string): string {
  const v = /(\d+)\.(\d{1,2})\.(\d{1,2})$/.exec(generator);
  const version = v ? `<AppVersion>${Number(v[1])}.${v[2].padStart(2, '0')}${v[3].padStart(2, '0')}</AppVersion>` : '';
  return `<Application>${escapeMarkup(generator)}</Application>${version}`;
}

/**
 * The parts of the package docx compiled (not yet packed), with the moment pinned in the core
 * properties, the document's language added there, and the application named.
 */
export async function packageParts(
  compiled: JSZip,
  { time, language, generator }: Stamp,
  describe?: (font: string) => FontDescription | undefined,
): Promise<{ name: string; data: Uint8Array }[]> {
  const stamp = time.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const names = Object.keys(compiled.files).filter((name) => !compiled.files[name].dir);
  const xmlParts = new Map<string, string>();
  for (const name of names) if (/\.(xml|rels)$/.test(name)) xmlParts.set(name, await compiled.files[name].async('string'));
  const finished = finishParts(xmlParts, describe);
  const parts: { name: string; data: Uint8Array }[] = [];
  for (const name of names) {
    const text = finished.get(name);
    let data = text !== undefined ? Buffer.from(text, 'utf8') : await compiled.files[name].async('uint8array');
    if (name === 'docProps/core.xml') {
      let xml = Buffer.from(data).toString('utf8');
      xml = xml
        .replace(/(<dcterms:created[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${stamp}$2`)
        .replace(/(<dcterms:modified[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${stamp}$2`);
      if (!xml.includes('<dc:language>')) xml = xml.replace('</cp:coreProperties>', `<dc:language>${language}</dc:language></cp:coreProperties>`);
      data = Buffer.from(xml, 'utf8');
    }
    if (name === 'docProps/app.xml') {
      const xml = Buffer.from(data).toString('utf8');
      // docx writes the element empty (`<Properties …/>`); should a later version fill it in, it is kept.
      if (!xml.includes('<Application>')) {
        data = Buffer.from(/<Properties[^>]*\/>/.test(xml)
          ? xml.replace(/<Properties([^>]*)\/>/, `<Properties$1>${appProperties(generator)}</Properties>`)
          : xml.replace('</Properties>', `${appProperties(generator)}</Properties>`), 'utf8');
      }
    }
    parts.push({ name, data });
  }
  return parts;
}
