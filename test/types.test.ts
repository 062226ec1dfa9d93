import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The type check of src/, test/, bench/ and bin/ (tsconfig.json), as one test among the others, so
// that it runs beside them on the second core instead of before them all. It is TypeScript 7's
// compiler (the native one, installed as typescript-native): 1.5 s on a fresh clone where
// TypeScript 5's took 9 s alone and 22 s beside the other tests. TypeScript 5 stays for
// dependency-cruiser, which parses the sources with its API (TypeScript 7 has none).
// Its incremental record lives in node_modules/.cache, never in the tree.

const ROOT = join(import.meta.dirname, '..');

describe('the types', () => {
  it('check with tsc (TypeScript 7): no error anywhere the project compiles', () => {
    const tsc = join(ROOT, 'node_modules', 'typescript-native', 'bin', 'tsc');
    const r = spawnSync(process.execPath, [tsc, '-p', ROOT, '--incremental', '--tsBuildInfoFile', join(ROOT, 'node_modules', '.cache', 'shien', 'tsbuildinfo')], { cwd: ROOT, encoding: 'utf8', timeout: 110_000 });
    expect(r.error, 'tsc ran to its end').toBeUndefined();
    expect(r.stdout + r.stderr, 'tsc -p .').toBe('');
    expect(r.status).toBe(0);
  });
});
