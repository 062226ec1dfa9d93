#!/usr/bin/env node
// The command runs the TypeScript sources directly (through tsx), so a clone works after
// `npm ci` with no build step and no compiled files to go stale.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
