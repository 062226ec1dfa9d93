import { fontChains, type FontChains } from '../fonts/chain.js';
import { FontRegistry } from '../fonts/registry.js';
import { Templates } from '../template/engine.js';
import { join } from 'node:path';
import { drawnByTheme, loadThemeFile, THEME_FILE, THEME_NAME, type Theme } from '../theme/theme.js';
import { checkDataGlyphs } from '../fonts/glyphs.js';
import { furnitureProblems } from '../theme/furniture.js';
import { Failure, hasErrors } from '../core/problem.js';
import type { DigitStyle } from '../text/digits.js';
import { FONTS_DIR, TEMPLATES_DIR } from '../core/paths.js';
import { takeInputs, type Inputs } from '../core/stamp.js';

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
  /**
   * The templates' and fonts' stamps as loading began. Everything here is read after it (templates
   * and font files on first use, maybe in a later build of a long-running command), so a build's
   * record may vouch for it only while these stamps were not racy and are still the same
   * (pipeline/build.ts resourcesCurrent).
   */
  sources: Inputs;
}

export function loadResources(opts: { fontsDir?: string; templatesDir?: string } = {}): Resources {
  const sources = takeInputs([opts.templatesDir ?? TEMPLATES_DIR, opts.fontsDir ?? FONTS_DIR], []);
  const fonts = FontRegistry.load(opts.fontsDir);
  const themeFile = opts.templatesDir ? join(opts.templatesDir, THEME_NAME) : THEME_FILE;
  const { theme, loaded } = loadThemeFile(themeFile, [...fonts.families.keys()]);
  const chains = fontChains(fonts, theme);
  // The marks are drawn like text (by the body's fonts): no tofu there either, named at the theme's line.
  const tofu = checkDataGlyphs(drawnByTheme(theme), chains.all, { file: themeFile, ...loaded });
  if (hasErrors(tofu)) throw new Failure(tofu);
  // A mark too wide for the page would cover the title or run off the paper: said at its line.
  const furniture = furnitureProblems(theme, chains.body, { file: themeFile, ...loaded });
  if (furniture.length) throw new Failure(furniture);
  return {
    theme,
    fonts,
    chains,
    templates: new Templates({ dir: opts.templatesDir, digits: theme.digits as DigitStyle }),
    sources,
  };
}
