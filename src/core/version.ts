import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from './paths.js';

// The version is package.json's, read once: `shien --version`, the PDF's Creator and Producer,
// the Word file's application properties and the web page's generator all say the same.

const versionOf = (packageJson: string): string => (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;

export const VERSION = versionOf(join(ROOT, 'package.json'));

/** How outputs name the program that made them, e.g. `shien 0.1.0`. */
export const GENERATOR = `shien ${VERSION}`;

/** The installed version of a dependency that also leaves its name in the outputs (pdfmake). */
export const dependencyVersion = (name: string): string =>
  versionOf(createRequire(join(ROOT, 'package.json')).resolve(`${name}/package.json`));

let sourcesDigest: string | undefined;

/**
 * The code that runs, as a digest: compiled, the name of its folder under dist/ (the digest of the
 * sources and the lock file it was made from, see scripts/compile.mjs); run from the sources, their
 * digest when first asked for (by watch as it starts; by a build as it makes its files), so that a
 * long-running command does not put the code of a later `git pull` in its records. A build's
 * outputs are made again when it changes.
 */
export function toolDigest(): string {
  const compiled = /[\\/]dist[\\/]([0-9a-f]{16})[\\/]/.exec(fileURLToPath(import.meta.url));
  if (compiled) return compiled[1];
  return (sourcesDigest ??= digestOfSources());
}

function digestOfSources(): string {
  const h = createHash('sha256');
  const src = join(ROOT, 'src');
  for (const e of readdirSync(src, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort()) {
    h.update(e).update('\0').update(readFileSync(e)).update('\0');
  }
  h.update(readFileSync(join(ROOT, 'package-lock.json')));
  return h.digest('hex');
}
