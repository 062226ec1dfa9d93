import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { GENERATOR } from '../src/core/version.js';
import { buildSummary, checkPlan, docxPart, documentOf, expectSeedInReadingOrder, modelText, orderOf, pdfText, r5Sample, r5SampleTagged, run, seedSentences, squash, tempDir } from './helpers.js';

const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const PLAN = 'plans/r5';
let pdf: Buffer;
let docx: Buffer;
let dir: string;

beforeAll(async () => {
  // `build --only summary` of plans/r5, made once per fork (helpers.ts) and only read here.
  const sample = await r5Sample();
  expect(sample.problems).toEqual([]);
  dir = sample.dir;
  pdf = readFileSync(join(dir, 'summary.pdf'));
  docx = readFileSync(join(dir, 'summary.docx'));
});

describe('the R5 summary: document model', () => {
  it('keeps its structure and wording', () => {
    expect(checkPlan(PLAN).problems).toEqual([]);
    expect(documentOf(PLAN)).toMatchSnapshot();
  });
});

describe('the R5 summary as PDF', () => {
  it('is one A4 landscape page, as pdf.js reads it', async () => {
    const { pages, size } = await pdfText(pdf);
    expect(pages).toBe(1);
    expect(size).toEqual([842, 595]);
  });

  it('extracts, with pdf.js, to the same text', async () => {
    expect((await pdfText(pdf)).text).toMatchSnapshot();
  });

  it('holds every sentence of the seed verbatim, in reading order (pdf.js and pdftotext)', async () => {
    const sentences = seedSentences();
    expect(sentences.length).toBeGreaterThan(40);
    const byPdfjs = squash((await pdfText(pdf)).text);
    const file = join(dir, 'summary.pdf');
    const byPoppler = squash(run('pdftotext', ['-enc', 'UTF-8', file, '-']));
    for (const text of [byPdfjs, byPoppler]) expectSeedInReadingOrder(text);
  });

  it('draws no bullet as a character (U+26AB is not in the font)', async () => {
    expect((await pdfText(pdf)).text).not.toMatch(/[⚫●•]/u);
  });

  it('passes poppler and qpdf: A4, one page, fonts embedded as subsets with ToUnicode, metadata', () => {
    const file = join(dir, 'summary.pdf');
    const info = run('pdfinfo', [file]);
    expect(info).toMatch(/^Pages:\s+1$/m);
    expect(info).toMatch(/^Page size:\s+841\.89 x 595\.28 pts \(A4\)$/m);
    expect(info).toMatch(/^Title:\s+令和５年度中小企業支援計画の概要（案）$/m);
    expect(info).toMatch(/^Author:\s+中小企業庁$/m);
    // The version that made it, as `shien --version` says it, and the library that wrote the bytes.
    expect(info).toMatch(new RegExp(`^Creator:\\s+${escaped(GENERATOR)}$`, 'm'));
    expect(info).toMatch(new RegExp(`^Producer:\\s+${escaped(GENERATOR)} \\(pdfmake \\d+\\.\\d+\\.\\d+\\)$`, 'm'));
    const fonts = run('pdffonts', [file]).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) {
      expect(line).toMatch(/^[A-Z]{6}\+BIZUDPGothic-(Regular|Bold)\s/);
      expect(line).toMatch(/\syes\s+yes\s+yes\s/); // emb sub uni
    }
    expect(run('qpdf', ['--check', file])).toMatch(/No syntax or stream encoding errors found/);
    // Language of the document, for screen readers and search engines.
    expect(run('qpdf', ['--show-object=trailer', file])).toMatch(/\/Root/);
    const root = run('qpdf', ['--show-object=1', file]) + run('qpdf', ['--json', '--json-key=qpdf', file]);
    expect(root).toMatch(/\/Lang \(ja\)|"\/Lang": "u:ja"/);
  });
});

describe('the R5 summary as Word', () => {
  it('keeps its Word XML', async () => {
    expect(await docxPart(docx)).toMatchSnapshot();
  });

  it('uses real styles, the Japanese font for East Asian text, en-US for Latin and ja-JP for Japanese', async () => {
    const styles = await docxPart(docx, 'word/styles.xml');
    expect(styles).toMatch(/<w:docDefaults>.*<w:rFonts w:ascii="BIZ UDPGothic" w:cs="BIZ UDPGothic" w:eastAsia="BIZ UDPGothic" w:hAnsi="BIZ UDPGothic"\/>/s);
    expect(styles).toMatch(/<w:lang w:val="en-US" w:eastAsia="ja-JP"\/>/);
    for (const id of ['Normal', 'Title', 'Heading1', 'Heading2', 'BoxTitle', 'ListParagraph']) expect(styles).toContain(`w:styleId="${id}"`);
    const body = await docxPart(docx);
    expect(body).toContain('<w:pStyle w:val="Title"/>');
    expect(body).toContain('<w:numPr>');
    expect(body.match(/<w:tbl>/g)?.length).toBe(2); // the 位置づけ box and the three columns
    expect(body).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    const numbering = await docxPart(docx, 'word/numbering.xml');
    expect(numbering).toContain('<w:lvlText w:val="（%1）"/>');
    const core = await docxPart(docx, 'docProps/core.xml');
    expect(core).toContain('<dc:title>令和５年度中小企業支援計画の概要（案）</dc:title>');
    expect(core).toContain('<dc:creator>中小企業庁</dc:creator>');
    expect(core).toContain('<dc:language>ja</dc:language>');
    const app = await docxPart(docx, 'docProps/app.xml');
    expect(app).toContain(`<Application>${GENERATOR}</Application>`);
    // Word opens nothing whose AppVersion is not `\d+\.\d{4}`.
    expect(app).toMatch(/<AppVersion>\d+\.\d{4}<\/AppVersion>/);
  });

  it('opens in LibreOffice as one A4 landscape page holding every sentence of the seed in reading order (pdf.js and pdftotext)', async () => {
    // LibreOffice's PDF of the Word file (its tagged export, made once per fork: helpers.ts).
    const file = (await r5SampleTagged()).summary;
    const { pages, size, text } = await pdfText(readFileSync(file));
    expect(pages).toBe(1);
    expect(size).toEqual([842, 595]);
    // Reading order is the model's: title, 位置づけ, 基本方針, then each column, title first.
    const reference = squash(modelText(documentOf(PLAN)));
    for (const read of [text, run('pdftotext', ['-enc', 'UTF-8', file, '-'])]) {
      expect(orderOf(seedSentences(), reference, squash(read))).toEqual({ missing: [], outOfOrder: [] });
    }
  });
});

describe('reproducible output', () => {
  it('gives the same bytes when built again', async () => {
    const again = tempDir();
    const r = await buildSummary(PLAN, again);
    expect(r.problems).toEqual([]);
    expect(readFileSync(join(again, 'summary.pdf')).equals(pdf)).toBe(true);
    expect(readFileSync(join(again, 'summary.docx')).equals(docx)).toBe(true);
  });
});
