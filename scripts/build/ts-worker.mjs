// Starts a TypeScript module in a worker thread: registers tsx's loader in this thread (the
// build runs under tsx, the tests under vitest; neither passes its loader to a worker), then
// imports the module named in workerData.entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
