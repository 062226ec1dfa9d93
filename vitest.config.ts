import { defineConfig } from 'vitest/config';
import LongestFirst from './test/sequencer.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/tools.setup.ts'],
    // Rendering and LibreOffice take seconds, not milliseconds; speed is measured by `npm run bench`.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two forks: a third one starves the LibreOffice and Chromium batches on two cores. Files share a
    // fork's modules (isolate: false) because fonts, templates and the compiled theme are loaded
    // once and only read; a test that changes process state (the README test's PATH) restores it.
    sequence: { sequencer: LongestFirst },
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1, isolate: false } },
  },
});
