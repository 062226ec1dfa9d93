import { RecentCache } from '../core/memo.js';
import type { Problem } from '../core/problem.js';
import type { YamlMemo } from '../core/yaml.js';
import type { Document } from '../document/ir.js';
import type { Resources } from './resources.js';

/**
 * What watch and preview keep between checks of a plan set: files parsed, data checked against the
 * fonts, documents made from their templates. A file saved unchanged in its bytes, or a document
 * whose template and data are the same, costs nothing the next time. Templates and fonts are part of
 * the resources: when they are loaded again, what was made with the old ones is dropped.
 */
export class CheckMemo {
  readonly yaml: YamlMemo = new RecentCache();
  readonly documents = new RecentCache<string, { doc?: Document; problems: Problem[] }>();
  /** Glyph checks of a file's data, by its loaded value (the same object while the file is unchanged). */
  glyphs = new WeakMap<object, Problem[]>();
  private resources?: Resources;

  /** A new round of checking, with these resources. */
  round(res: Resources): void {
    if (res !== this.resources) {
      this.resources = res;
      this.documents.clear();
      this.glyphs = new WeakMap();
    }
    this.documents.round();
  }
}
