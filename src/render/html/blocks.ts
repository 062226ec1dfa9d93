import type { Block } from '../../document/ir.js';
import { box } from './box.js';
import { columns } from './columns.js';
import type { HtmlContext } from './context.js';
import { heading } from './heading.js';
import { list } from './list.js';
import { paragraph } from './paragraph.js';
import { qr } from './qr.js';
import { table } from './table.js';

type Writers = { [K in Block['kind']]: (b: Extract<Block, { kind: K }>, ctx: HtmlContext) => string };

/** One function per kind of block. */
const WRITERS: Writers = { heading, paragraph, list, box, columns, table, qr };

/** Blocks of the document model as HTML elements. */
export function blocks(bs: readonly Block[], ctx: HtmlContext): string {
  return bs.map((b) => (WRITERS[b.kind] as (b: Block, ctx: HtmlContext) => string)(b, ctx)).join('\n');
}
