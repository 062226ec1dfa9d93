#!/usr/bin/env node
// The command runs the compiled sources in dist/<digest>/ (made by `npm ci`, see scripts/compile.mjs).
// The digest is that of src/ as it is now, so an edit or a `git pull` is always what runs: the folder
// is compiled first when it is not there. Without esbuild it runs the sources through tsx.
import { existsSync, mkdirSync } from 'node:fs';
import module from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compile, compiledDir, DIST, sourceDigest } from '../scripts/compile.mjs';

// Node 22 and later keep the compiled code of the modules on disk: a start no longer compiles ~1 MB of
// JavaScript (Node 20 has no such cache and starts as before).
module.enableCompileCache?.();
const digest = sourceDigest();
let entry = join(compiledDir(digest), 'main.mjs');
if (!existsSync(entry)) {
  try {
    mkdirSync(DIST, { recursive: true });
    entry = join(await compile(digest), 'main.mjs');
  } catch {
    const { register } = await import('tsx/esm/api');
    register();
    entry = new URL('../src/cli/main.ts', import.meta.url).pathname;
  }
}
await import(pathToFileURL(entry).href);
