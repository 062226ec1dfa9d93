import { runsText, textBlocks, type Document, type Run } from '../../document/ir.js';
import type { Fit } from '../../layout/decisions.js';

// Where the PDF's line breaker ended a line early so that a paragraph's last line holds enough
// characters (layout/pdfmake/line-fill.ts), Word and LibreOffice cannot be told to: a line break
// there leaves the line before it ragged (LibreOffice justifies no line ended by a break), a word
// joiner (U+2060) is ignored between Japanese characters, an empty ruby makes the lines taller.
// What they do honour is character spacing (w:spacing on the runs): the characters of that line
// are spaced by the room the PDF's justification spread between them, less half the width of what
// the PDF moved on, so that the line's characters still fit its measure and the next does not —
// each line then breaks where the PDF's does, and is justified as the PDF's is. Measured with
// LibreOffice 7 on the summary (test/typography.test.ts): no stranded last line, the same breaks.

/** A stretch of a text block's text (UTF-16 offsets) whose characters get this spacing, in twips. */
export interface Spaced {
  from: number;
  to: number;
  twips: number;
}

/** The spaced stretches of each text block's runs, as the fit's early lines say. */
export function earlySpacing(doc: Document, fit: Fit): (rs: readonly Run[]) => Spaced[] {
  if (!fit.earlyLines?.length) return () => [];
  const blocks = textBlocks(doc);
  return (rs) => {
    const block = blocks.get(rs);
    const text = runsText(rs);
    return (fit.earlyLines ?? []).flatMap((e) => {
      // The layout's text of the line must be the model's there, or the offsets mean nothing.
      if (e.block !== block || text.slice(e.from, e.to) !== e.text) return [];
      // Never the block's first character: LibreOffice gives a list item's number the character
      // properties of the paragraph's first run, and would space the label (（1）) too.
      const from = Math.max(e.from, 1);
      const twips = Math.round((20 * (e.room - e.next / 2)) / (e.to - from));
      return from < e.to && twips > 0 ? [{ from, to: e.to, twips }] : [];
    });
  };
}

/**
 * The pieces of a text that starts at `offset` in its block, cut where a spaced stretch starts or
 * ends, each with its spacing (0: none).
 */
export function cutSpaced(text: string, offset: number, spaced: readonly Spaced[]): { text: string; twips: number }[] {
  const cuts = new Set([0, text.length]);
  for (const s of spaced) for (const at of [s.from - offset, s.to - offset]) if (at > 0 && at < text.length) cuts.add(at);
  const at = [...cuts].sort((a, b) => a - b);
  return at.slice(1).map((end, i) => {
    const mid = offset + at[i];
    return { text: text.slice(at[i], end), twips: spaced.find((s) => s.from <= mid && mid < s.to)?.twips ?? 0 };
  });
}
