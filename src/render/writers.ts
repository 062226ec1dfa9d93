import type { Document } from '../document/ir.js';
import type { WriterOptions } from './options.js';

// The formats table: how bytes are made. A writer sees the document (already fitted to its page,
// see fit.ts) and its options, nothing of plans or templates. A new format is one entry here and
// one folder beside this file. Each writer's code is loaded when it first writes, so that commands
// that write nothing start without it.

export interface Writer {
  /** What `--format` names it by, and the file extension. */
  id: string;
  extension: string;
  /** How people call it. */
  name: string;
  write(doc: Document, options: WriterOptions): Promise<Uint8Array>;
}

export const WRITERS: readonly Writer[] = [
  { id: 'pdf', extension: 'pdf', name: 'PDF', write: async (doc, o) => (await import('./pdf/index.js')).writePdf(doc, o) },
  { id: 'docx', extension: 'docx', name: 'Word', write: async (doc, o) => (await import('./docx/index.js')).writeDocx(doc, o) },
  { id: 'html', extension: 'html', name: 'HTML', write: async (doc, o) => (await import('./html/index.js')).writeHtml(doc, o) },
];

export const FORMAT_IDS = WRITERS.map((w) => w.id);

export function writerFor(id: string): Writer | undefined {
  return WRITERS.find((w) => w.id === id);
}
