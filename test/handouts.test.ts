import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildReport } from '../src/pipeline/build.js';
import { checkDigit, LocalPlan, Registry } from '../src/plan/jurisdiction.js';
import { fileStem } from '../src/plan/files.js';
import { loadYaml } from '../src/core/yaml.js';
import JSZip from 'jszip';
import { exitCodeOf } from '../src/core/problem.js';
import { checkPlan, context, docxPart, libreOfficeConvert, pdfText, r5Sample, run, TAGGED_PDF, tempDir } from './helpers.js';
import { drawn, mm, union, type DrawnPage } from './drawn.js';
import { readPdf } from './pdfjs.js';
import { pageMargins } from '../src/theme/furniture.js';
import { nothingWrong, spacingFaults, twipPerCharacter, typeset, typographyOf, wordBreaks, type Typeset } from './typeset.js';

const PLAN = 'plans/r5';

describe('the registry of 都道府県等', () => {
  const r = loadYaml('plans/jurisdictions.yaml', Registry);
  const list = r.value!.jurisdictions;

  it('is valid and has 67 entries: 47 prefectures in code order, then 20 designated cities', () => {
    expect(r.problems).toEqual([]);
    expect(list).toHaveLength(67);
    const prefectures = list.filter((j) => j.kind === 'prefecture');
    expect(prefectures.map((j) => j.code)).toEqual(Array.from({ length: 47 }, (_, i) => String(i + 1).padStart(2, '0')));
    expect(list.slice(0, 47)).toEqual(prefectures);
    expect(list.filter((j) => j.kind === 'city')).toHaveLength(20);
  });

  it('has unique codes, slugs and names, and valid check digits', () => {
    for (const key of ['code', 'slug', 'name'] as const) expect(new Set(list.map((j) => j[key])).size).toBe(67);
    for (const j of list.filter((x) => x.kind === 'city')) expect(Number(j.code[5])).toBe(checkDigit(j.code.slice(0, 5)));
    expect(list.find((j) => j.code === '13')).toMatchObject({ name: '東京都', slug: 'tokyo' });
    expect(list.find((j) => j.code === '011002')).toMatchObject({ name: '札幌市', slug: 'sapporo', prefecture: '01' });
  });

  it('rejects a wrong check digit and a duplicate slug', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'r.yaml'), [
      'jurisdictions:',
      '  - {code: "01", kind: prefecture, name: 北海道, kana: ほっかいどう, slug: hokkaido}',
      '  - {code: "011003", kind: city, name: 札幌市, kana: さっぽろし, slug: hokkaido, prefecture: "01"}',
    ].join('\n'));
    const bad = loadYaml(join(dir, 'r.yaml'), Registry);
    expect(bad.problems.map((p) => `${p.place?.line} ${p.code}`).sort()).toEqual(['3 plan/duplicate-id', '3 plan/invalid-code']);
  });
});

describe('all handouts, in one batch', () => {
  let out: string;
  let report: BuildReport;
  /** LibreOffice's tagged PDF of each Word file, by stem: one soffice run for all 67. */
  let word: Record<string, string>;
  beforeAll(async () => {
    out = tempDir();
    report = await build({ planDir: PLAN, outDir: out, only: 'handouts', workers: 2 }, context);
    const stems = readdirSync(join(out, 'handouts')).filter((f) => f.endsWith('.docx')).map((f) => f.replace(/\.docx$/, ''));
    // Its tagged PDF export says which paragraph a line is of.
    word = libreOfficeConvert(Object.fromEntries(stems.map((s) => [s, readFileSync(join(out, 'handouts', `${s}.docx`))])), TAGGED_PDF);
  });

  it('makes 67 handouts as PDF, Word and HTML, named <code>-<slug>', () => {
    expect(report.problems).toEqual([]);
    expect(report.documents.filter((d) => d.problems.length)).toEqual([]);
    const files = readdirSync(join(out, 'handouts'));
    expect(files).toHaveLength(201);
    expect(files).toContain('13-tokyo.pdf');
    expect(files).toContain('011002-sapporo.docx');
    expect(files).toContain('01-hokkaido.html');
  });

  it('every PDF is A4 portrait, at most two pages, fonts embedded, with its jurisdiction’s name', () => {
    const list = loadYaml('plans/jurisdictions.yaml', Registry).value!.jurisdictions;
    for (const j of list) {
      const file = join(out, 'handouts', `${j.code}-${j.slug}.pdf`);
      const fonts = run('pdffonts', [file]).split('\n').slice(2).filter(Boolean);
      expect(fonts.length).toBeGreaterThan(0);
      for (const f of fonts) expect(f, j.name).toMatch(/\syes\s+yes\s+yes\s/);
    }
  });

  /**
   * Each handout's PDF and LibreOffice's rendering of its Word file as pdf.js reads them, for the two
   * tests below: each file opened once, as pdf.js then parses its pages and fonts once.
   */
  interface Reading { pdf: Typeset; spacing: Awaited<ReturnType<typeof spacingFaults>>; pdfPages: DrawnPage[]; word: Typeset; wordPages: DrawnPage[] }
  let readings: Promise<Map<string, Reading>> | undefined;
  const read = () =>
    (readings ??= (async () => {
      const maxSpread = context().theme.maxSpread;
      const all = new Map<string, Reading>();
      for (const stem of Object.keys(word)) {
        const [pdf, spacing, pdfPages] = await readPdf(readFileSync(join(out, 'handouts', `${stem}.pdf`)), async (doc) => [await typeset(doc), await spacingFaults(doc, maxSpread), await drawn(doc, { paths: false })] as const);
        const [lo, wordPages] = await readPdf(readFileSync(word[stem]), async (doc) => [await typeset(doc), await drawn(doc, { paths: false })] as const);
        all.set(stem, { pdf, spacing, pdfPages, word: lo, wordPages });
      }
      return all;
    })());

  it('is set as a ministry would publish it, in the PDF and in LibreOffice\'s rendering of the Word file (test/typography.test.ts says how)', async () => {
    const stems = Object.keys(word);
    expect(stems).toHaveLength(67);
    const models = new Map(checkPlan(PLAN).set!.documents.map((d) => [d.instance.stem, d.doc!]));
    const names = new Map(loadYaml('plans/jurisdictions.yaml', Registry).value!.jurisdictions.map((j) => [`${j.code}-${j.slug}`, j.name]));
    const all = await read();
    for (const stem of stems) {
      const { pdf, spacing, word: lo } = all.get(stem)!;
      // A4 portrait, at most two pages, its jurisdiction's name in the title, a page number.
      expect([Math.round(pdf.width), Math.round(pdf.height)], stem).toEqual([595, 842]);
      expect(pdf.pages, stem).toBeLessThanOrEqual(2);
      expect(pdf.lines[0].text, stem).toContain(`（${names.get(stem)}版）`);
      expect(typographyOf(stem, pdf)).toEqual(nothingWrong(stem));
      expect(lo.pages, stem).toBeLessThanOrEqual(2);
      expect(typographyOf(stem, lo, { breaks: wordBreaks(models.get(`handouts/${stem}`)!), tolerance: twipPerCharacter })).toEqual(nothingWrong(stem));
      expect(spacing, stem).toEqual({ squeezed: [], spread: [], tracked: 0 });
    }
  }, 120_000);

  it('every page number of every handout stands at least 10 mm from the paper\'s edge, clear of the text, in the PDF and in LibreOffice\'s rendering of the Word file', async () => {
    const bottom = pageMargins(context().theme, { orientation: 'portrait', pageNumbers: true })[2];
    const wrong: string[] = [];
    const all = await read();
    for (const stem of Object.keys(word)) {
      for (const [format, pages] of [['pdf', all.get(stem)!.pdfPages], ['word', all.get(stem)!.wordPages]] as const) {
        pages.forEach((page, i) => {
          const number = page.texts.filter((t) => t.top <= bottom);
          const rest = page.texts.filter((t) => t.top > bottom);
          const text = number.map((t) => t.text).join('').replace(/\s+/g, '');
          const box = number.length ? union(number) : undefined;
          const at = `${stem} ${format} page ${i + 1}`;
          if (text !== `-${i + 1}-`) wrong.push(`${at}: 「${text}」`);
          else if (mm(box!.bottom) < 10 - 0.05) wrong.push(`${at}: ${mm(box!.bottom).toFixed(1)} mm from the edge`);
          else if (Math.min(...rest.map((t) => t.bottom)) - box!.top < 2) wrong.push(`${at}: touches the text`);
        });
      }
    }
    expect(wrong).toEqual([]);
  }, 60_000);

  it('marks sample data with 見本, and says when a jurisdiction has provided nothing', async () => {
    const tokyo = (await pdfText(readFileSync(join(out, 'handouts', '13-tokyo.pdf')))).text;
    expect(tokyo).toContain('見本');
    expect(tokyo).toMatch(/- 1 -/);
    const hokkaido = (await pdfText(readFileSync(join(out, 'handouts', '01-hokkaido.pdf')))).text;
    expect(hokkaido).not.toContain('見本');
    expect(hokkaido).toContain('北海道の事業と相談窓口の情報は、まだ提供されていません。');
  });

  describe('QR codes of the contact points', () => {
    // zbarimg (Debian zbar-tools) reads them as a phone's camera would: from the printed page.
    const decode = (png: string) =>
      run('zbarimg', ['-q', '--raw', png]).split('\n').filter(Boolean).sort();
    const urls = () => {
      const local = loadYaml(join(PLAN, 'jurisdictions', '13-tokyo.yaml'), LocalPlan).value!;
      const list = [local.center, ...local.contacts].map((c) => c.url).filter((u): u is string => Boolean(u)).sort();
      expect(list.length).toBeGreaterThan(1);
      return list;
    };

    it('read back as the URLs from the PDF page', () => {
      const dir = tempDir();
      run('pdftoppm', ['-png', '-r', '200', '-f', '1', '-l', '1', join(out, 'handouts', '13-tokyo.pdf'), join(dir, 'pdf')]);
      expect(decode(join(dir, 'pdf-1.png'))).toEqual(urls());
    });

    it('are in the Word file too, and read back from the page LibreOffice prints', async () => {
      const docx = readFileSync(join(out, 'handouts', '13-tokyo.docx'));
      const zip = await JSZip.loadAsync(docx);
      expect(Object.keys(zip.files).filter((f) => f.startsWith('word/media/') && f.endsWith('.png'))).toHaveLength(urls().length);
      const xml = await zip.file('word/document.xml')!.async('string');
      const ids = [...xml.matchAll(/<wp:docPr id="(\d+)"/g)].map((m) => m[1]);
      expect(new Set(ids).size).toBe(ids.length);
      // Every page LibreOffice prints (a handout may take two).
      const dir = tempDir();
      run('pdftoppm', ['-png', '-r', '200', word['13-tokyo'], join(dir, 'lo')]);
      const pages = readdirSync(dir).filter((f) => /^lo-\d+\.png$/.test(f));
      expect(pages.flatMap((p) => decode(join(dir, p))).sort()).toEqual(urls());
    });
  });
});

describe('one prefecture and one designated city', () => {
  const set = checkPlan(PLAN).set!;
  for (const code of ['13', '011002']) {
    describe(code, () => {
      let dir: string;
      beforeAll(async () => {
        // Its handout as `build --jurisdiction` makes it, made once per fork (helpers.ts).
        const sample = await r5Sample();
        expect(sample.problems).toEqual([]);
        dir = sample.dir;
      });
      it('keeps its model', () => {
        const j = set.registry.find((x) => x.code === code)!;
        expect(set.documents.find((d) => d.instance.stem === `handouts/${fileStem(j)}`)!.doc).toMatchSnapshot();
      });
      it('keeps its PDF text', async () => {
        const file = readdirSync(join(dir, 'handouts')).find((f) => f.startsWith(`${code}-`) && f.endsWith('.pdf'))!;
        expect((await pdfText(readFileSync(join(dir, 'handouts', file)))).text).toMatchSnapshot();
      });
      it('keeps its Word XML', async () => {
        const file = readdirSync(join(dir, 'handouts')).find((f) => f.startsWith(`${code}-`) && f.endsWith('.docx'))!;
        expect(await docxPart(readFileSync(join(dir, 'handouts', file)))).toMatchSnapshot();
      });
    });
  }
});

describe('one bad jurisdiction file', () => {
  it('fails only its own handout, naming the file and line; the others are made', async () => {
    const dir = tempDir();
    cpSync('plans', join(dir, 'plans'), { recursive: true });
    const file = join(dir, 'plans', 'r5', 'jurisdictions', '13-tokyo.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('category: technology', 'category: tecnology'));
    const out = join(dir, 'out');
    const r = await build({ planDir: join(dir, 'plans', 'r5'), outDir: out, jurisdictions: ['13', '01', '011002'], workers: 1 }, context);
    const failed = r.documents.filter((d) => d.problems.length);
    expect(failed.map((d) => d.name)).toEqual(['handouts/13-tokyo']);
    expect(failed[0].problems[0]).toMatchObject({ code: 'plan/unknown-reference', file, place: { line: 20, column: 15 } });
    expect(readdirSync(join(out, 'handouts')).sort()).toEqual([
      '01-hokkaido.docx', '01-hokkaido.html', '01-hokkaido.pdf', '011002-sapporo.docx', '011002-sapporo.html', '011002-sapporo.pdf',
    ]);
  });

  it('an unknown --jurisdiction is a usage error', async () => {
    const r = await build({ planDir: PLAN, outDir: tempDir(), jurisdictions: ['アトランティス'] }, context);
    expect(r.problems.map((p) => p.code)).toEqual(['usage/unknown-jurisdiction']);
    expect(exitCodeOf(r.problems)).toBe(2);
  });
});

