import { AlignmentType, LevelFormat, type INumberingOptions } from 'docx';
import type { ListMarker } from '../../document/ir.js';
import type { FontChains } from '../../fonts/chain.js';
import type { Theme } from '../../theme/theme.js';
import { BULLET_EM, LABEL_EM, typeSize } from '../metrics.js';
import { SPACING } from './spacing.js';
import { halfPt, hex, twip } from './units.js';

// Word's list numbering: one bullet list definition, and one definition per numbered pattern with
// an instance per list, so that each list starts at its own start.

type Config = INumberingOptions['config'][number];

export const BULLET = 'bullet';

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
          level: 0, format: LevelFormat.DECIMAL, text: marker.pattern, start: marker.start, alignment: AlignmentType.LEFT,
          style: { paragraph: { indent: this.indent(LABEL_EM) } },
        }],
      });
    }
    this.instances += 1;
    return { reference, instance: this.instances };
  }

  /** Every definition, the bullet first; call after the body is made. */
  options(): INumberingOptions {
    return {
      config: [
        {
          reference: BULLET,
          levels: [{
            level: 0, format: LevelFormat.BULLET, text: '●', alignment: AlignmentType.LEFT,
            style: {
              paragraph: { indent: this.indent(BULLET_EM) },
              run: { font: this.fonts.body.primary.name, color: hex(this.theme.colors.accent), size: halfPt(typeSize(this.theme.sizes.body, this.scale) * SPACING.bulletSize) },
            },
          }],
        },
        ...this.configs.values(),
      ],
    };
  }
}
