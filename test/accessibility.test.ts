import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { outlineRanks, runsText, walkBlocks, walkRuns, type Block, type Column, type Document, type Run } from '../src/document/ir.js';
import { KINDS } from '../src/documents/index.js';
import { makeDocument } from '../src/check/plan-set.js';
import { diffPlans } from '../src/pipeline/compare.js';
import {
  context, docxPart, documentOf, libreOfficeConvert, markedText, modelText, orderOf, r5Sample, r5SampleTagged, renderBoth, run, seedSentences, squash, TAGGED_PDF, tempDir,
} from './helpers.js';

// Accessible and archival publication, checked the way a PDF/UA or PDF/A validator would for what
// the documents use (none is packaged here), by opening the files with the programs readers use:
// pdf.js (the structure tree and the marked content of the text), poppler (pdfinfo's tagged reading
// order), qpdf (the catalog, the outline, the XMP metadata, the content streams operator by operator).

const PLAN = 'plans/r5';
const DIFF = 'test/fixtures/diff';

interface Made {
  pdf: string;
  docx: Buffer;
  html: string;
  doc: Document;
}

const made: Record<'summary' | 'tokyo' | 'hokkaido' | 'comparison', Made> = {} as never;

beforeAll(async () => {
  // The summary and the handouts as the build makes them, made once per fork (helpers.ts).
  const sample = await r5Sample();
  expect(sample.problems).toEqual([]);
  const dir = tempDir();
  const compared = await diffPlans({ old: join(DIFF, 'base'), new: join(DIFF, 'all-edits'), outDir: dir, defaultDir: PLAN, cwd: process.cwd() }, context);
  expect(compared.problems).toEqual([]);
  // The comparison's model, made as `shien diff` makes it.
  const [instance] = KINDS.comparison.instances({ documents: compared.compared!, order: context().theme.comparison.order });
  const comparison = makeDocument(KINDS.comparison.template, instance.context!, context()).doc!;
  const of = (stem: string, doc: Document): Made => {
    const file = (ext: string) => (stem === 'comparison' ? join(dir, `${stem}.${ext}`) : sample.file(stem, ext));
    return { pdf: file('pdf'), docx: readFileSync(file('docx')), html: readFileSync(file('html'), 'utf8'), doc };
  };
  made.summary = of('summary', documentOf(PLAN));
  made.tokyo = of('handouts/13-tokyo', documentOf(PLAN, 'handouts/13-tokyo'));
  made.hokkaido = of('handouts/01-hokkaido', documentOf(PLAN, 'handouts/01-hokkaido'));
  made.comparison = of('comparison', comparison);
});

// ---- pdf.js ---------------------------------------------------------------------------------

interface Node {
  role?: string;
  alt?: string;
  type?: 'content' | 'annotation' | 'object';
  id?: string;
  children?: Node[];
}

interface Tagged {
  /** The structure tree of each page, as pdf.js gives it to assistive technology. */
  trees: Node[];
  /** The text of each marked-content sequence of the tree, by pdf.js's id of it. */
  marked: Map<string, string>;
  /** Text drawn as artifacts, and text in neither (must be none). */
  artifacts: string[];
  untagged: string[];
  /** Text in a sequence the tree does not hold, or in a sequence inside another. */
  orphaned: string[];
  nested: string[];
  annotations: { id: string; subtype: string; url?: string; contents?: string; structParent?: number }[];
}

async function readTagged(file: string): Promise<Tagged> {
  const pdf = await (await import('./pdfjs.js')).openPdf(readFileSync(file));
  const out: Tagged = { trees: [], marked: new Map(), artifacts: [], untagged: [], orphaned: [], nested: [], annotations: [] };
  for (let i = 1; i <= pdf.numPages; i++) {
    const page = await pdf.getPage(i);
    const tree = (await page.getStructTree()) as unknown as Node;
    out.trees.push(tree);
    const ids = new Set<string>();
    const collect = (n: Node) => {
      if (n.type === 'content' && n.id) ids.add(n.id);
      n.children?.forEach(collect);
    };
    collect(tree);
    const content = await page.getTextContent({ includeMarkedContent: true });
    for (const { str, stack } of markedText(content.items)) {
      const top = stack[stack.length - 1];
      if (stack.length > 1) out.nested.push(str);
      if (!top) out.untagged.push(str);
      else if (top.tag === 'Artifact') out.artifacts.push(str);
      else if (top.id && ids.has(top.id)) out.marked.set(top.id, (out.marked.get(top.id) ?? '') + str);
      else out.orphaned.push(str);
    }
    for (const a of await page.getAnnotations()) {
      out.annotations.push({ id: a.id, subtype: a.subtype, url: a.url, contents: a.contentsObj?.str, structParent: a.structParent });
    }
  }
  await pdf.destroy();
  return out;
}

/** Every element of the trees, each with its parent's role, in reading order. */
function elements(t: Tagged): { node: Node; parent?: string }[] {
  const out: { node: Node; parent?: string }[] = [];
  const visit = (n: Node, parent?: string) => {
    if (n.role) out.push({ node: n, parent });
    n.children?.forEach((c) => visit(c, n.role ?? parent));
  };
  t.trees.forEach((tree) => visit(tree));
  return out;
}

/** The text an element holds, in order. */
function textOf(t: Tagged, n: Node): string {
  if (n.type === 'content') return t.marked.get(n.id!) ?? '';
  return (n.children ?? []).map((c) => textOf(t, c)).join('');
}

const headings = (t: Tagged) => elements(t).filter((e) => /^H\d$/.test(e.node.role!)).map((e) => `${e.node.role} ${squash(textOf(t, e.node))}`);

/** The model's titles in reading order, at the levels its outline gives them (document/ir.ts). */
function modelHeadings(doc: Document): string[] {
  const ranks = outlineRanks(doc);
  const out = [`H1 ${squash(runsText(doc.title))}`];
  const titled = (part: Block | Column, runs: readonly Run[]) => out.push(`H${ranks.get(part)} ${squash(runsText(runs))}`);
  const visit = (b: Block): void => {
    if (b.kind === 'heading') titled(b, b.runs);
    if (b.kind === 'box') {
      titled(b, b.title);
      b.children.forEach(visit);
    }
    if (b.kind === 'columns') {
      for (const c of b.columns) {
        titled(c, c.title);
        c.children.forEach(visit);
      }
    }
    if (b.kind === 'list') for (const it of b.items) it.children.forEach(visit);
    if (b.kind === 'table') for (const cell of [...b.header, ...b.rows.flat()]) cell.children.forEach(visit);
  };
  doc.body.forEach(visit);
  return out;
}

// ---- poppler and qpdf -----------------------------------------------------------------------

/**
 * `pdfinfo -struct-text` of a file, run once per file: poppler goes through a page's content once
 * for each element of its tree, seconds for our summary, and several checks read the same files.
 */
const popplerTree = new Map<string, string>();
const structTextOf = (file: string) => {
  if (!popplerTree.has(file)) popplerTree.set(file, run('pdfinfo', ['-struct-text', file]));
  return popplerTree.get(file)!;
};

/** The strings of `pdfinfo -struct-text`: poppler's reading of the whole tree, in order. */
const structText = (file: string) => [...structTextOf(file).matchAll(/^\s*"(.*)"$/gm)].map((m) => m[1]).join('');

type Json = Record<string, unknown>;

function qpdf(file: string) {
  const objects = (JSON.parse(run('qpdf', ['--json', '--json-key=qpdf', '--json-stream-data=inline', file])) as { qpdf: [unknown, Record<string, Json>] }).qpdf[1];
  const object = (ref: unknown): Json => {
    const o = objects[`obj:${String(ref)}`];
    if (!o) throw new Error(`no object ${String(ref)}`);
    return (o.value ?? o.stream) as Json;
  };
  const value = (v: unknown): unknown => (typeof v === 'string' && / R$/.test(v) ? object(v) : v);
  const dict = (v: unknown): Json => {
    const r = value(v) as Json;
    return (r.dict as Json) ?? r;
  };
  const data = (v: unknown) => Buffer.from(String((value(v) as Json).data), 'base64').toString('utf8');
  const root = dict((objects.trailer.value as Json)['/Root']);
  const pages = (dict(root['/Pages'])['/Kids'] as string[]).map(dict);
  return { objects, root, pages, dict, value, data };
}

/** The outline's titles, nested titles indented by their depth. */
function outline(q: ReturnType<typeof qpdf>): string[] {
  const out: string[] = [];
  const visit = (first: unknown, depth: number) => {
    for (let item = first; item;) {
      const d = q.dict(item);
      out.push('  '.repeat(depth) + String(d['/Title']).replace(/^u:/, ''));
      if (d['/First']) visit(d['/First'], depth + 1);
      item = d['/Next'];
    }
  };
  const outlines = q.root['/Outlines'];
  if (outlines) visit(q.dict(outlines)['/First'], 0);
  return out;
}

const PAINTING = new Set(['Tj', 'TJ', "'", '"', 'f', 'F', 'f*', 'S', 's', 'B', 'B*', 'b', 'b*', 'sh', 'Do', 'BI']);

/**
 * Every painting operator of a content stream, by where it stands: in a tagged sequence, in an
 * artifact, in none, or in a sequence inside another (PDF/UA: content is either real and tagged,
 * or an artifact, never both and never neither).
 */
function painting(content: string): { tagged: number; artifact: number; untagged: number; nested: number } {
  const counts = { tagged: 0, artifact: 0, untagged: 0, nested: 0 };
  const stack: string[] = [];
  let firstName: string | undefined;
  let i = 0;
  while (i < content.length) {
    const c = content[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '%') { while (i < content.length && content[i] !== '\n') i++; continue; }
    if (c === '(') {
      for (let depth = 0; i < content.length; i++) {
        if (content[i] === '\\') { i++; continue; }
        if (content[i] === '(') depth++;
        if (content[i] === ')' && --depth === 0) { i++; break; }
      }
      continue;
    }
    if (content.startsWith('<<', i) || content.startsWith('>>', i)) { i += 2; continue; }
    if (c === '<') { i = content.indexOf('>', i) + 1; continue; }
    if ('[]{}'.includes(c)) { i++; continue; }
    const m = /^[^\s()<>[\]{}/%]+|^\/[^\s()<>[\]{}/%]*/.exec(content.slice(i, i + 200))!;
    const token = m[0];
    i += token.length;
    if (token.startsWith('/')) { firstName ??= token.slice(1); continue; }
    if (/^[+-]?(\d|\.\d)/.test(token) || token === 'true' || token === 'false' || token === 'null') continue;
    if (token === 'BMC' || token === 'BDC') stack.push(firstName ?? '');
    else if (token === 'EMC') stack.pop();
    else if (PAINTING.has(token)) {
      if (!stack.length) counts.untagged++;
      else if (stack.length > 1) counts.nested++;
      else if (stack[0] === 'Artifact') counts.artifact++;
      else counts.tagged++;
    }
    firstName = undefined;
  }
  return counts;
}

// ---- the checks -----------------------------------------------------------------------------

const NAMES = ['summary', 'tokyo', 'hokkaido', 'comparison'] as const;

describe('tagged PDF: the structure tree mirrors the document model', () => {
  for (const name of NAMES) {
    describe(name, () => {
      let t: Tagged;
      beforeAll(async () => {
        t = await readTagged(made[name].pdf);
      });

      it('has every piece of text inside a sequence of the tree or an artifact: none untagged', () => {
        expect(t.untagged).toEqual([]);
        expect(t.orphaned).toEqual([]);
        expect(t.nested).toEqual([]);
        expect(t.marked.size).toBeGreaterThan(0);
      });

      it('reads, in the tree’s order, exactly the model’s text (pdf.js and poppler)', () => {
        const expected = squash(modelText(made[name].doc));
        const tree = t.trees.map((tree) => textOf(t, tree)).join('');
        expect(squash(tree)).toBe(expected);
        expect(squash(structText(made[name].pdf))).toBe(expected);
      });

      it('has the model’s headings, at the levels of its outline, none skipped', () => {
        const found = headings(t);
        expect(found).toEqual(modelHeadings(made[name].doc));
        const levels = found.map((h) => Number(h[1]));
        expect(levels[0]).toBe(1);
        for (let k = 1; k < levels.length; k++) expect(levels[k] - levels[k - 1], found[k]).toBeLessThanOrEqual(1);
      });

      it('has the same headings at the same levels in the HTML (<h1>…<h3>), both taken from the model', () => {
        const html = [...made[name].html.matchAll(/<h(\d)\b[^>]*>(.*?)<\/h\1>/gs)].map((m) => `H${m[1]} ${squash(m[2].replace(/<[^>]+>/g, ''))}`);
        expect(html).toEqual(headings(t));
      });

      it('nests as the standard structure types ask: L › LI › Lbl + LBody, Table › TR › TH/TD', () => {
        for (const { node, parent } of elements(t)) {
          const role = node.role!;
          if (role === 'LI') expect(parent).toBe('L');
          if (role === 'Lbl' || role === 'LBody') expect(parent).toBe('LI');
          if (role === 'TR') expect(parent).toBe('Table');
          if (role === 'TH' || role === 'TD') expect(parent).toBe('TR');
          if (role === 'L') expect(node.children!.every((c) => c.role === 'LI')).toBe(true);
          if (role === 'LI') expect(node.children!.map((c) => c.role).join(' ')).toMatch(/^(Lbl )?LBody$/);
        }
      });

      it('gives each QR code a Figure with its alternate text, and each URL a Link with its annotation', () => {
        const doc = made[name].doc;
        const all = elements(t).map((e) => e.node);
        const alts = [...walkBlocks(doc)].flatMap((b) => (b.kind === 'qr' ? [b.alt] : []));
        expect(all.filter((n) => n.role === 'Figure').map((n) => n.alt)).toEqual(alts);
        const urls = [...walkRuns(doc)].flatMap((r) => (r.link ? [r.link] : []));
        const links = all.filter((n) => n.role === 'Link');
        expect(links.map((n) => textOf(t, n))).toEqual(urls);
        // Each Link holds its annotation (an object reference): the one that opens its URL.
        const annotations = new Map(t.annotations.filter((a) => a.subtype === 'Link').map((a) => [a.id, a]));
        expect(links.map((l) => l.children!.filter((c) => c.type === 'object').map((c) => annotations.get(c.id!)?.url))).toEqual(urls.map((u) => [u]));
        expect(annotations.size).toBe(urls.length);
        for (const a of annotations.values()) {
          expect(a.contents).toBeTruthy();
          expect(a.structParent).toBeGreaterThanOrEqual(0);
        }
      });
    });
  }

  it('the summary: title, 位置づけ, 基本方針, then 国, 都道府県等, 中小機構, each column a section with its lists', async () => {
    const t = await readTagged(made.summary.pdf);
    expect(headings(t)).toEqual([
      'H1 令和５年度中小企業支援計画の概要（案）',
      'H2 ＜中小企業支援計画の位置づけ＞',
      'H2 １．支援に関する基本方針',
      'H2 ２．中小企業支援事業',
      'H3 《国の事業》',
      'H3 【中小企業支援法第３条第１項に定義する中小企業支援事業】',
      'H3 【令和５年度予算等に基づく中小企業支援事業】',
      'H3 《都道府県等の事業》',
      'H3 《独立行政法人中小企業基盤整備機構の事業》',
    ]);
    const doc = t.trees[0].children![0];
    expect(doc.role).toBe('Document');
    expect(doc.children!.map((c) => c.role)).toEqual(['H1', 'Sect', 'Sect', 'Sect']);
    const support = doc.children![3];
    expect(support.children!.map((c) => c.role)).toEqual(['H2', 'Sect', 'Sect', 'Sect']);
    expect(support.children!.slice(1).map((s) => squash(textOf(t, s.children![0])))).toEqual([
      '《国の事業》', '《都道府県等の事業》', '《独立行政法人中小企業基盤整備機構の事業》',
    ]);
    // The programmes of a category are read inside its item's body, after its title.
    const item = elements(t).find((e) => e.node.role === 'LBody' && textOf(t, e.node).startsWith('経営の診断又は経営に関する助言を行う事業（中小企業・'))!;
    expect(item.node.children!.map((c) => c.role ?? c.type)).toEqual(['content', 'P']);
    // The seed's pieces, in the model's reading order, through poppler's reading of the tags.
    const order = orderOf(seedSentences(), squash(modelText(made.summary.doc)), squash(structText(made.summary.pdf)));
    expect(order).toEqual({ missing: [], outOfOrder: [] });
  });

  it('a handout without data: its notice is a section under the band it belongs to', async () => {
    const t = await readTagged(made.hokkaido.pdf);
    expect(headings(t).slice(-2)).toEqual(['H2 ３．北海道の中小企業支援事業', 'H3 ＜北海道の情報について＞']);
    const band = t.trees[0].children![0].children!.at(-1)!;
    expect(band.children!.map((c) => c.role)).toEqual(['H2', 'Sect']);
  });

  it('marks, watermark and page numbers are drawn, as artifacts', async () => {
    const summary = await readTagged(made.summary.pdf);
    expect(summary.artifacts.join('')).toContain(context().theme.marks.draft);
    const tokyo = await readTagged(made.tokyo.pdf);
    expect(tokyo.artifacts.join('')).toContain(context().theme.marks.sample);
    expect(squash(tokyo.artifacts.join(''))).toContain('-1-');
  });
});

describe('tagged PDF: what poppler and qpdf find in the files', () => {
  for (const name of NAMES) {
    it(`${name}: PDF 1.7, tagged, /Lang ja, DisplayDocTitle, outline, XMP with pdfuaid and pdfaid, sRGB intent, every painting tagged or an artifact`, () => {
      const { pdf: file, doc } = made[name];
      const info = run('pdfinfo', [file]);
      expect(info).toMatch(/^Tagged:\s+yes$/m);
      expect(info).toMatch(/^PDF version:\s+1\.7$/m);
      expect(info).toMatch(/^Metadata Stream:\s+yes$/m);
      expect(run('qpdf', ['--check', file])).toMatch(/No syntax or stream encoding errors found/);

      const q = qpdf(file);
      expect(q.root['/Lang']).toBe('u:ja');
      expect(q.dict(q.root['/MarkInfo'])['/Marked']).toBe(true);
      expect(q.dict(q.root['/ViewerPreferences'])['/DisplayDocTitle']).toBe(true);
      expect(q.dict(q.root['/StructTreeRoot'])['/Type']).toBe('/StructTreeRoot');
      // Bookmarks: the headings, nested under the title as they rank.
      expect(outline(q).map((m) => m.replace(/^( *)(.*)$/, (_, pad: string, title: string) => `H${pad.length / 2 + 1} ${squash(title)}`)))
        .toEqual(modelHeadings(doc));

      const xmp = q.data(q.root['/Metadata']);
      expect(xmp).toContain('<pdfuaid:part>1</pdfuaid:part>');
      expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
      expect(xmp).toContain('<pdfaid:conformance>A</pdfaid:conformance>');
      expect(xmp).toContain('<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>');
      expect(xmp).toContain(`<rdf:li xml:lang="x-default">${doc.meta.title}</rdf:li>`);
      expect(xmp).toContain(`<dc:creator><rdf:Seq><rdf:li>${doc.meta.author}</rdf:li></rdf:Seq></dc:creator>`);
      expect(xmp).toContain('<dc:language><rdf:Bag><rdf:li>ja</rdf:li></rdf:Bag></dc:language>');
      expect(xmp).toMatch(/<xmp:ModifyDate>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<\/xmp:ModifyDate>/);
      const intents = q.root['/OutputIntents'] as string[];
      expect(intents).toHaveLength(1);
      const intent = q.dict(intents[0]);
      expect(intent['/S']).toBe('/GTS_PDFA1');
      expect(q.dict(intent['/DestOutputProfile'])['/N']).toBe(3);

      for (const page of q.pages) {
        const annots = (page['/Annots'] as string[] | undefined)?.map(q.dict) ?? [];
        if (annots.length) expect(page['/Tabs']).toBe('/S');
        for (const a of annots) {
          expect(a['/StructParent']).toEqual(expect.any(Number));
          expect(a['/F']).toBe(4);
        }
        const counts = painting(q.data(page['/Contents']));
        expect(counts.untagged).toBe(0);
        expect(counts.nested).toBe(0);
        expect(counts.tagged).toBeGreaterThan(0);
        expect(counts.artifact).toBeGreaterThan(0);
      }
    });
  }
});

describe('tagged PDF: a table that runs onto a second page', () => {
  it('has its header row as content where it first stands and as an artifact where it is repeated', async () => {
    const doc: Document = {
      meta: { title: '長い表', author: '中小企業庁', subject: '長い表', language: 'ja', date: '2023-03-31' },
      page: { orientation: 'portrait', pageNumbers: true },
      draft: false,
      sample: false,
      title: [{ text: '長い表' }],
      body: [{
        kind: 'table',
        widths: [1, 3],
        header: [{ children: [{ kind: 'paragraph', runs: [{ text: '番号' }] }] }, { children: [{ kind: 'paragraph', runs: [{ text: '内容' }] }] }],
        rows: Array.from({ length: 70 }, (_, i) => [
          { children: [{ kind: 'paragraph' as const, runs: [{ text: `第${i + 1}行` }] }] },
          { children: [{ kind: 'paragraph' as const, runs: [{ text: `行${i + 1}の内容。` }] }] },
        ]),
      }],
    };
    const { pdf } = await renderBoth(doc);
    const file = join(tempDir(), 'long.pdf');
    (await import('node:fs')).writeFileSync(file, pdf);
    expect(run('pdfinfo', [file])).toMatch(/^Pages:\s+[2-9]$/m);
    const t = await readTagged(file);
    expect(t.untagged).toEqual([]);
    expect(t.orphaned).toEqual([]);
    expect(squash(structText(file))).toBe(squash(modelText(doc)));
    // The repeated header is drawn on the later pages, as pagination.
    const pages = Number(/^Pages:\s+(\d)$/m.exec(run('pdfinfo', [file]))![1]);
    expect(t.artifacts.join('').split('番号内容')).toHaveLength(pages);
    expect((run('pdfinfo', ['-struct', file]).match(/^\s+TH/gm) ?? []).length).toBe(2);
  });
});

// ---- Word, through LibreOffice ----------------------------------------------------------------

interface StructLine {
  role: string;
  depth: number;
  text: string;
  children: StructLine[];
  parent?: StructLine;
}

/** `pdfinfo -struct-text` as a tree: each element with its own text and its children. */
function structTree(file: string): StructLine {
  const root: StructLine = { role: '', depth: -1, text: '', children: [] };
  let last = root;
  for (const line of structTextOf(file).split('\n')) {
    const el = /^( *)([A-Za-z0-9]+)(?: \((?:block|inline)\))?:?$/.exec(line);
    const text = /^\s*"(.*)"$/.exec(line);
    if (el) {
      const depth = el[1].length / 2;
      let parent = last;
      while (parent.depth >= depth) parent = parent.parent!;
      last = { role: el[2], depth, text: '', children: [], parent };
      parent.children.push(last);
    } else if (text) last.text += text[1];
  }
  return root;
}

const flatten = (n: StructLine): StructLine[] => [n, ...n.children.flatMap(flatten)];
const allText = (n: StructLine): string => n.text + n.children.map(allText).join('');

describe('Word, read through LibreOffice as Word’s stand-in', () => {
  let tagged: Record<string, string>;
  let fodt: string;
  beforeAll(async () => {
    // The summary's and the handouts' tagged PDF are made once per fork (helpers.ts); one LibreOffice
    // start for the comparison's, one for the Tokyo handout as ODF.
    const sample = await r5SampleTagged();
    tagged = {
      summary: sample.summary,
      tokyo: sample['handouts/13-tokyo'],
      hokkaido: sample['handouts/01-hokkaido'],
      comparison: libreOfficeConvert({ comparison: made.comparison.docx }, TAGGED_PDF).comparison,
    };
    fodt = readFileSync(libreOfficeConvert({ tokyo: made.tokyo.docx }, 'fodt').tokyo, 'utf8');
  }, 240_000);

  it('reads the summary in the model’s order: every seed sentence, each column title with its column (pdftotext)', () => {
    const reference = squash(modelText(made.summary.doc));
    expect(orderOf(seedSentences(), reference, squash(run('pdftotext', ['-enc', 'UTF-8', tagged.summary, '-'])))).toEqual({ missing: [], outOfOrder: [] });
    const cells = flatten(structTree(tagged.summary)).filter((n) => n.role === 'TD' && n.children[0]?.role === 'H2');
    expect(cells.map((c) => squash(allText(c.children[0])))).toEqual(['《国の事業》', '《都道府県等の事業》', '《独立行政法人中小企業基盤整備機構の事業》']);
    // LibreOffice writes the bullet as text of the item.
    expect(squash(allText(cells[0]))).toMatch(/^《国の事業》●?よろず支援拠点/);
  });

  for (const name of NAMES) {
    it(`${name}: headings in order, from Heading 1, none skipped`, () => {
      const levels = flatten(structTree(tagged[name])).filter((n) => /^H\d$/.test(n.role)).map((n) => Number(n.role[1]));
      const expected = modelHeadings(made[name].doc).slice(1).map((h) => Number(h[1]) - 1);
      expect(levels).toEqual(expected);
      if (levels.length) expect(levels[0]).toBe(1);
      for (let k = 1; k < levels.length; k++) expect(levels[k] - levels[k - 1]).toBeLessThanOrEqual(1);
    });

    it(`${name}: a list item keeps what is under it (the programmes in （…）)`, () => {
      const items = flatten(structTree(tagged[name])).filter((n) => n.role === 'LI');
      const under = [...walkBlocks(made[name].doc)].flatMap((b) => (b.kind === 'list' ? b.items : []))
        .filter((it) => it.children.length)
        .map((it) => ({ item: squash(runsText(it.runs)), under: it.children.map((c) => (c.kind === 'paragraph' ? squash(runsText(c.runs)) : '')).join('') }));
      for (const { item, under: text } of under) {
        const li = items.find((n) => squash(allText(n)).includes(item + text));
        expect(li, `${item}${text}`).toBeDefined();
      }
      if (name !== 'comparison') expect(under.length).toBeGreaterThan(0);
    });

    it(`${name}: Normal is the default style and no style is left unused`, async () => {
      const zip = await JSZip.loadAsync(made[name].docx);
      const parts = new Map<string, string>();
      for (const f of Object.keys(zip.files)) if (/\.xml$/.test(f)) parts.set(f, await zip.file(f)!.async('string'));
      const styles = parts.get('word/styles.xml')!;
      expect(styles).toContain('<w:style w:type="paragraph" w:default="1" w:styleId="Normal">');
      const used = new Set<string>();
      for (const [f, xml] of parts) {
        const refs = f === 'word/styles.xml' ? /<w:(?:basedOn|next|link) w:val="([^"]*)"\/>/g : /<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]*)"\/>/g;
        for (const m of xml.matchAll(refs)) used.add(m[1]);
      }
      const defined = [...styles.matchAll(/w:styleId="([^"]*)"/g)].map((m) => m[1]);
      expect(defined.filter((id) => !used.has(id) && id !== 'Normal')).toEqual([]);
      for (const gone of ['Heading3', 'Heading4', 'Strong', 'FootnoteText', 'EndnoteText']) expect(defined).not.toContain(gone);
    });

    it(`${name}: pictures described as in the PDF, URLs as hyperlinks`, async () => {
      const doc = made[name].doc;
      const xml = await docxPart(made[name].docx);
      const alts = [...walkBlocks(doc)].flatMap((b) => (b.kind === 'qr' ? [b.alt] : []));
      expect([...xml.matchAll(/<wp:docPr [^>]*descr="([^"]*)"/g)].map((m) => m[1])).toEqual(alts);
      const urls = [...walkRuns(doc)].flatMap((r) => (r.link ? [r.link] : []));
      const rels = await docxPart(made[name].docx, 'word/_rels/document.xml.rels');
      const targets = [...xml.matchAll(/<w:hyperlink [^>]*r:id="([^"]*)"/g)].map((m) => new RegExp(`Id="${m[1]}"[^>]*Target="([^"]*)"[^>]*TargetMode="External"`).exec(rels)?.[1]);
      expect(targets).toEqual(urls);
      // LibreOffice reads them so: its tagged PDF has the same figures' alternate text (pdf.js does not
      // show LibreOffice's figures, qpdf does) and the links.
      const q = qpdf(tagged[name]);
      const figures = Object.values(q.objects).map((o) => (o.value ?? {}) as Json).filter((o) => o['/S'] === '/Figure');
      expect(figures.map((f) => String(f['/Alt']).replace(/^u:/, '')).sort()).toEqual([...alts].sort());
      const lo = await readTagged(tagged[name]);
      expect(lo.annotations.filter((a) => a.subtype === 'Link').map((a) => a.url).sort()).toEqual([...urls].sort());
    });
  }

  it('has the 見本 watermark as a shape behind the text on every page, as Word’s watermark feature makes it', async () => {
    const zip = await JSZip.loadAsync(made.tokyo.docx);
    const document = await zip.file('word/document.xml')!.async('string');
    const headers = [...document.matchAll(/<w:headerReference w:type="(\w+)" r:id="([^"]*)"\/>/g)];
    expect(headers.map((h) => h[1]).sort()).toEqual(['default', 'first']);
    const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
    for (const [, , id] of headers) {
      const target = new RegExp(`Id="${id}"[^>]*Target="([^"]*)"`).exec(rels)![1];
      const header = await zip.file(`word/${target}`)!.async('string');
      expect(header).toMatch(/<v:shape id="PowerPlusWaterMarkObject1"[^>]*type="#_x0000_t136"[^>]*style="[^"]*z-index:-\d+/);
      expect(header).toContain(`string="${context().theme.marks.sample}"`);
    }
    // LibreOffice reads it as a text shape that runs behind the text.
    const shape = /<draw:custom-shape[^>]*draw:name="PowerPlusWaterMarkObject1"[^>]*draw:style-name="([^"]+)"[\s\S]*?<\/draw:custom-shape>/.exec(fodt)!;
    expect(shape[0]).toContain(context().theme.marks.sample);
    expect(shape[0]).toContain('draw:type="fontwork-plain-text"');
    expect(new RegExp(`style:name="${shape[1]}" style:family="graphic">\\s*<style:graphic-properties [^>]*style:run-through="background"`).test(fodt)).toBe(true);
    const hokkaido = await docxPart(made.hokkaido.docx, 'word/document.xml');
    expect(hokkaido).not.toContain('PowerPlusWaterMarkObject');
  });

  it('puts the 案 mark on the first page, at least 5 mm inside the paper’s edges', () => {
    const MM5 = (5 * 72) / 25.4;
    for (const name of ['summary', 'tokyo'] as const) {
      const [w, h] = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(run('pdfinfo', [tagged[name]]))!.slice(1).map(Number);
      const marks = [...run('pdftotext', ['-bbox', '-f', '1', '-l', '1', tagged[name], '-']).matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">案<\/word>/g)]
        .map((m) => m.slice(1).map(Number));
      expect(marks, name).toHaveLength(1);
      const [x0, y0, x1, y1] = marks[0];
      expect(Math.min(x0, y0, w - x1, h - y1), name).toBeGreaterThanOrEqual(MM5);
    }
  });
});
