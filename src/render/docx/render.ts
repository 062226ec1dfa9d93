import { Packer } from 'docx';
import JSZip from 'jszip';
import type { Document } from '../../document/ir.js';
import { documentTime } from '../../document/time.js';
import { fontChains } from '../../fonts/chain.js';
import type { FontRegistry } from '../../fonts/registry.js';
import type { Theme } from '../../theme/theme.js';
import { qrImages } from '../qr.js';
import { wordDocument } from './build.js';

// The one file that packs the Word file. `docx` stamps the clock into core properties and zip
// entries; both are pinned to the document's time (document/time.ts) so that the same input gives
// the same bytes.

export async function renderDocx(doc: Document, theme: Theme, fonts: FontRegistry, scale = 1): Promise<Buffer> {
  // Twice the pixels of the printed size at 96 dpi, so that the code stays sharp when printed.
  const images = await qrImages(doc, Math.round((theme.sizes.qr * 96 * 2) / 72));
  const packed = await Packer.toBuffer(wordDocument(doc, { theme, fonts: fontChains(fonts, theme), scale, qrImages: images }));
  return normalise(packed, doc);
}

async function normalise(packed: Buffer, doc: Document): Promise<Buffer> {
  const date = documentTime(doc.meta);
  const stamp = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
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
      if (!xml.includes('<dc:language>')) xml = xml.replace('</cp:coreProperties>', `<dc:language>${doc.meta.language}</dc:language></cp:coreProperties>`);
      data = xml;
    }
    // jszip writes the DOS time fields from the UTC clock face, so a fixed Date gives fixed bytes in any zone.
    out.file(name, data, { date, createFolders: false });
  }
  return out.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 9 },
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  });
}
