import type { FontChains } from '../fonts/chain.js';
import type { Theme } from '../theme/theme.js';

/** What every writer is given besides the document: the look, the fonts, and the moment to stamp. */
export interface WriterOptions {
  /** Sizes, colours, paper, marks: templates/theme.yaml as checked. */
  theme: Theme;
  /** Which font draws which character: each style's first font, and its fallbacks where it lacks one. */
  fonts: FontChains;
  /** The time written into the file's metadata (never the clock: see document/time.ts). */
  time: Date;
  /** The program that made the file, as metadata names it (`shien 0.1.0`): see core/version.ts. */
  generator: string;
}
