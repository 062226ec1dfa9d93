// Workers load the TypeScript sources through tsx, as the command itself does.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
