import type { FontDescription } from '../../fonts/describe.js';
import { escapeMarkup } from '../markup.js';

// The last touches on the packed parts, where `docx` 9 has no option for them:
// - styles.xml gets a Normal style that is the default paragraph style (every style is based on it,
//   and `docx` writes none), and loses the styles `docx` adds on its own that no part of the file
//   uses (Heading 3–6, Strong, the footnote and endnote text styles…), so that a person who opens
//   the style list sees the document's styles and nothing else;
// - the relationships `docx` names at random (a hyperlink's) are named in the order they are used,
//   so that the same input gives the same bytes;
// - fontTable.xml, empty from `docx`, describes each font the parts name (fonts/describe.ts), so
//   that Word without the font stands in one of the same kind rather than any.

/** The parts that change, by name, given every XML part of the package (relationships included). */
export function finishParts(parts: ReadonlyMap<string, string>, describe: (font: string) => FontDescription | undefined = () => undefined): Map<string, string> {
  const changed = new Map<string, string>();
  for (const [name, rels] of parts) {
    const m = /^(.*)_rels\/(.+)\.rels$/.exec(name);
    const partName = m ? m[1] + m[2] : '';
    const part = parts.get(partName);
    if (!part) continue;
    const random = new Set([...rels.matchAll(/ Id="([^"]+)"/g)].map((r) => r[1]).filter((id) => !/^rId\d+$/.test(id)));
    if (!random.size) continue;
    const used = [...new Set([...part.matchAll(/ r:id="([^"]+)"/g)].map((r) => r[1]).filter((id) => random.has(id)))];
    let [r, p] = [rels, part];
    [...used, ...[...random].filter((id) => !used.includes(id))].forEach((id, k) => {
      r = r.replaceAll(` Id="${id}"`, ` Id="rIdLink${k + 1}"`);
      p = p.replaceAll(` r:id="${id}"`, ` r:id="rIdLink${k + 1}"`);
    });
    changed.set(name, r);
    changed.set(partName, p);
  }
  const styles = parts.get('word/styles.xml');
  if (styles) changed.set('word/styles.xml', tidyStyles(styles, parts));
  const fonts = parts.get(FONT_TABLE);
  if (fonts) changed.set(FONT_TABLE, fontTable(fonts, parts, describe));
  return changed;
}

const FONT_TABLE = 'word/fontTable.xml';

/** fontTable.xml with an entry for every font a part names in its run fonts, in the order first named. */
export function fontTable(table: string, parts: ReadonlyMap<string, string>, describe: (font: string) => FontDescription | undefined): string {
  const names = new Set<string>();
  for (const [name, part] of parts) {
    if (name === FONT_TABLE) continue;
    for (const fonts of part.matchAll(/<w:rFonts\b[^>]*>/g)) for (const m of fonts[0].matchAll(/ w:(?:ascii|hAnsi|eastAsia|cs)="([^"]+)"/g)) names.add(m[1]);
  }
  const entries = [...names].map((name) => {
    const d = describe(name);
    if (!d) return `<w:font w:name="${escapeMarkup(name)}"/>`;
    const { usb, csb } = d.signature;
    return `<w:font w:name="${escapeMarkup(name)}">${d.localName ? `<w:altName w:val="${escapeMarkup(d.localName)}"/>` : ''}`
      + `<w:panose1 w:val="${d.panose}"/><w:charset w:val="${d.charset}"/><w:family w:val="${d.family}"/><w:pitch w:val="${d.pitch}"/>`
      + `<w:sig w:usb0="${usb[0]}" w:usb1="${usb[1]}" w:usb2="${usb[2]}" w:usb3="${usb[3]}" w:csb0="${csb[0]}" w:csb1="${csb[1]}"/></w:font>`;
  }).join('');
  if (!entries) return table;
  // docx writes the root empty (`<w:fonts …/>`); should a later version write entries, they are replaced.
  return table.replace(/<w:fonts([^>]*?)\/>/, '<w:fonts$1></w:fonts>').replace(/(<w:fonts[^>]*>)[\s\S]*<\/w:fonts>/, `$1${entries}</w:fonts>`);
}

const STYLE = /<w:style\b[^>]*>[\s\S]*?<\/w:style>/g;
const idOf = (style: string) => /w:styleId="([^"]*)"/.exec(style)?.[1] ?? '';
/** Where one style names another: it is based on it, followed by it, or linked to it. */
const namedBy = (style: string) => [...style.matchAll(/<w:(?:basedOn|next|link) w:val="([^"]*)"\/>/g)].map((m) => m[1]);
/** Where a part uses a style. */
const USES = /<w:(?:pStyle|rStyle|tblStyle|numStyleLink|styleLink) w:val="([^"]*)"\/>/g;

const NORMAL = '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>';

/** styles.xml as it should be, given the other parts of the package (XML by part name). */
export function tidyStyles(styles: string, parts: ReadonlyMap<string, string>): string {
  const xml = styles.includes('w:styleId="Normal"') ? styles : styles.replace(/(<\/w:docDefaults>)/, `$1${NORMAL}`);
  const all = new Map([...xml.matchAll(STYLE)].map((m) => [idOf(m[0]), m[0]]));
  const used = new Set<string>(['Normal']);
  for (const [name, part] of parts) {
    if (name === 'word/styles.xml') continue;
    for (const m of part.matchAll(USES)) used.add(m[1]);
  }
  // A kept style keeps the styles it names, and those keep theirs.
  const queue = [...used];
  while (queue.length) {
    for (const n of namedBy(all.get(queue.pop()!) ?? '')) {
      if (!used.has(n)) {
        used.add(n);
        queue.push(n);
      }
    }
  }
  return xml.replace(STYLE, (style) => (used.has(idOf(style)) ? style : ''));
}
