import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Document } from '../src/document/ir.js';
import { writerOptions } from '../src/pipeline/render.js';
import { setLines } from '../src/layout/pdfmake/line-fill.js';
import { measurePdf, pdfEngine } from '../src/render/pdf/index.js';
import { fitDocument } from '../src/layout/fit.js';
import { context, documentOf, r5Sample, r5SampleTagged } from './helpers.js';
import { lowestShare, nothingWrong, spacingFaults, twipPerCharacter, typeset, typographyOf, wordBreaks, type SetLine, type Typeset } from './typeset.js';

// A page a ministry would publish, read back as readers' programs see it: pdf.js reads the lines of
// the PDF (and of LibreOffice's rendering of the Word file) with the structure tree that says which
// paragraph each belongs to, and the lines are held to the measures: justified lines end at
// their measure, no last line of one or two characters, body type at least 9.5 pt on a pitch of at
// least 1.3, the summary on one page ending near its bottom margin, handouts using their page.
// Here the summary and three handouts (a sample with contacts, a long one, one with nothing of its
// own) in detail; every handout is held to the same measures in test/handouts.test.ts.

const PLAN = 'plans/r5';
const BODY = 9.5;

interface Made {
  stem: string;
  doc: Document;
  pdf: Typeset;
  word: Typeset;
  /** The texts a Word item ends with a line break (its title, before its programmes). */
  breaks: string[];
}

const made: Made[] = [];
/** The folder of the sample's files (helpers.ts r5Sample), only read. */
let out: string;

beforeAll(async () => {
  // The summary and three handouts as the build makes them, and LibreOffice's tagged export of their
  // Word files (its tagging says which paragraph a line is of): made once per fork (helpers.ts).
  const sample = await r5Sample();
  expect(sample.problems).toEqual([]);
  out = sample.dir;
  const converted = await r5SampleTagged();
  for (const stem of sample.stems) {
    const doc = documentOf(PLAN, stem);
    const breaks = wordBreaks(doc);
    made.push({
      stem,
      doc,
      pdf: await typeset(readFileSync(join(out, `${stem}.pdf`))),
      word: await typeset(readFileSync(converted[stem])),
      breaks,
    });
  }
}, 240_000);

const summary = () => made.find((m) => m.stem === 'summary')!;
const handouts = () => made.filter((m) => m.stem !== 'summary');

describe('the PDF, as pdf.js reads it', () => {
  it('justifies every line but a paragraph\'s last to its measure, strands no last line under four characters, keeps 9.5 pt on a pitch of 1.3', () => {
    expect(made).toHaveLength(4);
    for (const m of made) expect(typographyOf(m.stem, m.pdf)).toEqual(nothingWrong(m.stem));
  });

  it('keeps the summary to one page, its lowest line within 8 % of the page height from the bottom edge', () => {
    const s = summary().pdf;
    expect(s.pages).toBe(1);
    expect(lowestShare(s)).toBeLessThanOrEqual(0.08);
  });

  it('sets every handout as one series: the theme\'s body size and pitch, whatever its length', () => {
    const { sizes, lineHeight } = context().theme;
    for (const m of handouts()) {
      expect(m.pdf.pages, m.stem).toBeLessThanOrEqual(2);
      const body = m.pdf.lines.filter((l) => l.role === 'LBody' || l.role === 'P');
      const size = Math.min(...body.map((l) => l.size));
      expect(size, m.stem).toBeCloseTo(sizes.body, 1);
      // Consecutive lines of one paragraph stand the theme's pitch apart, not stretched to fill.
      const pitches = body.slice(1).filter((l, i) => l.paragraph === body[i].paragraph && l.page === body[i].page).map((l, i) => body[i].baseline - l.baseline);
      const pitched = body.slice(1).map((l, i) => [body[i], l]).filter(([a, b]) => a.paragraph === b.paragraph && a.page === b.page).map(([a, b]) => (a.baseline - b.baseline) / a.size);
      expect(pitches.length, m.stem).toBeGreaterThan(0);
      for (const p of pitched) expect(p, m.stem).toBeCloseTo(lineHeight, 1);
    }
  });

  it('puts one left edge per level: bands, box and column titles and list markers on one, the text after bullets on the next', () => {
    const lines = summary().pdf.lines;
    const x = (pred: (l: SetLine) => boolean) => [...new Set(lines.filter(pred).map((l) => Math.round(l.left * 10) / 10))];
    // The band texts, the box's title, the first column's title and its widest labels （2）–（5）
    // (labels end on their closing bracket: the narrower （1） stands in by its digit's width).
    const first = x((l) => /^(＜中小企業支援計画|[１２]．|《国の事業》|【|（[2-9]）$)/.test(l.text) && l.left < 100);
    expect(first).toHaveLength(1);
    // Bulleted text under a band and in the box: one edge.
    const bulleted = x((l) => l.role === 'LBody' && l.left < 100 && /^(中小企業支援法|令和|中小企業を取り巻く|国、都道府県等|よろず|認定|「経営力)/.test(l.text));
    expect(bulleted).toHaveLength(1);
    expect(bulleted[0]).toBeGreaterThan(first[0]);
  });

  it('sets a quarter em between Japanese and a Latin word, and none beside digits', async () => {
    const { openPdf } = await import('./pdfjs.js');
    // The first 「PDCA」 that stands inside a line, with a character on each side of it.
    let checked = 0;
    for (const m of made) {
      const pdf = await openPdf(readFileSync(join(out, `${m.stem}.pdf`)));
      const items = ((await (await pdf.getPage(1)).getTextContent()).items as { str: string; transform: number[]; width: number }[]).filter((i) => i.str.trim());
      await pdf.destroy();
      const at = items.findIndex((i, k) => i.str === 'PDCA' && k > 0 && [k - 1, k + 1, k + 2].every((j) => items[j]?.transform[5] === i.transform[5]));
      if (at < 0) continue;
      const gap = (a: number) => items[a + 1].transform[4] - (items[a].transform[4] + items[a].width);
      // Justification spreads the same room between every two characters of the line (サ|イ); the room
      // after 「PDCA」 is a quarter em more than that, and none is added after 「、」 before it.
      expect(items.slice(at - 1, at + 3).map((i) => i.str)).toEqual(['い、', 'PDCA', 'サ', 'イ']);
      const size = Math.hypot(items[at].transform[2], items[at].transform[3]);
      const ordinary = gap(at + 1);
      expect(gap(at) - ordinary).toBeCloseTo(size * 0.25, 1);
      expect(gap(at - 1) - ordinary).toBeCloseTo(0, 1);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('draws the 見本 watermark under the text', async () => {
    const { default: pdfjs, openPdf } = await import('./pdfjs.js');
    const sample = made.find((m) => m.doc.sample)!;
    const pdf = await openPdf(readFileSync(join(out, `${sample.stem}.pdf`)));
    const ops = await (await pdf.getPage(1)).getOperatorList();
    await pdf.destroy();
    // The first text the page shows is in the watermark's size.
    let size = 0;
    const first = ops.fnArray.findIndex((fn, i) => {
      if (fn === pdfjs.OPS.setFont) size = (ops.argsArray[i] as [string, number])[1];
      return fn === pdfjs.OPS.showText;
    });
    expect(first).toBeGreaterThan(-1);
    expect(size).toBe(context().theme.sizes.watermark);
  });

  it('names the QR column 「QRコード」', () => {
    const tokyo = made.find((m) => m.stem === 'handouts/13-tokyo')!;
    expect(tokyo.pdf.lines.map((l) => l.text)).toContain('QRコード');
  });
});

describe('the Word file, as LibreOffice renders it', () => {
  it('keeps the summary to one page and a handout to two, with the same measures as the PDF', () => {
    for (const m of made) {
      expect(m.word.pages, m.stem).toBeLessThanOrEqual(m.stem === 'summary' ? 1 : 2);
      // No short last line either: where the PDF's line breaker ended a line early to avoid one,
      // the Word file spaces that line's characters so that LibreOffice ends it there too.
      expect(typographyOf(m.stem, m.word, { breaks: m.breaks, tolerance: twipPerCharacter })).toEqual(nothingWrong(m.stem));
    }
    expect(lowestShare(summary().word)).toBeLessThanOrEqual(0.08);
  });

  it('spaces the characters of the lines the PDF ended early, and only those, within the theme\'s spread', async () => {
    const body = await (await JSZip.loadAsync(readFileSync(join(out, 'summary.docx')))).file('word/document.xml')!.async('string');
    const spaced = [...body.matchAll(/<w:r><w:rPr>(?:(?!<\/w:rPr>).)*<w:spacing w:val="(-?\d+)"\/>(?:(?!<\/w:rPr>).)*<\/w:rPr><w:t[^>]*>([^<]*)<\/w:t>/g)].map(([, twips, text]) => ({ twips: Number(twips), text }));
    expect(spaced.length).toBeGreaterThan(0);
    const { maxSpread } = context().theme;
    for (const { twips, text } of spaced) {
      // A line's text as the PDF sets it (less the first character of an item, whose number would
      // take its spacing), never set closer, spread no more than the PDF may (to a twip's rounding).
      const line = summary().pdf.lines.find((l) => l.text.replace(/\s+/g, '').endsWith(text));
      expect(line, text).toBeDefined();
      expect(twips, text).toBeGreaterThan(0);
      expect(twips / 20, text).toBeLessThanOrEqual(maxSpread * line!.size + 0.025);
    }
  });

  it('breaks its lines where the PDF does', () => {
    // Same measures, same sizes, same rules: LibreOffice's lines hold the PDF's text, line for line.
    const text = (t: Typeset) => t.lines.map((l) => l.text.replace(/\s+|●/g, '').replace(/^（\d）/, ''));
    const s = summary();
    const pdf = new Set(text(s.pdf));
    const same = text(s.word).filter((l) => pdf.has(l));
    expect(same.length / s.word.lines.length).toBeGreaterThan(0.75);
  });

  it('tags Latin en-US and Japanese ja-JP, sets 禁則処理, the quarter em before Latin letters, justified lines', async () => {
    const zip = await JSZip.loadAsync(readFileSync(join(out, 'summary.docx')));
    const styles = await zip.file('word/styles.xml')!.async('string');
    const defaults = /<w:docDefaults>.*<\/w:docDefaults>/s.exec(styles)![0];
    expect(defaults).toContain('<w:lang w:val="en-US" w:eastAsia="ja-JP"/>');
    expect(defaults).toMatch(/<w:kinsoku\/><w:autoSpaceDE\/><w:autoSpaceDN w:val="false"\/>/);
    expect(defaults).toContain('<w:jc w:val="both"/>');
    // Absent on purpose: Word and LibreOffice then both hang full stops and commas, as the PDF does.
    expect(defaults).not.toContain('overflowPunct');
    // And LibreOffice keeps 「PDCA」 whole.
    for (const m of made) {
      for (const [a, b] of m.word.lines.slice(1).map((l, i) => [m.word.lines[i].text.trimEnd(), l.text.trimStart()])) {
        expect(/[A-Za-z]$/.test(a) && /^[A-Za-z]/.test(b), `${a} | ${b}`).toBe(false);
      }
    }
  });
});

describe('the fitter', () => {
  it('fills lines as pdfmake does: its count of each paragraph\'s lines at the measure it had is pdfmake\'s', async () => {
    for (const stem of ['summary', 'handouts/13-tokyo']) {
      const doc = documentOf(PLAN, stem);
      const options = writerOptions(doc, { theme: context().theme, fonts: context().fonts });
      const fit = (await fitDocument(doc, options.theme, pdfEngine(options))).fit!;
      const m = await measurePdf(doc, fit, options, true);
      expect(m.blocks.size).toBeGreaterThan(20);
      for (const [block, b] of m.blocks) expect(setLines(b.inlines, b.maxWidth).lines, `${stem} block ${block}`).toBe(b.lines);
    }
  });

  it('never sets letters closer, and spreads a line no more than the theme allows', async () => {
    const { maxSpread } = context().theme;
    for (const m of made) {
      const faults = await spacingFaults(readFileSync(join(out, `${m.stem}.pdf`)), maxSpread);
      expect(faults, m.stem).toEqual({ squeezed: [], spread: [], tracked: 0 });
    }
  });
});
