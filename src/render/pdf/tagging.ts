import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import type { LaidPage } from '../../layout/pdfmake/measure.js';
import { ARTIFACT, SLOT, type ArtifactType, type StructElement, type StructurePlan } from './structure.js';

// Tagged PDF (PDF/UA-1, PDF/A-2a) from pdfmake: the one place that reaches into pdfmake's Renderer
// and its QR encoder, and into what pdfkit keeps private, to tie what pdfmake draws to the logical
// structure planned from the document model (structure.ts).
//
// pdfmake lays a document out into pages of items (lines of text, vectors, images) and its Renderer
// draws each kind in one method onto a pdfkit document; pdfkit has the structure API (marked
// content with MCIDs, structure elements, the parent tree) but pdfmake calls none of it. So each
// drawing method is wrapped: before it draws, the content stream enters a marked-content sequence
// for the slot stamped on the item (`/P <</MCID n>> BDC`), or an artifact when it carries none
// (`/Artifact BMC`); consecutive drawings of one slot share one sequence. A line whose inlines
// belong to different slots (a link inside a sentence) is drawn in parts, one per slot. When the
// pages are drawn, the structure tree is built in the plan's order — the model's reading order,
// which is not the drawing order (the 案 mark, the columns' cells, the page furniture) — and with it
// the outline (bookmarks) and the XMP metadata.
//
// If a pdfmake or pdfkit upgrade removes what is hooked here, installing throws rather than
// quietly writing a PDF that claims tags it does not have; test/accessibility.test.ts reads the
// files back with pdf.js, poppler and qpdf.

/** What the XMP metadata needs besides pdfkit's info dictionary. */
export interface TaggingMeta {
  language: string;
  /** Stable identifiers (xmpMM): the same document and version give the same ones. */
  documentId: string;
  instanceId: string;
}

type Session =
  | { plan: StructurePlan; meta: TaggingMeta; laid?: (pages: LaidPage[]) => void }
  /** Lay out only: the pages are handed over and nothing is drawn (the fitter's measuring, measure.ts). */
  | { laidOut: (pages: LaidPage[]) => void };

// Which plan the document being rendered follows: set around pdfmake's (asynchronous) createPdf,
// so that two documents rendered at once in one thread cannot take each other's.
const sessions = new AsyncLocalStorage<Session>();

/** Run `render` (a pdfmake createPdf…getBuffer) with its output tagged after `plan`; `laid` sees the pages as laid out. */
export function withTags<T>(plan: StructurePlan, meta: TaggingMeta, render: () => Promise<T>, laid?: (pages: LaidPage[]) => void): Promise<T> {
  installTagging();
  return sessions.run({ plan, meta, laid }, render);
}

/**
 * Run `layout` (a pdfmake createPdf…getStream) for its layout alone: pdfmake's pages go to
 * `laidOut`, and no page is drawn, no font subset made, nothing compressed.
 */
export function layoutOnly<T>(laidOut: (pages: LaidPage[]) => void, layout: () => Promise<T>): Promise<T> {
  installTagging();
  return sessions.run({ laidOut }, layout);
}

// ---- pdfkit, as far as it is used here -------------------------------------------------------

interface KitPage {
  dictionary: unknown;
}
interface KitContent {
  refs: { pageRef: unknown; mcid: number }[];
}
interface KitElement {
  dictionary: { data: Record<string, unknown> };
  add(child: KitElement | KitContent): KitElement;
  end(): void;
}
interface KitOutline {
  addItem(title: string, options: { pageNumber: number; fit: boolean; expanded: boolean }): KitOutline;
}
interface KitDocument {
  page: KitPage;
  info: Record<string, unknown>;
  outline: KitOutline;
  markContent(tag: string, options?: Record<string, unknown> | null): unknown;
  markStructureContent(tag: string): KitContent;
  endMarkedContent(): unknown;
  struct(role: string, options?: Record<string, unknown>): KitElement;
  addStructure(element: KitElement): unknown;
  link(x: number, y: number, w: number, h: number, url: string, options: Record<string, unknown>): unknown;
  bufferedPageRange(): { start: number; count: number };
  addPage(...args: unknown[]): unknown;
  save(): unknown;
  restore(): unknown;
  appendXML(xml: string, newline?: boolean): void;
  /** Private: writes the XMP properties of the info dictionary (replaced, see metadata()). */
  _addInfo?: () => void;
}

// ---- pdfmake's items, as far as they are read here -------------------------------------------

interface Inline {
  x: number;
  width: number;
  [SLOT]?: number;
  [ARTIFACT]?: ArtifactType;
}
interface Line {
  inlines: Inline[];
  getHeight(): number;
  getAscenderHeight(): number;
}
interface Drawn {
  [SLOT]?: number;
}
interface Renderer {
  pdfDocument: KitDocument;
  renderWatermark(page: unknown): void;
}
type Method<A extends unknown[]> = (this: Renderer, ...args: A) => void;
interface RendererProto {
  renderPages: Method<[pages: unknown[]]>;
  renderLine: Method<[line: Line, x: number, y: number]>;
  renderVector: Method<[vector: Drawn]>;
  renderImage: Method<[image: Drawn]>;
  renderSVG: Method<[svg: Drawn]>;
  renderAttachment: Method<[attachment: Drawn]>;
  renderWatermark: Method<[page: unknown]>;
  beginClip: Method<[rect: unknown]>;
  endClip: Method<[]>;
  beginVerticalAlignment: Method<[item: unknown]>;
  endVerticalAlignment: Method<[item: unknown]>;
}

const INSTALLED = Symbol.for('shien.tagging');

function installTagging(): void {
  const require = createRequire(import.meta.url);
  // The same module instances pdfmake's own requires get (one CommonJS cache).
  const renderer = (require('pdfmake/js/Renderer.js') as { default?: { prototype: RendererProto & { [INSTALLED]?: true } } }).default;
  const proto = renderer?.prototype;
  if (!proto || proto[INSTALLED]) return;
  const names = [
    'renderPages', 'renderLine', 'renderVector', 'renderImage', 'renderSVG', 'renderAttachment', 'renderWatermark',
    'beginClip', 'endClip', 'beginVerticalAlignment', 'endVerticalAlignment',
  ] as const;
  const missing = names.filter((n) => typeof proto[n] !== 'function');
  if (missing.length) {
    throw new Error(`pdfmake ${missing.join(', ')} not found: tagged PDF cannot be written; check the pdfmake version`);
  }
  const original = Object.fromEntries(names.map((n) => [n, proto[n]])) as unknown as RendererProto;

  proto.renderPages = function (pages) {
    const session = sessions.getStore();
    if (!session) return original.renderPages.call(this, pages);
    if ('laidOut' in session) return session.laidOut(pages as LaidPage[]);
    session.laid?.(pages as LaidPage[]);
    const marker = new Marker(this.pdfDocument, session.plan);
    markers.set(this.pdfDocument, marker);
    // pdfmake draws a page's watermark after its content, over the text; it is drawn here as soon
    // as the page is added instead, under everything, and pdfmake's own call then does nothing.
    const kit = this.pdfDocument;
    const addPage = kit.addPage;
    let added = 0;
    kit.addPage = (...args: unknown[]) => {
      const result = addPage.apply(kit, args);
      const page = pages[added++] as { watermark?: unknown } | undefined;
      if (page?.watermark) {
        kit.save();
        this.renderWatermark(page);
        // The sequence ends inside the saved state; pdfmake sets the watermark's opacity before saving.
        marker.leave();
        kit.restore();
        underneath.add(page);
      }
      return result;
    };
    try {
      original.renderPages.call(this, pages);
    } finally {
      kit.addPage = addPage;
    }
    marker.leave();
    marker.buildTree();
    marker.buildOutline();
    metadata(this.pdfDocument, session.meta);
  };

  proto.renderLine = function (line, x, y) {
    const marker = markers.get(this.pdfDocument);
    if (!marker) return original.renderLine.call(this, line, x, y);
    const parts = partsOf(line.inlines);
    const height = line.getHeight();
    if (parts.length === 1) {
      marker.enter(parts[0][0]);
      original.renderLine.call(this, line, x, y);
      marker.linkArea(parts[0], x, y, height);
      return;
    }
    // One slot per part: the part is the line with only its inlines, measured as the whole line.
    const ascender = line.getAscenderHeight();
    parts.forEach((inlines, k) => {
      const part = Object.assign(Object.create(line) as Line, {
        inlines,
        getHeight: () => height,
        getAscenderHeight: () => ascender,
        // What belongs to the line once (a named destination, an outline entry) stays with its first part.
        ...(k > 0 ? { id: undefined, _outline: undefined, _pageNodeRef: undefined } : {}),
      });
      marker.enter(inlines[0]);
      original.renderLine.call(this, part, x, y);
      marker.linkArea(inlines, x, y, height);
    });
  };

  const drawing = (name: 'renderVector' | 'renderImage' | 'renderSVG' | 'renderAttachment', artifact: ArtifactType) => {
    proto[name] = function (item) {
      markers.get(this.pdfDocument)?.enter({ [SLOT]: item[SLOT], [ARTIFACT]: artifact });
      original[name].call(this, item);
    };
  };
  drawing('renderVector', 'Layout');
  drawing('renderImage', 'Layout');
  drawing('renderSVG', 'Layout');
  drawing('renderAttachment', 'Layout');

  proto.renderWatermark = function (page) {
    if (underneath.has(page as object)) return;
    markers.get(this.pdfDocument)?.enter({ [ARTIFACT]: 'Pagination' });
    original.renderWatermark.call(this, page);
  };

  // Clipping and alignment save and restore the graphics state (q … Q): a marked-content sequence
  // must not straddle them, so the current one ends first. They paint nothing themselves.
  for (const name of ['beginClip', 'endClip', 'beginVerticalAlignment', 'endVerticalAlignment'] as const) {
    const method = original[name] as Method<unknown[]>;
    (proto[name] as Method<unknown[]>) = function (...args) {
      markers.get(this.pdfDocument)?.leave();
      method.apply(this, args);
    };
  }

  proto[INSTALLED] = true;
}

/** Consecutive inlines of one slot (or of one kind of artifact). */
function partsOf(inlines: Inline[]): Inline[][] {
  const parts: Inline[][] = [];
  for (const inline of inlines) {
    const last = parts[parts.length - 1];
    if (last && last[0][SLOT] === inline[SLOT] && last[0][ARTIFACT] === inline[ARTIFACT]) last.push(inline);
    else parts.push([inline]);
  }
  return parts.length ? parts : [[{ x: 0, width: 0 }]];
}

const markers = new WeakMap<KitDocument, Marker>();
/** Pages whose watermark was drawn first, under the content. */
const underneath = new WeakSet<object>();

/** Marked content for one pdfkit document as it is drawn, and the structure it then gets. */
class Marker {
  private open?: { page: KitPage; key: number | string };
  /** The marked-content sequences of each slot, in drawing order. */
  private readonly contents: KitContent[][] = [];
  /** Where each slot is first drawn: its page, and that page's index. */
  private readonly first: ({ page: KitPage; index: number } | undefined)[] = [];
  /** Each Link element's pdfkit elements, one per page it is drawn on, with that page. */
  private readonly links = new Map<StructElement, { page: KitPage; element: KitElement }[]>();

  constructor(private readonly doc: KitDocument, private readonly plan: StructurePlan) {}

  /** What is drawn next belongs to the item's slot, or is an artifact. */
  enter(item: { [SLOT]?: number; [ARTIFACT]?: ArtifactType }): void {
    const doc = this.doc;
    let key: number | string = item[ARTIFACT] ?? '';
    const slot = item[SLOT];
    if (slot !== undefined) {
      const first = this.first[slot];
      // A header row drawn again on a later page is pagination, not a second copy of the content.
      key = this.plan.slots[slot].repeats && first && first.page !== doc.page ? 'Pagination' : slot;
    }
    if (this.open && this.open.page === doc.page) {
      if (this.open.key === key) return;
      doc.endMarkedContent();
    }
    // A sequence left open at the end of a page was closed by pdfkit when it added the next page.
    this.open = { page: doc.page, key };
    if (typeof key === 'number') {
      (this.contents[key] ??= []).push(doc.markStructureContent(this.plan.slots[key].element.role));
      this.first[key] ??= { page: doc.page, index: doc.bufferedPageRange().start };
    } else {
      doc.markContent('Artifact', key ? { type: key } : null);
    }
  }

  leave(): void {
    if (this.open && this.open.page === this.doc.page) this.doc.endMarkedContent();
    this.open = undefined;
  }

  /**
   * The link annotation over the inlines of a Link, in its structure element (pdfkit sets the
   * annotation's StructParent as it is made), with the link's text as its description.
   */
  linkArea(inlines: Inline[], x: number, y: number, height: number): void {
    const slot = inlines[0][SLOT];
    if (slot === undefined || this.open?.key !== slot) return;
    const link = this.plan.slots[slot].element;
    if (link.role !== 'Link' || !link.link) return;
    const per = this.links.get(link) ?? [];
    this.links.set(link, per);
    let onPage = per.find((p) => p.page === this.doc.page);
    if (!onPage) per.push(onPage = { page: this.doc.page, element: this.doc.struct('Link') });
    const left = inlines[0].x;
    const last = inlines[inlines.length - 1];
    this.doc.link(x + left, y, last.x + last.width - left, height, asciiUri(link.link), {
      structParent: onPage.element,
      Contents: new String(link.text ?? link.link),
    });
  }

  /** The structure tree, in the plan's order, under the catalog's StructTreeRoot. */
  buildTree(): void {
    // Slots reach the drawing only as properties pdfmake copies along (from inlines to the words
    // and lines it makes, from nodes to the QR code's rectangles); content drawn without its slot
    // would become an artifact, missing from the tree, and the file would claim what it lacks.
    const lost = this.plan.slots.filter((s, i) => s.filled && !this.first[i]);
    if (lost.length) {
      throw new Error(`tagged PDF: ${lost.length} pieces of content (${lost.slice(0, 3).map((s) => s.element.role).join(', ')}…) were drawn without their tags; check the pdfmake version`);
    }
    const doc = this.doc;
    const build = (el: StructElement): KitElement => {
      const options: Record<string, unknown> = {};
      if (el.alt) options.alt = el.alt;
      if (el.scope) options.scope = el.scope;
      const made = doc.struct(el.role, options);
      if (el.listNumbering) made.dictionary.data.A = { O: 'List', ListNumbering: el.listNumbering };
      for (const kid of el.kids) {
        if (typeof kid === 'number') for (const c of this.contents[kid] ?? []) made.add(c);
        else if (kid.role === 'Link') this.addLinks(made, kid);
        else made.add(build(kid));
      }
      made.end();
      return made;
    };
    doc.addStructure(build(this.plan.root));
  }

  private addLinks(parent: KitElement, link: StructElement): void {
    for (const { page, element } of this.links.get(link) ?? []) {
      for (const slot of link.kids) {
        if (typeof slot !== 'number') continue;
        for (const c of this.contents[slot] ?? []) if (c.refs[0].pageRef === page.dictionary) element.add(c);
      }
      element.end();
      // pdfkit writes an OBJR's page as the current page when the element is written, which is
      // when it gets its parent: for that moment the current page is the link's own.
      const current = this.doc.page;
      this.doc.page = page;
      try {
        parent.add(element);
      } finally {
        this.doc.page = current;
      }
    }
  }

  /** Bookmarks of the headings, nested as they rank, each opening its page. */
  buildOutline(): void {
    const stack: { level: number; item: KitOutline }[] = [];
    const visit = (el: StructElement) => {
      const level = { H1: 1, H2: 2, H3: 3 }[el.role as string];
      if (level) {
        const slot = el.kids.find((k): k is number => typeof k === 'number' && this.first[k] !== undefined);
        if (slot !== undefined && el.text) {
          while (stack.length && stack[stack.length - 1].level >= level) stack.pop();
          const parent = stack.length ? stack[stack.length - 1].item : this.doc.outline;
          stack.push({ level, item: parent.addItem(el.text, { pageNumber: this.first[slot]!.index, fit: true, expanded: true }) });
        }
        return;
      }
      for (const kid of el.kids) if (typeof kid !== 'number') visit(kid);
    };
    visit(this.plan.root);
  }
}

/** A URI action holds 7-bit ASCII: a host or path in other scripts is punycoded or percent-encoded. */
function asciiUri(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}

const xml = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const xmpDate = (d: unknown) => (d instanceof Date ? d.toISOString().replace(/\.\d{3}Z$/, 'Z') : '');

/**
 * The XMP packet: pdfkit writes the packet, the pdfaid part and conformance (subset PDF/A-2a) and
 * the sRGB output intent; its own properties of the info dictionary are replaced here, because it
 * writes them unescaped and without the modification date, the language or the identifiers. Each
 * property of the info dictionary has its XMP twin with the same value, as PDF/A asks, and
 * pdfuaid (PDF/UA-1) is declared as an extension schema, which PDF/A asks of any schema it does not
 * predefine.
 */
function metadata(doc: KitDocument, meta: TaggingMeta): void {
  if (typeof doc._addInfo !== 'function') throw new Error('pdfkit _addInfo not found: the XMP metadata cannot be written; check the pdfkit version');
  const info = doc.info;
  doc._addInfo = () => doc.appendXML(`
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<xmp:CreateDate>${xmpDate(info.CreationDate)}</xmp:CreateDate>
<xmp:ModifyDate>${xmpDate(info.ModDate)}</xmp:ModifyDate>
<xmp:MetadataDate>${xmpDate(info.ModDate)}</xmp:MetadataDate>
<xmp:CreatorTool>${xml(info.Creator)}</xmp:CreatorTool>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(info.Title)}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>${xml(info.Author)}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(info.Subject)}</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag><rdf:li>${xml(meta.language)}</rdf:li></rdf:Bag></dc:language>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdf:Producer>${xml(info.Producer)}</pdf:Producer>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">
<xmpMM:DocumentID>${xml(meta.documentId)}</xmpMM:DocumentID>
<xmpMM:InstanceID>${xml(meta.instanceId)}</xmpMM:InstanceID>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>`);
}
