import type { Document } from '../document/ir.js';
import type { Fit } from '../layout/decisions.js';
import type { LayoutEngine } from '../layout/engine.js';
import type { WriterOptions } from './options.js';

// The formats table: how bytes are made. A writer sees the document, the layout stage's decisions
// for its pages (layout/decisions.ts; records have none to follow) and its options, nothing of plans
// or templates. A new format is
// one entry here and one folder beside this file. Each writer's code is loaded when it first writes,
// so that commands that write nothing start without it.

export interface Writer {
  /** What `--format` names it by, and the file extension. */
  id: string;
  extension: string;
  /** How people call it. */
  name: string;
  /** The Content-Type it is served with (the preview). */
  mediaType: string;
  /** It writes pages (the document fitted to them); else it writes a data document's records. */
  paged: boolean;
  write(doc: Document, fit: Fit, options: WriterOptions): Promise<Uint8Array>;
  /**
   * The engine the layout stage measures pages with, when it is this format's (one writer has it):
   * with `write`, it hands back this format's bytes from the fitter's last layout.
   */
  engine?(options: WriterOptions, write: boolean): Promise<LayoutEngine>;
}

export const WRITERS: readonly Writer[] = [
  {
    id: 'pdf', extension: 'pdf', name: 'PDF', mediaType: 'application/pdf', paged: true,
    write: async (doc, fit, o) => (await import('./pdf/index.js')).writePdf(doc, fit, o),
    // The PDF's pages are the reference the other formats follow.
    engine: async (o, write) => (await import('./pdf/index.js')).pdfEngine(o, write),
  },
  {
    id: 'docx', extension: 'docx', name: 'Word', mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', paged: true,
    write: async (doc, fit, o) => (await import('./docx/index.js')).writeDocx(doc, fit, o),
  },
  { id: 'html', extension: 'html', name: 'HTML', mediaType: 'text/html; charset=utf-8', paged: true, write: async (doc, fit, o) => (await import('./html/index.js')).writeHtml(doc, fit, o) },
  { id: 'csv', extension: 'csv', name: 'CSV', mediaType: 'text/csv; charset=utf-8', paged: false, write: async (doc) => (await import('./data/index.js')).writeCsv(doc) },
  { id: 'json', extension: 'json', name: 'JSON', mediaType: 'application/json', paged: false, write: async (doc) => (await import('./data/index.js')).writeJson(doc) },
];

export const FORMAT_IDS = WRITERS.map((w) => w.id);

/** The formats of a kind that declares none: every page format. */
export const PAGE_FORMATS = WRITERS.filter((w) => w.paged).map((w) => w.id);

/** The writer whose engine lays the pages out: injected from here, the layout stage never reaches up into a writer. */
export const ENGINE_WRITER = WRITERS.find((w) => w.engine)!;

export function writerFor(id: string): Writer | undefined {
  return WRITERS.find((w) => w.id === id);
}
