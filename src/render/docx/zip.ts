import JSZip from 'jszip';
import { finishParts } from './package.js';

// `docx` stamps the clock into core properties and zip entries; both are pinned to the document's
// time here, so that the same input gives the same bytes. The parts get their last touches here
// too (package.ts), where every part can be read.

/** The range a zip entry's DOS date can hold; a moment outside it would wrap around to another year. */
export const ZIP_DATES = { first: new Date('1980-01-01T00:00:00Z'), last: new Date('2107-12-31T23:59:58Z') };

export async function normalise(packed: Buffer, time: Date, language: string): Promise<Buffer> {
  const stamp = time.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const zipTime = new Date(Math.min(Math.max(time.getTime(), ZIP_DATES.first.getTime()), ZIP_DATES.last.getTime()));
  const src = await JSZip.loadAsync(packed);
  const out = new JSZip();
  const names = Object.keys(src.files).filter((name) => !src.files[name].dir);
  const xmlParts = new Map<string, string>();
  for (const name of names) if (/\.(xml|rels)$/.test(name)) xmlParts.set(name, await src.files[name].async('string'));
  const finished = finishParts(xmlParts);
  for (const name of names) {
    let data: string | Uint8Array = finished.get(name) ?? await src.files[name].async('uint8array');
    if (name === 'docProps/core.xml') {
      let xml = xmlParts.get(name)!;
      xml = xml
        .replace(/(<dcterms:created[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${stamp}$2`)
        .replace(/(<dcterms:modified[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${stamp}$2`);
      if (!xml.includes('<dc:language>')) xml = xml.replace('</cp:coreProperties>', `<dc:language>${language}</dc:language></cp:coreProperties>`);
      data = xml;
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
