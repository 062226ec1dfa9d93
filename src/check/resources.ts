import { fontChains, type FontChains } from '../fonts/chain.js';
import { FontRegistry } from '../fonts/registry.js';
import { Templates } from '../template/engine.js';
import { loadTheme, type Theme } from '../theme/theme.js';
import type { DigitStyle } from '../text/digits.js';

/**
 * What every document of a run shares, besides the plan: the theme, the fonts and the compiled
 * templates. Loaded once per process (or worker), never per document. Throws a Failure (the theme
 * is wrong, a font file is missing) that the caller reports.
 */
export interface Resources {
  theme: Theme;
  fonts: FontRegistry;
  chains: FontChains;
  templates: Templates;
}

export function loadResources(opts: { fontsDir?: string } = {}): Resources {
  const fonts = FontRegistry.load(opts.fontsDir);
  const theme = loadTheme(undefined, [...fonts.families.keys()]);
  return {
    theme,
    fonts,
    chains: fontChains(fonts, theme),
    templates: new Templates({ digits: theme.digits as DigitStyle }),
  };
}
