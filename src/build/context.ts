import { FontRegistry } from '../fonts/registry.js';
import { Templates } from '../template/engine.js';
import { loadTheme, type Theme } from '../theme/theme.js';
import type { DigitStyle } from '../text/digits.js';

/** What every document of a run shares: loaded once per process (or worker), never per document. */
export interface BuildContext {
  theme: Theme;
  fonts: FontRegistry;
  templates: Templates;
}

export function createContext(): BuildContext {
  const theme = loadTheme();
  return {
    theme,
    fonts: FontRegistry.load(),
    templates: new Templates({ digits: theme.digits as DigitStyle }),
  };
}
