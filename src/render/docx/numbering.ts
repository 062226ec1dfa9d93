import { AlignmentType, LevelFormat, type INumberingOptions } from 'docx';
import type { ListMarker } from '../../document/ir.js';
import type { FontChains } from '../../fonts/chain.js';
import type { Theme } from '../../theme/theme.js';
import { BULLET_DISC, BULLET_EM, LABEL_EM, typeSize } from '../../layout/metrics.js';
import { halfPt, hex, twip } from './units.js';

// Word's list numbering: one bullet list definition, and one definition per numbered pattern with
// an instance per list, so that each list starts at its own start.

type Config = INumberingOptions['config'][number];

export const BULLET = 'bullet';
/** The bullet's glyph: a disc, drawn small. */
const BULLET_GLYPH = '●';

/**
 * A superscript is drawn at this share of its size, raised to stand near the top of the line
 * (LibreOffice's automatic superscript: 58 %; Word's is close to it).
 */
const SUPERSCRIPT_SHARE = 0.58;

/**
 * The bullet glyph's size (half points) that makes it the PDF's disc (layout/metrics.ts): set
 * superscript, its ink as tall as the disc, and raised by the word processor to about the middle of
 * the text's em box, where the disc stands. The numbering's own raise (w:position) would say the
 * height exactly, but LibreOffice ignores it in a list's numbering and draws an automatic
 * superscript instead. (The bullet at seven tenths of the text, on the baseline, was twice as heavy
 * as the PDF's and sat low.) Read from the body's face, so that another font gives the same disc.
 */
function bulletSize(fonts: FontChains, body: number): number {
  const font = fonts.body.primary.regular.font;
  const ink = font.glyphForCodePoint(BULLET_GLYPH.codePointAt(0)!).bbox;
  const drawn = (2 * BULLET_DISC.radius * body * font.unitsPerEm) / (ink.maxY - ink.minY);
  return Math.max(1, halfPt(drawn / SUPERSCRIPT_SHARE));
}

export class Numbering {
  private readonly configs = new Map<string, Config>();
  private instances = 0;

  constructor(private readonly theme: Theme, private readonly fonts: FontChains, private readonly scale: number) {}

  private indent(em: number) {
    const width = twip(typeSize(this.theme.sizes.body, this.scale) * em);
    return { left: width, hanging: width };
  }

  /** A new instance of the numbering that a numbered marker describes. */
  use(marker: Extract<ListMarker, { kind: 'numbered' }>): { reference: string; instance: number } {
    const reference = `num-${marker.start}-${marker.pattern}`;
    if (!this.configs.has(reference)) {
      this.configs.set(reference, {
        reference,
        levels: [{
          // Right-aligned where the list's widest label ends (each paragraph says where: list.ts), so
          // that （1）–（5） line up on their closing bracket; a tab to the text.
          level: 0, format: LevelFormat.DECIMAL, text: marker.pattern, start: marker.start, alignment: AlignmentType.RIGHT,
          style: { paragraph: { indent: this.indent(LABEL_EM) } },
        }],
      });
    }
    this.instances += 1;
    return { reference, instance: this.instances };
  }

  /** Every definition, the bullet first; call after the body is made. */
  options(): INumberingOptions {
    const bullet = bulletSize(this.fonts, typeSize(this.theme.sizes.body, this.scale));
    return {
      config: [
        {
          reference: BULLET,
          levels: [{
            level: 0, format: LevelFormat.BULLET, text: BULLET_GLYPH, alignment: AlignmentType.LEFT,
            style: {
              paragraph: { indent: this.indent(BULLET_EM) },
              run: {
                font: this.fonts.body.primary.name, color: hex(this.theme.colors.accent), size: bullet, superScript: true,
              },
            },
          }],
        },
        ...this.configs.values(),
      ],
    };
  }
}
