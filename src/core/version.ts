import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
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
