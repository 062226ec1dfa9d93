import type { Problem } from '../core/problem.js';
import { GENERATOR } from '../core/version.js';
import type { Document } from '../document/ir.js';
import { documentTime } from '../document/time.js';
import type { FontRegistry } from '../fonts/registry.js';
import { fontChains } from '../fonts/chain.js';
import { unfitted, type Fit } from '../layout/decisions.js';
import { fitDocument, type Fitted } from '../layout/fit.js';
import type { WriterOptions } from '../render/options.js';
import { ENGINE_WRITER, WRITERS } from '../render/writers.js';
import type { Theme } from '../theme/theme.js';

// One document into files: the layout stage fits it to its page, then every writer asked for is
// given the document and that fit, in the formats table's order. The writer whose engine laid the
// pages out takes its bytes from the fitter's last layout, when it is asked for (pdfmake lays out
// once more than it draws). The same function serves this thread and the workers.

export interface Output {
  extension: string;
  bytes: Uint8Array;
}

export interface Rendered {
  outputs: Output[];
  problems: Problem[];
  pages?: number;
  scale?: number;
  /** When it does not fit its pages: the top-level blocks of the section to shorten. */
  section?: number[];
}

/** What rendering needs besides the document; plain data but for the fonts, which each thread loads. */
export interface RenderSetting {
  theme: Theme;
  fonts: FontRegistry;
  /** SOURCE_DATE_EPOCH, when set: the moment written into every file. */
  fixedTime?: Date;
  /** SHIEN_STATS, read by the command line: each worker process reports its peak memory and CPU time as it ends (npm run bench). */
  stats?: boolean;
}

export function writerOptions(doc: Document, setting: RenderSetting): WriterOptions {
  return { theme: setting.theme, fonts: fontChains(setting.fonts, setting.theme), time: documentTime(doc.meta, setting.fixedTime), generator: GENERATOR };
}

/** `source` is the file a problem of the whole document (it does not fit) is reported against; `fitOnly` lays it out and writes nothing. */
export async function renderDocument(doc: Document, formats: readonly string[], source: string, setting: RenderSetting, fitOnly = false): Promise<Rendered> {
  const options = writerOptions(doc, setting);
  const writers = WRITERS.filter((w) => formats.includes(w.id));
  // Only pages are fitted: records have no page to keep to.
  const engine = () => ENGINE_WRITER.engine!(options, writers.includes(ENGINE_WRITER));
  const fitted: Fitted | undefined = fitOnly || writers.some((w) => w.paged) ? await fitDocument(doc, setting.theme, await engine()) : undefined;
  if (fitted && !fitted.fit) return { outputs: [], problems: fitted.problems.map((p) => ({ ...p, file: source })), section: fitted.section };
  const fit: Fit = fitted?.fit ?? unfitted(setting.theme);
  const outputs: Output[] = [];
  for (const w of writers) outputs.push({ extension: w.extension, bytes: (w === ENGINE_WRITER && fitted?.written) || (await w.write(doc, fit, options)) });
  return { outputs, problems: [], pages: fitted?.pages, scale: fitted?.fit?.scale };
}
