import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import JSZip from 'jszip';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exitCodeOf } from '../src/core/problem.js';
import { build, reportProblems } from '../src/pipeline/build.js';
import { checkPlanSet } from '../src/check/plan-set.js';
import { loadResources } from '../src/check/resources.js';
import { context, libreOfficeConvert, tempDir } from './helpers.js';
import { centre, drawn, mm, overlaps, union, type Box, type DrawnPage, type DrawnPath, type DrawnText } from './drawn.js';

// The page furniture takes its room from the layout (issue 24 item 5, issue 27 items 5 and 6): the
// 案 mark beside a title that wraps before it, the page number 10 mm from the paper's edge and clear
// of the text, the band's text and the mark in the middle of their boxes, in the PDF and in the Word
// file as LibreOffice lays it out. Read back with pdf.js from both.

const ROOT = join(import.meta.dirname, '..');
const LONG_TITLE = '中小企業支援計画の概要（中小企業支援法第三条第一項に基づく支援の実施に関する計画の要旨）';
const MARK_RED = '#c00000';
const BAND = '#d9e2f3';
/** The rules' tolerance for where a mark stands in Word against the PDF. */
const TWO_MM = (2 * 72) / 25.4;

/** templates/ with the theme's marks replaced. */
function templatesWithMarks(marks: string, body?: number): string {
  const dir = join(tempDir('shien-templates-'), 'templates');
  cpSync(join(ROOT, 'templates'), dir, { recursive: true });
  const theme = readFileSync(join(dir, 'theme.yaml'), 'utf8');
  writeFileSync(join(dir, 'theme.yaml'), `${body ? theme.replace(/^ {2}(max)?[bB]ody: [0-9.]+$/gm, (_, max) => `  ${max ? 'maxBody' : 'body'}: ${body}`) : theme}\nmarks:\n${marks}`);
  return dir;
}

/** A copy of the plans whose title is the long one. */
function longTitlePlan(): string {
  const dir = tempDir('shien-furniture-');
  cpSync(join(ROOT, 'plans'), join(dir, 'plans'), { recursive: true });
  const file = join(dir, 'plans', 'r5', 'plan.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, `title: ${LONG_TITLE}`));
  return join(dir, 'plans', 'r5');
}

interface Made {
  pdf: DrawnPage[];
  word: DrawnPage[];
  docx: Buffer;
}

/** The mark's box (its red lines) on a page, and the mark's text. */
function mark(page: DrawnPage) {
  const lines = page.paths.filter((p) => p.paint === 'stroke' && p.color === MARK_RED);
  if (!lines.length) return undefined;
  const box = union(lines);
  const text = page.texts.filter((t) => t.left >= box.left - 0.5 && t.right <= box.right + 0.5 && t.bottom >= box.bottom - 2 && t.top <= box.top + 2);
  return { box, text: text.length ? union(text) : undefined };
}

/** The page number: the text under the lowest line of the rest, in the bottom margin. */
function pageNumber(page: DrawnPage, bottomMargin: number): { number: DrawnText[]; rest: DrawnText[] } {
  const number = page.texts.filter((t) => t.top <= bottomMargin);
  return { number, rest: page.texts.filter((t) => !number.includes(t)) };
}

/** What the first group built, read back, for the groups after it. */
let furnitureMade: Record<string, Made> = {};

describe('page furniture in the PDF and in Word through LibreOffice', () => {
  const made: Record<string, Made> = {};
  furnitureMade = made;
  let pageNumberMargin = 0;
  beforeAll(async () => {
    const plan = longTitlePlan();
    // The variant's body is larger, so that Tokyo's handout runs onto a second page (at the theme's
    // size every handout keeps to one).
    const variant = templatesWithMarks('  draft: 未定稿・取扱注意\n  sample: 見本\n  pageNumber: "- %1 -（%1）"\n', 12);
    const outs = { default: tempDir(), variant: tempDir() };
    const builds = [
      await build({ planDir: plan, outDir: outs.default, jurisdictions: ['13', '011002'], workers: 1 }, context),
      await build({ planDir: plan, outDir: outs.variant, jurisdictions: ['13'], workers: 1 }, () => loadResources({ templatesDir: variant })),
      await build({ planDir: plan, outDir: outs.default, only: 'summary', workers: 1 }, context),
      await build({ planDir: plan, outDir: outs.variant, only: 'summary', workers: 1 }, () => loadResources({ templatesDir: variant })),
    ];
    for (const b of builds) expect(reportProblems(b)).toEqual([]);
    const files: Record<string, string> = {};
    for (const [name, dir] of Object.entries(outs)) {
      files[`${name}-summary`] = join(dir, 'summary');
      for (const f of readdirSync(join(dir, 'handouts')).filter((x) => x.endsWith('.pdf'))) files[`${name}-${f.replace(/\.pdf$/, '')}`] = join(dir, 'handouts', f.replace(/\.pdf$/, ''));
    }
    // One LibreOffice run for every Word file.
    const word = libreOfficeConvert(Object.fromEntries(Object.entries(files).map(([k, f]) => [k, readFileSync(`${f}.docx`)])), 'pdf');
    for (const [k, f] of Object.entries(files)) made[k] = { pdf: await drawn(readFileSync(`${f}.pdf`)), word: await drawn(readFileSync(word[k])), docx: readFileSync(`${f}.docx`) };
    // The bottom margin with the page number's room, as the layout gives it (theme/furniture.ts).
    const { pageMargins } = await import('../src/theme/furniture.js');
    pageNumberMargin = pageMargins(context().theme, { orientation: 'portrait', pageNumbers: true })[2];
  }, 240_000);

  it('builds what it reads: handouts of one and two pages, the summary, with each mark', () => {
    expect(Object.keys(made).sort()).toEqual(['default-011002-sapporo', 'default-13-tokyo', 'default-summary', 'variant-13-tokyo', 'variant-summary']);
  });

  it('the 案 mark stands beside the title, which wraps before it; in Word within 2 mm of the PDF; nothing overprints it', () => {
    for (const [name, m] of Object.entries(made)) {
      const seen: Record<string, ReturnType<typeof mark>> = {};
      for (const format of ['pdf', 'word'] as const) {
        const page = m[format][0];
        const found = mark(page);
        expect(found?.text, `${name} ${format}`).toBeDefined();
        seen[format] = found;
        const box = found!.box;
        // Inside the paper by more than a printer's unprintable zone.
        expect(Math.min(box.left, page.width - box.right, box.bottom, page.height - box.top), `${name} ${format}`).toBeGreaterThan(TWO_MM * 2.5);
        // No other text on the page touches the box: the title wraps before it, the body starts under it.
        const others = page.texts.filter((t) => !overlaps(t, found!.text!) && overlaps(t, box));
        expect(others.map((t) => t.text), `${name} ${format}`).toEqual([]);
        // The title (the page's largest text) takes two lines for the long title.
        const title = page.texts.filter((t) => t.size > 14 && t.size < 20);
        expect(new Set(title.map((t) => Math.round(t.baseline))).size, `${name} ${format}`).toBeGreaterThanOrEqual(2);
      }
      const [pdf, word] = [seen.pdf!.box, seen.word!.box];
      for (const side of ['left', 'right', 'top', 'bottom'] as const) {
        expect(Math.abs(pdf[side] - word[side]), `${name}: the mark's ${side} in Word against the PDF (${mm(pdf[side] - word[side]).toFixed(2)} mm)`).toBeLessThanOrEqual(TWO_MM);
      }
    }
  });

  it('the mark stands in the middle of its box, in both formats', () => {
    const off: string[] = [];
    for (const [name, m] of Object.entries(made)) {
      for (const format of ['pdf', 'word'] as const) {
        const { box, text } = mark(m[format][0])!;
        const [b, t] = [centre(box), centre(text!)];
        if (Math.abs(b.x - t.x) > 0.6 || Math.abs(b.y - t.y) > 0.6) off.push(`${name} ${format}: ${(t.x - b.x).toFixed(2)}, ${(t.y - b.y).toFixed(2)} pt`);
      }
    }
    expect(off).toEqual([]);
  });

  it('page numbers: every %1 replaced, at least 10 mm from the paper\'s edge, clear of the text, within the margins', () => {
    const handouts = Object.entries(made).filter(([k]) => !k.endsWith('summary'));
    // The rule holds on later pages too: some handout runs onto a second page.
    expect(handouts.some(([, m]) => m.pdf.length === 2 || m.word.length === 2)).toBe(true);
    for (const [name, m] of handouts) {
      for (const format of ['pdf', 'word'] as const) {
        m[format].forEach((page, i) => {
          const at = `${name} ${format} page ${i + 1}`;
          const { number, rest } = pageNumber(page, pageNumberMargin);
          const n = i + 1;
          expect(number.map((t) => t.text).join('').replace(/\s+/g, ''), at).toBe(name.startsWith('variant') ? `-${n}-（${n}）` : `-${n}-`);
          const box = union(number);
          expect(mm(box.bottom), at).toBeGreaterThanOrEqual(10 - 0.05);
          expect(rest.filter((t) => overlaps(t, { ...box, top: box.top + 2, bottom: box.bottom - 2 })).map((t) => t.text), at).toEqual([]);
          // Below the lowest line of text, with room between them.
          expect(Math.min(...rest.map((t) => t.bottom)) - box.top, at).toBeGreaterThan(2);
          expect(box.left, at).toBeGreaterThan(26);
          expect(box.right, at).toBeLessThan(page.width - 26);
          expect(Math.abs(centre(box).x - page.width / 2), at).toBeLessThan(1);
        });
      }
    }
  });

  it('the furniture outside the text is the same in both formats, and nothing more: the mark on the first page, the page numbers', () => {
    const [mTop] = context().theme.page.margins;
    for (const [name, m] of Object.entries(made)) {
      // Above the text, in the mark's box, under the text.
      const furniture = (pages: DrawnPage[]) => pages.map((page, i) => page.texts
        .filter((t) => t.bottom > page.height - mTop || (i === 0 && overlaps(t, mark(page)!.box)) || (!name.endsWith('summary') && t.top <= pageNumberMargin))
        // Top to bottom, left to right: the formats draw them in different orders.
        .sort((a, b) => b.baseline - a.baseline || a.left - b.left)
        .map((t) => t.text).join('').replace(/\s+/g, ''));
      // The pages LibreOffice makes may be more than the PDF's (Word's line breaks are its own): compare the PDF's.
      const pdf = furniture(m.pdf);
      expect(furniture(m.word).slice(0, pdf.length), name).toEqual(pdf);
      const draft = name.startsWith('variant') ? '未定稿・取扱注意' : '案';
      expect(pdf[0], name).toBe(name.endsWith('summary') ? draft : `${draft}${name.startsWith('variant') ? '-1-（1）' : '-1-'}`);
    }
  });

  it('the band\'s text stands in the middle of the band, in both formats', () => {
    for (const [name, m] of Object.entries(made)) {
      for (const format of ['pdf', 'word'] as const) {
        const bands = m[format].flatMap((page) => page.paths
          .filter((p) => p.paint === 'fill' && p.color === BAND && p.right - p.left > page.width / 2)
          .map((b) => ({ b, text: page.texts.filter((t) => centre(t).y > b.bottom && centre(t).y < b.top && t.left > b.left && t.right < b.right) }))
          .filter((x) => x.text.length));
        expect(bands.length, `${name} ${format}`).toBeGreaterThanOrEqual(name.endsWith('summary') ? 2 : 3);
        for (const { b, text } of bands) {
          const off = centre(union(text)).y - centre(b).y;
          expect(Math.abs(off), `${name} ${format} ${text.map((t) => t.text).join('')}: ${off.toFixed(2)} pt off the middle`).toBeLessThanOrEqual(0.5);
        }
      }
    }
  });
});

/** The body face as the tests read it themselves, from its file. */
const BODY_FACE = join(ROOT, 'fonts', 'BIZUDPGothic-Regular.ttf');
const ACCENT = '#1f3864';

describe('Word like the PDF: bullets and the font table', () => {
  let made: Record<string, Made>;
  beforeAll(() => {
    made = furnitureMade;
  });

  it('bullets in LibreOffice\'s rendering of the Word file are the PDF\'s discs: the same size, their middle at the same height above the text\'s baseline', () => {
    const font = fontkit.create(readFileSync(BODY_FACE)) as unknown as { unitsPerEm: number; glyphForCodePoint(cp: number): { bbox: { minY: number; maxY: number } } };
    const ink = font.glyphForCodePoint(0x25cf).bbox;
    for (const [name, m] of Object.entries(made)) {
      // The PDF's discs: small round fills in the accent colour, each beside its item's first line.
      const pdf = m.pdf.flatMap((page) => page.paths.filter((p) => p.paint === 'fill' && p.color === ACCENT && p.right - p.left < 6).map((d) => {
        const line = page.texts.find((t) => t.left > d.right && t.left < d.right + 20 && t.bottom < d.top && t.top > d.bottom)!;
        return { diameter: d.top - d.bottom, middle: (d.top + d.bottom) / 2 - line.baseline };
      }));
      // LibreOffice draws the bullet glyph: its ink from the face's own outline.
      const word = m.word.flatMap((page) => page.texts.filter((t) => t.text.trim() === '●').map((b) => {
        const [top, bottom] = [b.baseline + (ink.maxY / font.unitsPerEm) * b.size, b.baseline + (ink.minY / font.unitsPerEm) * b.size];
        const line = page.texts.find((t) => t !== b && t.left > b.right && t.left < b.left + 25 && Math.abs(t.baseline - b.baseline) < 5)!;
        return { diameter: top - bottom, middle: (top + bottom) / 2 - line.baseline };
      }));
      expect(pdf.length, name).toBeGreaterThan(0);
      expect(word.length, name).toBe(pdf.length);
      const disc = pdf[0];
      for (const b of word) {
        expect(Math.abs(b.diameter - disc.diameter), `${name}: bullet ${b.diameter.toFixed(2)} pt across, the PDF's disc ${disc.diameter.toFixed(2)}`).toBeLessThanOrEqual(0.1 * disc.diameter);
        expect(Math.abs(b.middle - disc.middle), `${name}: bullet's middle ${b.middle.toFixed(2)} pt above the baseline, the PDF's ${disc.middle.toFixed(2)}`).toBeLessThanOrEqual(0.3);
      }
    }
  });

  it('the font table names every font the Word file uses, with family, pitch, charset, PANOSE and ranges read from the font file', async () => {
    const font = fontkit.create(readFileSync(BODY_FACE)) as unknown as { 'OS/2': { panose: number[]; ulCharRange: number[]; codePageRange: number[] }; post: { isFixedPitch: number } };
    const os2 = { ...font['OS/2'], post: font.post };
    const hex = (n: number, d: number) => (n >>> 0).toString(16).toUpperCase().padStart(d, '0');
    for (const [name, m] of Object.entries(made)) {
      const zip = await JSZip.loadAsync(m.docx);
      const table = await zip.file('word/fontTable.xml')!.async('string');
      const used = new Set<string>();
      for (const part of ['word/document.xml', 'word/styles.xml', 'word/numbering.xml']) {
        const xml = await zip.file(part)!.async('string');
        for (const f of xml.matchAll(/<w:rFonts\b[^>]*>/g)) for (const a of f[0].matchAll(/ w:(?:ascii|hAnsi|eastAsia|cs)="([^"]+)"/g)) used.add(a[1]);
      }
      const listed = [...table.matchAll(/<w:font w:name="([^"]+)"/g)].map((x) => x[1]);
      expect(listed.sort(), name).toEqual([...used].sort());
      const entry = /<w:font w:name="BIZ UDPGothic">([\s\S]*?)<\/w:font>/.exec(table)![1];
      expect(entry, name).toContain('<w:altName w:val="BIZ UDPゴシック"/>');
      expect(entry, name).toContain(`<w:panose1 w:val="${os2.panose.map((b) => hex(b, 2)).join('')}"/>`);
      // Code page 932 (Japanese) is bit 17 of the first code-page range: Shift_JIS, charset 0x80.
      expect((os2.codePageRange[0] >>> 17) & 1).toBe(1);
      expect(entry, name).toContain('<w:charset w:val="80"/>');
      // PANOSE serif style 11 (normal sans serif): a sans-serif face, "swiss" in Word's words.
      expect(os2.panose[1]).toBe(11);
      expect(entry, name).toContain('<w:family w:val="swiss"/>');
      expect(entry, name).toContain(`<w:pitch w:val="${os2.post.isFixedPitch ? 'fixed' : 'variable'}"/>`);
      expect(entry, name).toContain(`w:usb0="${hex(os2.ulCharRange[0], 8)}"`);
      expect(entry, name).toContain(`w:csb0="${hex(os2.codePageRange[0], 8)}"`);
    }
  });
});

/**
 * Where each numbered label （n） ends, by list (a list starts again at （1）), in reading order: our
 * PDF draws a label as one piece of text, LibreOffice draws its brackets and digits one by one.
 */
function labelEnds(pages: readonly DrawnPage[]): number[][] {
  const lists: number[][] = [];
  for (const page of pages) {
    page.texts.forEach((t, i) => {
      const whole = /^（([0-9０-９]+)）$/.exec(t.text.trim());
      const [digits, close] = page.texts.slice(i + 1, i + 3);
      const apart = t.text.trim() === '（' && /^[0-9０-９]+$/.test(digits?.text.trim() ?? '') && close?.text.trim() === '）' ? digits.text.trim() : undefined;
      const n = whole?.[1] ?? apart;
      // A label is followed on its line by its item's text (a page number such as 「（1）」 is not).
      const next = page.texts[whole ? i + 1 : i + 3];
      const end = whole ? t : close;
      if (n === undefined || !next || Math.abs(next.baseline - end.baseline) > 0.5 || next.left < end.right - 0.5) return;
      if (/^[1１]$/.test(n)) lists.push([]);
      lists.at(-1)?.push(end.right);
    });
  }
  return lists;
}

/** How far apart two dark modules of one code may be drawn (pt): a light module between them, at most 2.5 pt across. */
const REACH = 2.5;
/** Text this large is the sample mark across the page. */
const WATERMARK_SIZE = 40;

/** The QR codes a page draws: its black fills gathered into squares (REACH apart at most), each with its module. */
function qrCodes(page: DrawnPage): { box: Box; module: number; parts: Set<DrawnPath> }[] {
  const dark = page.paths.filter((p) => p.paint === 'fill' && p.color === '#000000');
  const codes: { box: Box; module: number; parts: Set<DrawnPath> }[] = [];
  for (const d of dark) {
    const near = codes.filter((c) => overlaps(c.box, { left: d.left - REACH, right: d.right + REACH, bottom: d.bottom - REACH, top: d.top + REACH }, 0));
    const parts = new Set([d, ...near.flatMap((c) => [...c.parts])]);
    for (const c of near) codes.splice(codes.indexOf(c), 1);
    codes.push({ box: union([...parts]), module: Math.min(...[...parts].map((p) => p.top - p.bottom)), parts });
  }
  return codes.filter((c) => c.parts.size > 20);
}

/** The light margin of a PNG QR code, in modules (its first row's run of dark pixels is the finder pattern, seven modules). */
function pngQuietZone(png: Buffer): number[] {
  // pngjs (a dependency of qrcode too, declared here for the tests) reads the image back; it has no types of its own.
  const { PNG } = createRequire(import.meta.url)('pngjs') as { PNG: { sync: { read(b: Buffer): { width: number; height: number; data: Buffer } } } };
  const image = PNG.sync.read(png);
  const dark = (x: number, y: number) => image.data[(y * image.width + x) * 4] < 128;
  let [left, top, right, bottom] = [image.width, image.height, -1, -1];
  for (let y = 0; y < image.height; y++) for (let x = 0; x < image.width; x++) {
    if (!dark(x, y)) continue;
    [left, top, right, bottom] = [Math.min(left, x), Math.min(top, y), Math.max(right, x), Math.max(bottom, y)];
  }
  let run = 0;
  while (dark(left + run, top)) run++;
  const module = run / 7;
  return [left, top, image.width - 1 - right, image.height - 1 - bottom].map((px) => px / module);
}

describe('details: labels on their closing bracket, QR codes in a quiet zone of four modules', () => {
  let made: Record<string, Made>;
  beforeAll(() => {
    made = furnitureMade;
  });

  it('labels （1）–（5） end at the same x in each list, in the PDF and in Word through LibreOffice', () => {
    for (const [name, m] of Object.entries(made)) {
      for (const format of ['pdf', 'word'] as const) {
        const lists = labelEnds(m[format]);
        expect(lists.length, `${name} ${format}`).toBeGreaterThan(0);
        for (const ends of lists) {
          expect(ends.length).toBeGreaterThanOrEqual(2);
          expect(Math.max(...ends) - Math.min(...ends), `${name} ${format}: ${ends.map((x) => x.toFixed(2)).join(', ')}`).toBeLessThan(0.3);
        }
      }
    }
  });

  it('a QR code has nothing drawn within four modules of it in the PDF, and four light modules round it in the Word file\'s image', async () => {
    let seen = 0;
    for (const [name, m] of Object.entries(made)) {
      for (const [p, page] of m.pdf.entries()) {
        for (const code of qrCodes(page)) {
          seen++;
          const zone = 4 * code.module - 0.01;
          const around = { left: code.box.left - zone, right: code.box.right + zone, bottom: code.box.bottom - zone, top: code.box.top + zone };
          const inside = [
            // The 見本 watermark is drawn across the page, light, under everything.
            ...page.texts.filter((t) => t.size < WATERMARK_SIZE && overlaps(t, around)).map((t) => `text ${t.text}`),
            ...page.paths.filter((d) => !code.parts.has(d) && d.color !== '#ffffff' && overlaps(d, around, 0)).map((d) => `${d.paint} ${d.color}`),
          ];
          expect(inside, `${name} page ${p + 1}: the code at ${code.box.left.toFixed(1)}, ${code.box.bottom.toFixed(1)}`).toEqual([]);
        }
      }
      const zip = await JSZip.loadAsync(m.docx);
      for (const file of zip.file(/^word\/media\/.*\.png$/)) {
        for (const modules of pngQuietZone(await file.async('nodebuffer'))) expect(modules, `${name} ${file.name}`).toBeGreaterThanOrEqual(4);
      }
    }
    // Tokyo's table has two codes and Sapporo's one, in each build of them.
    expect(seen).toBe(5);
  });
});

describe('marks that cannot fit are errors at their line in the theme', () => {
  it('a mark too wide for the title beside it, and a page number wider than the page: theme/mark-too-wide and theme/page-number-too-wide, exit 1', () => {
    const templates = templatesWithMarks('  draft: 未定稿・取扱注意・部外秘・複製禁止\n  sample: 見本\n  pageNumber: "%1 ページ目（全体の中でのこの文書のページの番号、ページの番号、ページの番号、ページの番号、ページの番号、ページの番号、ページの番号、ページの番号、ページの番号）"\n');
    const source = readFileSync(join(templates, 'theme.yaml'), 'utf8').split('\n');
    const lineOf = (key: string) => source.findIndex((l, i) => i > source.indexOf('marks:') && l.startsWith(`  ${key}: `)) + 1;
    const problems = checkPlanSet(join(ROOT, 'plans', 'r5'), () => loadResources({ templatesDir: templates })).problems;
    expect(problems.map((p) => `${p.code} ${p.file} ${p.place?.line}`)).toEqual([
      `theme/mark-too-wide ${join(templates, 'theme.yaml')} ${lineOf('draft')}`,
      `theme/page-number-too-wide ${join(templates, 'theme.yaml')} ${lineOf('pageNumber')}`,
    ]);
    expect(problems[0].message).toMatch(/^案マーク「未定稿・取扱注意・部外秘・複製禁止」は枠を含めて幅 [\d.]+ mm あり、表題の横に入りません/);
    expect(problems[1].message).toMatch(/^ページ番号「1 ページ目（.+）」は幅 [\d.]+ mm（三桁の番号で）あり、縦の用紙の余白の間 [\d.]+ mm に入りません。$/);
    expect(exitCodeOf(problems)).toBe(1);
  });
});
