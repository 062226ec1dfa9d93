import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A package as it ships: a second copy of its module, loaded past the one the writers patched (which
 * stays in the cache for everyone else), for tests that hold a patch to the original.
 */
export function pristine<T>(name: string): T {
  const path = require.resolve(name);
  const patched = require.cache[path];
  delete require.cache[path];
  try {
    return require(path) as T;
  } finally {
    if (patched) require.cache[path] = patched;
    else delete require.cache[path];
  }
}
