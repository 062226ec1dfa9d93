import { fontChains, type FontChains } from '../fonts/chain.js';
import { FontRegistry } from '../fonts/registry.js';
import { Templates } from '../template/engine.js';
import { join } from 'node:path';
import { drawnByTheme, loadThemeFile, THEME_FILE, THEME_NAME, type Theme } from '../theme/theme.js';
import { checkDataGlyphs } from '../fonts/glyphs.js';
import { furnitureProblems } from '../theme/furniture.js';
import { Failure, hasErrors } from '../core/problem.js';
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
  /**
   * When loading began (performance.now()): everything here was read from the templates and fonts
   * after it. A long-running command keeps them from build to build, and a build may vouch for
   * them in its record only as the files stood then (pipeline/build.ts).
   */
  loadedAt: number;
}

export function loadResources(opts: { fontsDir?: string; templatesDir?: string } = {}): Resources {
  const loadedAt = performance.now();
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
    loadedAt,
  };
}
