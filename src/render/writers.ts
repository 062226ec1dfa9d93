import type { Document } from '../document/ir.js';
import type { WriterOptions } from './options.js';

// The formats table: how bytes are made. A writer sees the document (already fitted to its page,
// see layout/fit.ts, when it writes pages) and its options, nothing of plans or templates. A new format is
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
  write(doc: Document, options: WriterOptions): Promise<Uint8Array>;
}

export const WRITERS: readonly Writer[] = [
  { id: 'pdf', extension: 'pdf', name: 'PDF', mediaType: 'application/pdf', paged: true, write: async (doc, o) => (await import('./pdf/index.js')).writePdf(doc, o) },
  {
    id: 'docx', extension: 'docx', name: 'Word', mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', paged: true,
    write: async (doc, o) => (await import('./docx/index.js')).writeDocx(doc, o),
  },
  { id: 'html', extension: 'html', name: 'HTML', mediaType: 'text/html; charset=utf-8', paged: true, write: async (doc, o) => (await import('./html/index.js')).writeHtml(doc, o) },
  { id: 'csv', extension: 'csv', name: 'CSV', mediaType: 'text/csv; charset=utf-8', paged: false, write: async (doc) => (await import('./data/index.js')).writeCsv(doc) },
  { id: 'json', extension: 'json', name: 'JSON', mediaType: 'application/json', paged: false, write: async (doc) => (await import('./data/index.js')).writeJson(doc) },
];

export const FORMAT_IDS = WRITERS.map((w) => w.id);

/** The formats of a kind that declares none: every page format. */
export const PAGE_FORMATS = WRITERS.filter((w) => w.paged).map((w) => w.id);

export function writerFor(id: string): Writer | undefined {
  return WRITERS.find((w) => w.id === id);
}
