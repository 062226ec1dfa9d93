import { Failure } from '../diagnostics/problem.js';
import { InvalidSourceDateEpoch, sourceDateEpoch } from '../document/time.js';
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
  try {
    sourceDateEpoch();
  } catch (e) {
    if (!(e instanceof InvalidSourceDateEpoch)) throw e;
    throw new Failure([{
      severity: 'error', code: 'env/source-date-epoch',
      message: `環境変数 SOURCE_DATE_EPOCH「${e.value}」は、1970年1月1日（UTC）からの秒数（整数）ではありません。`,
      hint: '文書の日付を計画の published にするなら、SOURCE_DATE_EPOCH を外してください。',
    }], 2);
  }
  const fonts = FontRegistry.load();
  const theme = loadTheme(undefined, [...fonts.families.keys()]);
  return {
    theme,
    fonts,
    templates: new Templates({ digits: theme.digits as DigitStyle }),
  };
}
