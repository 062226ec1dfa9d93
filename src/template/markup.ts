import { SaxesParser } from 'saxes';
import type { Block, Column, Document, ListItem, ListMarker, Run } from '../document/ir.js';
import { Failure } from '../core/problem.js';

// Templates emit a small XML vocabulary; a real XML parser reads it back, so text from the
// data (escaped by Handlebars) can never turn into structure.

interface El {
  name: string;
  attrs: Record<string, string>;
  children: (El | string)[];
  line: number;
  column: number;
  templateLine?: number;
}

/**
 * Markup that is not a document is the template's mistake: a problem at the template line that
 * produced it (from the markers the engine puts in), with the markup itself as the hint. The engine
 * adds the template's file name.
 */
function markupFailure(message: string, xml: string, line: number, templateLine?: number): Failure {
  const output = xml.split('\n')[line - 1]?.replace(/<\?tl \d+\?>/g, '').trim().slice(0, 120) ?? '';
  return new Failure([{
    severity: 'error',
    code: 'template/bad-markup',
    message,
    ...(templateLine ? { place: { line: templateLine, column: 1 } } : {}),
    hint: `出力されたのは: ${output}`,
  }]);
}

/** `<?tl N?>` marks where template line N begins in the markup (see Templates). */
export const LINE_MARK = 'tl';

function parseXml(xml: string): El {
  const parser = new SaxesParser({ position: true });
  const root: El = { name: '#root', attrs: {}, children: [], line: 1, column: 1 };
  const stack: El[] = [root];
  let templateLine: number | undefined;
  parser.on('error', (e) => {
    throw markupFailure(`テンプレートの出力が XML として正しくありません: ${e.message.replace(/^\d+:\d+: /, '')}`, xml, parser.line, templateLine);
  });
  parser.on('processinginstruction', (pi) => {
    if (pi.target === LINE_MARK) templateLine = Number(pi.body);
  });
  parser.on('opentag', (t) => {
    const el: El = { name: t.name, attrs: t.attributes as Record<string, string>, children: [], line: parser.line, column: parser.column, templateLine };
    stack[stack.length - 1].children.push(el);
    stack.push(el);
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('text', (t) => stack[stack.length - 1].children.push(t));
  parser.write(xml).close();
  const els = root.children.filter((c): c is El => typeof c !== 'string');
  if (els.length !== 1) throw markupFailure('最上位の要素は <document> 一つにしてください。', xml, 1);
  return els[0];
}

// The markup being read, for the hint of a problem: reading is synchronous, one document at a time.
let markup = '';
const fail = (el: El, msg: string): never => {
  throw markupFailure(msg, markup, el.line, el.templateLine);
};

/** Whitespace that contains a line break is template layout, not text: drop it. */
function cleanText(s: string): string {
  return s.replace(/[ \t]*\r?\n[ \t\r\n]*/g, '');
}

function allowAttrs(el: El, allowed: string[]): void {
  for (const a of Object.keys(el.attrs)) {
    if (!allowed.includes(a)) fail(el, `<${el.name}> に属性「${a}」は使えません（使えるもの: ${allowed.join('、') || 'なし'}）。`);
  }
}

function bool(el: El, name: string): boolean {
  const v = el.attrs[name];
  if (v === undefined || v === 'false' || v === '') return false;
  if (v === 'true') return true;
  return fail(el, `<${el.name} ${name}> は true か false です（「${v}」）。`);
}

/** A relative path to a file in the document's own folder: plain names joined by `/`, no `..`, no scheme. */
const isFolderPath = (href: string) => /^[A-Za-z0-9_][A-Za-z0-9._-]*(\/[A-Za-z0-9_][A-Za-z0-9._-]*)*$/.test(href) && !href.split('/').some((s) => /^\.+$/.test(s));

function runsOf(nodes: (El | string)[], style: Omit<Run, 'text'> = {}): Run[] {
  const runs: Run[] = [];
  for (const n of nodes) {
    if (typeof n === 'string') {
      const text = cleanText(n);
      if (text) runs.push({ text, ...style });
    } else if (n.name === 'b' || n.name === 'u') {
      allowAttrs(n, []);
      runs.push(...runsOf(n.children, { ...style, ...(n.name === 'b' ? { bold: true } : { underline: true }) }));
    } else if (n.name === 'link') {
      allowAttrs(n, ['href']);
      const href = n.attrs.href ?? '';
      if (!href) fail(n, '<link> には href（リンク先の URL）が要ります。');
      // Every format makes it a live link: only addresses a reader can safely follow, or a file beside
      // the document in its own folder (the publication's index: handouts/13-tokyo.pdf, never ../).
      if (!/^(https?:\/\/|mailto:)/i.test(href) && !isFolderPath(href)) {
        fail(n, `<link href> は http://、https://、mailto: で始まるアドレスか、同じフォルダの中のファイル（例: handouts/13-tokyo.pdf）です（「${href.slice(0, 40)}」）。`);
      }
      if (style.link) fail(n, '<link> の中に <link> は書けません。');
      runs.push(...runsOf(n.children, { ...style, link: href }));
    } else {
      fail(n, `文の中に <${n.name}> は書けません（使えるもの: <b>、<u>、<link>）。`);
    }
  }
  // Adjacent runs of one style are one run: templates may split text across lines.
  const merged: Run[] = [];
  for (const r of runs) {
    const last = merged[merged.length - 1];
    if (last && !!last.bold === !!r.bold && !!last.underline === !!r.underline && last.link === r.link) last.text += r.text;
    else merged.push({ ...r });
  }
  return merged;
}

function elementsOnly(el: El): El[] {
  const out: El[] = [];
  for (const c of el.children) {
    if (typeof c === 'string') {
      if (cleanText(c).trim() !== '') fail(el, `<${el.name}> の直下に文字は書けません: 「${cleanText(c).trim().slice(0, 20)}」`);
    } else out.push(c);
  }
  return out;
}

function marker(el: El): ListMarker {
  const m = el.attrs.marker ?? 'bullet';
  if (m === 'bullet') return { kind: 'bullet' };
  if (!m.includes('%1')) fail(el, `<list marker> は bullet か、番号の位置を %1 で示す書式（例: （%1））です（「${m}」）。`);
  const start = Number(el.attrs.start ?? '1');
  if (!Number.isInteger(start) || start < 0) fail(el, `<list start> は 0 以上の整数です。`);
  return { kind: 'numbered', pattern: m, start };
}

function item(el: El): ListItem {
  if (el.name !== 'item') fail(el, `<list> の中には <item> だけが書けます（<${el.name}>）。`);
  allowAttrs(el, []);
  const inline: (El | string)[] = [];
  const children: Block[] = [];
  for (const c of el.children) {
    if (typeof c !== 'string' && BLOCKS.has(c.name)) children.push(block(c));
    else if (children.length && (typeof c !== 'string' || cleanText(c) !== '')) fail(el, '<item> の文は入れ子の要素より前に書いてください。');
    else inline.push(c);
  }
  return { runs: runsOf(inline), children };
}

const BLOCKS = new Set(['heading', 'p', 'list', 'box', 'columns', 'table', 'qr']);

function block(el: El): Block {
  switch (el.name) {
    case 'heading': {
      allowAttrs(el, ['level']);
      const level = Number(el.attrs.level);
      if (level !== 1 && level !== 2 && level !== 3) fail(el, '<heading level> は 1、2、3 のいずれかです。');
      return { kind: 'heading', level: level as 1 | 2 | 3, runs: runsOf(el.children) };
    }
    case 'p': {
      allowAttrs(el, ['align', 'role']);
      const align = el.attrs.align as 'left' | 'center' | 'right' | undefined;
      if (align && !['left', 'center', 'right'].includes(align)) fail(el, '<p align> は left、center、right です。');
      const role = el.attrs.role as 'body' | 'note' | undefined;
      if (role && !['body', 'note'].includes(role)) fail(el, '<p role> は body か note です。');
      return { kind: 'paragraph', runs: runsOf(el.children), ...(align ? { align } : {}), ...(role ? { role } : {}) };
    }
    case 'list': {
      allowAttrs(el, ['marker', 'start']);
      return { kind: 'list', marker: marker(el), items: elementsOnly(el).map(item) };
    }
    case 'box': {
      allowAttrs(el, ['title']);
      return { kind: 'box', title: runsOf([el.attrs.title ?? '']), children: elementsOnly(el).map(block) };
    }
    case 'columns': {
      allowAttrs(el, []);
      return {
        kind: 'columns',
        columns: elementsOnly(el).map((c): Column => {
          if (c.name !== 'column') fail(c, `<columns> の中には <column> だけが書けます（<${c.name}>）。`);
          allowAttrs(c, ['title', 'weight']);
          const weight = Number(c.attrs.weight ?? '1');
          if (!(weight > 0)) fail(c, '<column weight> は正の数です。');
          return { title: runsOf([c.attrs.title ?? '']), weight, children: elementsOnly(c).map(block) };
        }),
      };
    }
    case 'table': {
      allowAttrs(el, ['widths']);
      const rows = elementsOnly(el).map((r) => {
        if (r.name !== 'row') fail(r, `<table> の中には <row> だけが書けます（<${r.name}>）。`);
        allowAttrs(r, ['header']);
        return {
          header: bool(r, 'header'),
          cells: elementsOnly(r).map((c) => {
            if (c.name !== 'cell') fail(c, `<row> の中には <cell> だけが書けます（<${c.name}>）。`);
            allowAttrs(c, []);
            const kids = c.children.filter((k) => typeof k !== 'string' || cleanText(k) !== '');
            const blocks = kids.every((k) => typeof k !== 'string' && BLOCKS.has(k.name))
              ? kids.map((k) => block(k as El))
              : [{ kind: 'paragraph' as const, runs: runsOf(c.children) }];
            return { children: blocks };
          }),
        };
      });
      const header = rows.find((r) => r.header)?.cells ?? [];
      const body = rows.filter((r) => !r.header).map((r) => r.cells);
      const count = (header.length || body[0]?.length) ?? 0;
      const widths = (el.attrs.widths ?? '').split(/\s+/).filter(Boolean).map(Number);
      if (widths.length && widths.length !== count) fail(el, `<table widths> の数（${widths.length}）が列の数（${count}）と合いません。`);
      for (const r of body) if (r.length !== count) fail(el, `<table> の行の列数がそろっていません（${r.length} と ${count}）。`);
      return { kind: 'table', widths: widths.length ? widths : Array(count).fill(1), header, rows: body };
    }
    case 'qr': {
      allowAttrs(el, ['value', 'alt']);
      const value = el.attrs.value ?? '';
      if (!value) fail(el, '<qr> には value（URL）が要ります。');
      // A code nobody can read aloud is a picture without meaning to a screen reader: the template says what it is.
      const alt = cleanText(el.attrs.alt ?? '');
      if (!alt) fail(el, '<qr> には alt（読み上げる説明。例: 「○○のホームページ（URL）の QRコード」）が要ります。');
      if (el.children.some((c) => typeof c !== 'string' || cleanText(c) !== '')) fail(el, '<qr> の中には何も書けません。');
      return { kind: 'qr', value, alt };
    }
    default:
      return fail(el, `未定義の要素 <${el.name}> です（使えるもの: ${[...BLOCKS].join('、')}）。`);
  }
}

/** Markup → Document. Throws a Failure naming the template line at fault. */
export function parseMarkup(xml: string): Document {
  markup = xml;
  const root = parseXml(xml);
  if (root.name !== 'document') fail(root, `最上位の要素は <document> です（<${root.name}>）。`);
  allowAttrs(root, ['title', 'author', 'subject', 'date', 'fiscal-year', 'orientation', 'draft', 'sample', 'page-numbers', 'max-pages']);
  const orientation = (root.attrs.orientation ?? 'portrait') as 'portrait' | 'landscape';
  if (orientation !== 'portrait' && orientation !== 'landscape') fail(root, '<document orientation> は portrait か landscape です。');
  const date = root.attrs.date ?? '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) fail(root, '<document date> は YYYY-MM-DD の日付です。');
  const maxPages = root.attrs['max-pages'] ? Number(root.attrs['max-pages']) : undefined;
  const fiscalYear = root.attrs['fiscal-year'] ? Number(root.attrs['fiscal-year']) : undefined;
  if (fiscalYear !== undefined && !Number.isInteger(fiscalYear)) fail(root, `<document fiscal-year> は西暦の年（例: 2023）です（「${root.attrs['fiscal-year']}」）。`);
  const kids = elementsOnly(root);
  const titleEl = kids[0];
  if (!titleEl || titleEl.name !== 'title') fail(root, '<document> の最初の要素は <title> です。');
  allowAttrs(titleEl, []);
  return {
    meta: {
      title: cleanText(root.attrs.title ?? ''),
      author: cleanText(root.attrs.author ?? ''),
      subject: cleanText(root.attrs.subject ?? ''),
      language: 'ja',
      date,
      ...(fiscalYear !== undefined ? { fiscalYear } : {}),
    },
    page: { orientation, pageNumbers: bool(root, 'page-numbers'), ...(maxPages ? { maxPages } : {}) },
    draft: bool(root, 'draft'),
    sample: bool(root, 'sample'),
    title: runsOf(titleEl.children),
    body: kids.slice(1).map(block),
  };
}
