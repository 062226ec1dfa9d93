import { createRequire } from 'node:module';
import JSZip from 'jszip';
import { Packer } from 'docx';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Document, Run } from '../src/document/ir.js';
import { FontRegistry } from '../src/fonts/registry.js';
import { fontChains } from '../src/fonts/chain.js';
import { wordDocument } from '../src/render/docx/document.js';
import { applyKinsoku, type Word } from '../src/render/pdf/line-breaks.js';
import { writePdf } from '../src/render/pdf/index.js';
import { breakAllowed, INSEPARABLE, lineBreakRule, NO_LINE_END, NO_LINE_START } from '../src/text/kinsoku.js';
import { loadTheme, type Theme } from '../src/theme/theme.js';
import { unfitted } from '../src/layout/decisions.js';
import { pdfLines } from './pdf-lines.js';

// 禁則処理, proven on the real output: adversarial text laid out by the real PDF renderer at many
// column widths, read back line by line with pdf.js, and every line break checked against the
// rules as the issue states them (written out again here, not taken from the code under test).

const ISSUE_NO_START = '、。，．）」』】〕〉》・ー々ゝゞぁぃぅぇぉっゃゅょゎァィゥェォッャュョ：；？！';
const ISSUE_NO_END = '（「『【〔〈《';

describe('the rules (src/text/kinsoku.ts)', () => {
  it('hold every character the issue names', () => {
    for (const c of ISSUE_NO_START) expect(NO_LINE_START.has(c), c).toBe(true);
    for (const c of ISSUE_NO_END) expect(NO_LINE_END.has(c), c).toBe(true);
    for (const c of '…—') expect(INSEPARABLE.has(c), c).toBe(true);
    const both = [...NO_LINE_START].filter((c) => NO_LINE_END.has(c));
    expect(both).toEqual([]);
  });

  it('forbid the breaks the issue names, and allow ordinary ones', () => {
    const no = (a: string, b: string) => expect(lineBreakRule(a, b), `${a}|${b}`).toBeDefined();
    const ok = (a: string, b: string) => expect(lineBreakRule(a, b), `${a}|${b}`).toBeUndefined();
    no('あ', '」'); no('あ', 'ょ'); no('あ', 'ー'); no('あ', '々'); no('あ', '～'); no('あ', '％');
    no('（', 'あ'); no('「', 'あ'); no('￥', '1');
    no('あ…', '…'); no('あ—', '—'); no('あ―', '―');
    no('1', '000'); no('1,', '000'); no('1', ',000'); no('12.', '5%'); no('１', '２'); no('１，', '０００'); no('１２', '．５');
    no('葛', '\u{E0100}'); // a variation selector stays with its base character
    no('あ（ ', 'あ'); // a space at the break is trimmed: the line would still end with （
    ok('あ', 'い'); ok('あ」', 'い'); ok('い', '「あ'); ok('…', 'あ'); ok('あ', '……'); ok('1,000', '円'); ok('あ、', '1'); ok('1', 'あ');
  });

  it('close the gaps UAX #14 (the linebreak package pdfmake uses) leaves open', () => {
    const LineBreaker = createRequire(import.meta.url)('linebreak') as new (s: string) => { nextBreak(): { position: number } | null };
    const uax14 = (s: string) => {
      const lb = new LineBreaker(s);
      const at: number[] = [];
      for (let b = lb.nextBreak(); b; b = lb.nextBreak()) at.push(b.position);
      return at;
    };
    // Full-width digits are "ideographic" to UAX #14, and ～ may start a line there.
    expect(uax14('あ１２あ')).toContain(2);
    expect(breakAllowed('あ１２あ', 2)).toBe(false);
    expect(uax14('あ～あ')).toContain(1);
    expect(breakAllowed('あ～あ', 1)).toBe(false);
  });

  it('join words of one style and chain words of different styles (applyKinsoku)', () => {
    const words: Word[] = [{ text: 'あ' }, { text: 'い' }, { text: '１' }, { text: '２' }, { text: '」', bold: true }, { text: 'う' }];
    const out = applyKinsoku(words);
    expect(out.map((w) => w.text)).toEqual(['あ', 'い', '１２', '」', 'う']);
    expect(out[2].noNewLine).toBe(true); // １２ and the bold 」 stay on one line
    expect(out[3]).toMatchObject({ text: '」', bold: true });
    expect(out[3].noNewLine).toBeUndefined();
    // A hard line break is never taken away, and nothing is checked across it.
    expect(applyKinsoku([{ text: 'あ', lineEnd: true }, { text: '」' }]).map((w) => w.text)).toEqual(['あ', '」']);
    // The input is not changed.
    expect(words[2].noNewLine).toBeUndefined();
  });
});

// Text around the traps: kana and kanji of ordinary widths (BIZ UDPGothic is proportional).
const FILL = 'かきくけこ支援計画さしすせそ中小企業たちつてとなにぬねの事業はひふへほ';

/**
 * Sequences that must land at every position relative to a line's end. Each, with the character
 * before it, must fit on the narrowest line: a unit wider than the whole line is cut wherever it
 * overflows (pdfmake's hard wrap), and no rule can be kept there.
 */
function traps(drawable: (c: string) => boolean): string[] {
  const singles = [...new Set([...ISSUE_NO_START, ...ISSUE_NO_END, ...NO_LINE_START, ...NO_LINE_END])]
    // ASCII punctuation and spaces are left to UAX #14 and Latin text; this is about Japanese.
    .filter((c) => c.codePointAt(0)! > 0x7f && drawable(c));
  const sequences = [
    '）」』】〕〉》', '（「『【〔〈《', '。」', '」。', '）、', 'っ。', 'ちょっ', 'ァィゥェォ', 'ッャュョ', 'ー々ゝゞ',
    '……', '——', '――', '‥‥', '「……」', '——。',
    '1,000', '12.5%', '100,000', '3.14', '１，０００', '１２．５％', '２０２３', '￥1,000', '（1,000）', '（１２．５％）',
  ];
  return [...singles, ...sequences];
}

interface Para {
  text: string;
  runs: Run[];
  /** Where the traps sit in `text`: [start, end). */
  at: [number, number][];
  trap: string;
}

/** One paragraph per trap: the trap after fillers of 1…9 characters, every other one in bold. */
function paragraph(trap: string): Para {
  const runs: Run[] = [];
  const at: [number, number][] = [];
  let text = '';
  for (let k = 1; k <= 9; k++) {
    const fill = FILL.slice(k, 2 * k);
    runs.push({ text: fill });
    text += fill;
    at.push([text.length, text.length + trap.length]);
    runs.push({ text: trap, ...(k % 2 === 0 ? { bold: true } : {}) });
    text += trap;
  }
  runs.push({ text: FILL.slice(0, 4) });
  text += FILL.slice(0, 4);
  return { text, runs, at, trap };
}

function document(paras: Para[]): Document {
  return {
    meta: { title: 'kinsoku', author: 'test', subject: 'kinsoku', language: 'ja', date: '2023-04-01' },
    page: { orientation: 'portrait', pageNumbers: false },
    draft: false,
    sample: false,
    title: [{ text: 'T' }],
    body: paras.map((p) => ({ kind: 'paragraph', runs: p.runs })),
  };
}

/** The column width in points, set through the right margin. */
const atWidth = (theme: Theme, width: number): Theme => {
  const [top, , bottom, left] = theme.page.margins;
  return { ...theme, page: { ...theme.page, margins: [top, 595.28 - left - width, bottom, left] } };
};

const squash = (s: string) => s.replace(/\s+/g, '');

/** Split the extracted lines back into the paragraphs they came from: the offsets of each break. */
function breaksOf(lines: string[], paras: Para[]): number[][] {
  const out: number[][] = [];
  let i = 1; // line 0 is the title
  for (const p of paras) {
    const breaks: number[] = [];
    let got = '';
    while (got.length < p.text.length) {
      if (i >= lines.length) throw new Error(`ran out of lines in ${p.text}`);
      if (got) breaks.push(got.length);
      got += squash(lines[i++]);
    }
    expect(got).toBe(p.text);
    out.push(breaks);
  }
  expect(i).toBe(lines.length);
  return out;
}

describe('禁則処理 in the PDF, read back with pdf.js', () => {
  let theme: Theme;
  let fonts: FontRegistry;
  let paras: Para[];

  beforeAll(() => {
    theme = loadTheme();
    fonts = FontRegistry.load();
    const family = fontChains(fonts, theme).body.primary;
    const drawable = (c: string) => [family.regular, family.bold].every((f) => f.font.hasGlyphForCodePoint(c.codePointAt(0)!));
    // Every character the issue names can be drawn, so none is missing from the test.
    for (const c of [...ISSUE_NO_START, ...ISSUE_NO_END, '…', '—']) expect(drawable(c), c).toBe(true);
    paras = traps(drawable).map(paragraph);
  });

  // From about 7 to about 24 characters of body text per line, in steps that are no multiple of a
  // character's width (the fillers before each trap, 1 to 9 characters long, move it along the line
  // too): every trap still lands at both ends of some line, which the test checks.
  const WIDTHS = Array.from({ length: 10 }, (_, i) => 66 + i * 16.7);

  it('never starts or ends a line against the rules, nor breaks ……, ——, or a number, at any of 10 widths', async () => {
    const bad: string[] = [];
    const reachedEdge = new Set<string>();
    let checked = 0;
    for (const width of WIDTHS) {
      const t = atWidth(theme, width);
      const bytes = await writePdf(document(paras), unfitted(t), { theme: t, fonts: fontChains(fonts, t), time: new Date(0), generator: 'shien test' });
      const lines = await pdfLines(bytes);
      const breaks = breaksOf(lines, paras);
      paras.forEach((p, n) => {
        for (const at of breaks[n]) {
          checked++;
          const line = p.text.slice(0, at);
          const next = p.text.slice(at);
          const a = line.slice(-1);
          const b = next[0];
          const where = `width ${width.toFixed(1)}pt: …${line.slice(-6)} | ${next.slice(0, 6)}…`;
          if (ISSUE_NO_START.includes(b)) bad.push(`line starts with ${b}: ${where}`);
          if (ISSUE_NO_END.includes(a)) bad.push(`line ends with ${a}: ${where}`);
          for (const seq of ['…', '—', '―', '‥']) if (a === seq && b === seq) bad.push(`${seq}${seq} broken: ${where}`);
          if (/[0-9０-９]$/.test(line) && /^[0-9０-９,.，．%％]/.test(next)) bad.push(`number broken: ${where}`);
          if (/[0-9０-９][,.，．]$/.test(line) && /^[0-9０-９]/.test(next)) bad.push(`number broken: ${where}`);
          const rule = lineBreakRule(line, next);
          if (rule) bad.push(`${rule}: ${where}`);
          if (p.at.some(([s, e]) => at >= s && at <= e)) reachedEdge.add(p.trap);
        }
      });
    }
    expect(bad).toEqual([]);
    expect(checked).toBeGreaterThan(2000);
    // Adversarial for real: every trap stood at the end or the start of some line. (UAX #14 never
    // breaks on either side of the Western quotation marks, class QU: they cannot reach an edge.)
    const QU = '‘’“”«»‹›';
    expect(paras.map((p) => p.trap).filter((t) => !reachedEdge.has(t) && !QU.includes(t))).toEqual([]);
  }, 120_000);
});

describe('禁則処理 in Word', () => {
  it('switches kinsoku on, with ja-JP and the fonts, in the document defaults', async () => {
    const theme = loadTheme();
    const fonts = fontChains(FontRegistry.load(), theme);
    const doc = document([paragraph('」')]);
    const bytes = await Packer.toBuffer(wordDocument(doc, { theme, fonts, fit: unfitted(theme) }));
    const zip = await JSZip.loadAsync(bytes);
    const styles = await zip.file('word/styles.xml')!.async('string');
    const defaults = /<w:docDefaults>([\s\S]*?)<\/w:docDefaults>/.exec(styles)?.[1] ?? '';
    const pPr = /<w:pPrDefault>([\s\S]*?)<\/w:pPrDefault>/.exec(defaults)?.[1] ?? '';
    const rPr = /<w:rPrDefault>([\s\S]*?)<\/w:rPrDefault>/.exec(defaults)?.[1] ?? '';
    // Word's default is on; said explicitly, so no other default or editor can turn it off silently.
    expect(pPr).toMatch(/<w:kinsoku(?: w:val="(?:true|1|on)")?\/>/);
    expect(rPr).toMatch(/<w:lang [^>]*w:eastAsia="ja-JP"/);
    const font = fonts.body.primary.name;
    for (const slot of ['ascii', 'hAnsi', 'eastAsia']) expect(rPr).toContain(`w:${slot}="${font}"`);
    // Nothing in the body turns kinsoku off.
    const body = await zip.file('word/document.xml')!.async('string');
    expect(body).not.toMatch(/<w:kinsoku w:val="(?:false|0|off)"/);
  });
});
