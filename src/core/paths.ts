import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root: templates, fonts and the default plans live beside the code. Found upward
 * from this module, which runs from src/core/ or, compiled, from dist/.
 */
function root(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!(existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'templates')))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`shien: no templates/ above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
  return dir;
}

export const ROOT = root();
export const TEMPLATES_DIR = join(ROOT, 'templates');
export const FONTS_DIR = join(ROOT, 'fonts');
