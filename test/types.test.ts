import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The type check of src/, test/, bench/ and bin/ (tsconfig.json), as one test among the others, so
// that it runs beside them on the second core instead of before them all (10 s on a fresh clone).
// Its incremental record lives in node_modules/.cache, never in the tree.

const ROOT = join(import.meta.dirname, '..');

describe('the types', () => {
  it('check with tsc: no error anywhere the project compiles', () => {
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const r = spawnSync(process.execPath, [tsc, '-p', ROOT, '--incremental', '--tsBuildInfoFile', join(ROOT, 'node_modules', '.cache', 'shien', 'tsbuildinfo')], { cwd: ROOT, encoding: 'utf8', timeout: 110_000 });
    expect(r.error, 'tsc ran to its end').toBeUndefined();
    expect(r.stdout + r.stderr, 'tsc -p .').toBe('');
    expect(r.status).toBe(0);
  });
});
