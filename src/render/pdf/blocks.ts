import type { Block } from '../../document/ir.js';
import { box } from './box.js';
import { columns } from './columns.js';
import type { Node, PdfContext } from './context.js';
import { heading } from './heading.js';
import { list } from './list.js';
import { qr } from './qr.js';
import { table } from './table.js';

type Writers = { [K in Block['kind']]: (b: Extract<Block, { kind: K }>, ctx: PdfContext) => Node };

const paragraph: Writers['paragraph'] = (b, ctx) => ctx.tags.element('P', () => {
  const size = ctx.fs(b.role === 'note' ? ctx.theme.sizes.note : ctx.theme.sizes.body);
  return {
    text: ctx.inlines(b.runs),
    ...(b.align ? { alignment: b.align } : {}),
    ...(b.role === 'note' ? { fontSize: size } : {}),
  };
});

/** One function per kind of block. */
const WRITERS: Writers = { heading, paragraph, list, box, columns, table, qr };

/** One block of the document model as a pdfmake node. */
export function block(b: Block, ctx: PdfContext): Node {
  return (WRITERS[b.kind] as (b: Block, ctx: PdfContext) => Node)(b, ctx);
}
