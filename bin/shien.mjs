#!/usr/bin/env node
// The command runs the compiled sources in dist/ (made by `npm ci`, see scripts/compile.mjs). Before
// that it compares the digest of src/ with the one dist/ was made from and compiles again when they
// differ, so an edit or a `git pull` is always what runs. Without esbuild it runs the sources through tsx.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compile, compiledDigest, DIST, sourceDigest } from '../scripts/compile.mjs';

const digest = sourceDigest();
let entry = join(DIST, 'main.mjs');
if (digest !== compiledDigest()) {
  try {
    await compile(digest);
  } catch {
    const { register } = await import('tsx/esm/api');
    register();
    entry = new URL('../src/cli/main.ts', import.meta.url).pathname;
  }
}
await import(pathToFileURL(entry).href);
