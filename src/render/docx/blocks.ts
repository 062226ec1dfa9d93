import type { Block } from '../../document/ir.js';
import { box } from './box.js';
import { columns } from './columns.js';
import type { BodyElement, WordContext } from './context.js';
import { list } from './list.js';
import { heading, paragraph } from './paragraph.js';
import { qr } from './qr.js';
import { table } from './table.js';

type Writers = { [K in Block['kind']]: (b: Extract<Block, { kind: K }>, ctx: WordContext) => BodyElement | BodyElement[] };

/** One function per kind of block. */
const WRITERS: Writers = { heading, paragraph: (b, ctx) => paragraph(b, ctx), list, box, columns, table, qr };

/** Blocks of the document model as Word paragraphs and tables. */
export function blocks(bs: readonly Block[], ctx: WordContext): BodyElement[] {
  return bs.flatMap((b) => (WRITERS[b.kind] as (b: Block, ctx: WordContext) => BodyElement | BodyElement[])(b, ctx));
}
