// Entry of the worker threads that normalize blocks of a large CSV import in parallel. Worker
// threads start without the TypeScript loader of the main thread, so they register it first.
import { register } from 'tsx/esm/api';

register();
await import('./rowWorker.ts');
