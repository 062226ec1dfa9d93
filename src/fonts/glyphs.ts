import type { Document as YamlDocument, LineCounter } from 'yaml';
import type { Problem } from '../core/problem.js';
import { formatPath } from '../core/problem.js';
import type { FontChain } from './chain.js';
import { itemLabel, walkBlocks, walkRuns, type Document } from '../document/ir.js';
import { stringsOf } from '../core/data.js';

const chainName = (chain: FontChain) => chain.names.map((n) => `「${n}」`).join('、');

/**
 * No tofu: every string of the data must be drawable by some font of every chain that may draw it.
 * Checked on the data, before rendering, so that the message can name file:line:column.
 */
export function checkDataGlyphs(
  data: unknown,
  chains: readonly FontChain[],
  where: { file: string; source?: string; doc?: YamlDocument; lineCounter?: LineCounter },
): Problem[] {
  const problems: Problem[] = [];
  for (const { text, path } of stringsOf(data)) {
    for (const chain of chains) {
      for (const m of chain.missing(text)) {
        problems.push({
          severity: 'error',
          code: 'font/missing-glyph',
          message: `文字「${m.char}」（${m.codePoint}）はどの書体（${chainName(chain)}）にもないため、表示できません（豆腐になります）。`,
          file: where.file,
          source: where.source,
          path: formatPath(path),
          place: placeOfChar(where, path, m.char, m.index),
          hint: [...m.char].length > 1 // a character with its variation selector
            ? '異体字セレクタを外して標準の字形で書くか、この字形を持つ書体を fonts/fonts.yaml に加え、templates/theme.yaml の fonts に並べてください。'
            : '別の字に置き換えるか、この字を持つ書体を fonts/fonts.yaml に加え、templates/theme.yaml の fonts に並べてください。',
        });
      }
    }
  }
  // One character missing from two chains is one mistake: report it once.
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}|${p.place?.line}:${p.place?.column}|${p.message.slice(0, 12)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Text that templates add (headings, brackets, marks) must be drawable too. The character is looked
 * for in the template's source, to name its line; a character a helper made (an era name) has none.
 */
export function checkDocumentGlyphs(doc: Document, chains: readonly FontChain[], template: { file: string; source?: string }): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  let drawable = drawableBy.get(chains);
  if (!drawable) drawableBy.set(chains, (drawable = new Set()));
  for (const text of drawnTexts(doc)) {
    // The 67 handouts repeat most of their text: a text found whole once need not be read again.
    if (drawable.has(text)) continue;
    let whole = true;
    for (const chain of chains) {
      for (const m of chain.missing(text)) {
        whole = false;
        if (seen.has(m.char)) continue;
        seen.add(m.char);
        problems.push({
          severity: 'error',
          code: 'font/missing-glyph',
          file: template.file,
          source: template.source,
          place: template.source !== undefined ? offsetPlace(template.source, template.source.indexOf(m.char)) : undefined,
          message: `文字「${m.char}」（${m.codePoint}）はどの書体（${chainName(chain)}）にもないため、表示できません（「${text.slice(0, 30)}」の中）。`,
          hint: 'テンプレートの文字を置き換えてください。',
        });
      }
    }
    if (whole) drawable.add(text);
  }
  return problems;
}

/** Every text a document draws: its runs, and the labels of numbered items (the template's pattern, as （１）). */
function* drawnTexts(doc: Document): Generator<string> {
  for (const run of walkRuns(doc)) yield run.text;
  for (const b of walkBlocks(doc)) {
    if (b.kind === 'list') for (let i = 0; i < b.items.length; i++) yield itemLabel(b.marker, i) ?? '';
  }
}

/** Texts that every chain of a theme draws whole, by the theme's chains. */
const drawableBy = new WeakMap<readonly FontChain[], Set<string>>();

function offsetPlace(source: string, offset: number): Problem['place'] {
  if (offset < 0) return undefined;
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

function placeOfChar(
  where: { source?: string; doc?: YamlDocument; lineCounter?: LineCounter },
  path: (string | number)[],
  char: string,
  index: number,
): Problem['place'] {
  if (!where.doc || !where.lineCounter || where.source === undefined) return undefined;
  const node = where.doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
  if (!node?.range) return undefined;
  const [start, end] = node.range;
  const raw = where.source.slice(start, end);
  // In a plain or quoted scalar the character stands at about the same index; search from there.
  const at = raw.indexOf(char, Math.max(0, index - 2));
  const offset = start + (at >= 0 ? at : raw.indexOf(char) >= 0 ? raw.indexOf(char) : 0);
  const pos = where.lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}
