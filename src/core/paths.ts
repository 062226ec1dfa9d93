import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The repository root: templates, fonts and the default plans live beside the code. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const TEMPLATES_DIR = join(ROOT, 'templates');
export const FONTS_DIR = join(ROOT, 'fonts');
export const DEFAULT_PLAN_DIR = 'plans/r5';
