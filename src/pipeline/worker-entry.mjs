// A worker process started from the sources (tests) loads them through tsx; the command starts the
// compiled one (dist/worker-entry.mjs).
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
