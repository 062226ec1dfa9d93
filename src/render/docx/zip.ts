import JSZip from 'jszip';

// `docx` stamps the clock into core properties and zip entries; both are pinned to the document's
// time here, so that the same input gives the same bytes. Its application properties are empty:
// they are filled in here with the program that made the file.

/** The range a zip entry's DOS date can hold; a moment outside it would wrap around to another year. */
export const ZIP_DATES = { first: new Date('1980-01-01T00:00:00Z'), last: new Date('2107-12-31T23:59:58Z') };

export interface Stamp {
  time: Date;
  language: string;
  /** `shien 0.1.0`: the application properties' name, and their version when it ends in one. */
  generator: string;
}

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * docProps/app.xml's Application and AppVersion. Word refuses a file whose AppVersion is not
 * `\d+\.\d{4}` (ECMA-376 ST_AppVersion; `0.1.0` is "unreadable content"): major, then minor and
 * patch two digits each, as Office writes 16.0000.
 */
export function appProperties(generator: string): string {
  const v = /(\d+)\.(\d{1,2})\.(\d{1,2})$/.exec(generator);
  const version = v ? `<AppVersion>${Number(v[1])}.${v[2].padStart(2, '0')}${v[3].padStart(2, '0')}</AppVersion>` : '';
  return `<Application>${xmlText(generator)}</Application>${version}`;
}

export async function normalise(packed: Buffer, { time, language, generator }: Stamp): Promise<Buffer> {
  const stamp = time.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const zipTime = new Date(Math.min(Math.max(time.getTime(), ZIP_DATES.first.getTime()), ZIP_DATES.last.getTime()));
  const src = await JSZip.loadAsync(packed);
  const out = new JSZip();
  for (const name of Object.keys(src.files)) {
    const entry = src.files[name];
    if (entry.dir) continue;
    let data: string | Uint8Array = await entry.async('uint8array');
    if (name === 'docProps/core.xml') {
      let xml = Buffer.from(data).toString('utf8');
      xml = xml
        .replace(/(<dcterms:created[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${stamp}$2`)
        .replace(/(<dcterms:modified[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${stamp}$2`);
      if (!xml.includes('<dc:language>')) xml = xml.replace('</cp:coreProperties>', `<dc:language>${language}</dc:language></cp:coreProperties>`);
      data = xml;
    }
    if (name === 'docProps/app.xml') {
      const xml = Buffer.from(data).toString('utf8');
      // docx writes the element empty (`<Properties …/>`); should a later version fill it in, it is kept.
      if (!xml.includes('<Application>')) {
        data = /<Properties[^>]*\/>/.test(xml)
          ? xml.replace(/<Properties([^>]*)\/>/, `<Properties$1>${appProperties(generator)}</Properties>`)
          : xml.replace('</Properties>', `${appProperties(generator)}</Properties>`);
      }
    }
    // jszip writes the DOS time fields from the UTC clock face, so a fixed Date gives fixed bytes in any zone.
    out.file(name, data, { date: zipTime, createFolders: false });
  }
  return out.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 9 },
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  });
}
