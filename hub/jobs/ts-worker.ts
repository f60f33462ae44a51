import { Worker, type ResourceLimits } from 'node:worker_threads';

// The hub runs TypeScript through tsx. On Node 20 a loader hook given with `--import` is not
// applied to a worker's own entry file, so each worker starts from this small script that
// registers tsx first and then imports the real module.
const tsxApi = import.meta.resolve('tsx/esm/api');
const bootstrap = `
const { workerData } = require('node:worker_threads');
import(${JSON.stringify(tsxApi)})
  .then(({ register }) => { register(); return import(workerData.moduleUrl); })
  .catch((err) => { process.nextTick(() => { throw err; }); });
`;

/** Starts a worker thread running the TypeScript module at `moduleUrl`; `data` reaches it as workerData.data. */
export function startTsWorker(
  moduleUrl: URL,
  data: unknown,
  resourceLimits?: ResourceLimits,
): Worker {
  return new Worker(bootstrap, {
    eval: true,
    workerData: { moduleUrl: moduleUrl.href, data },
    resourceLimits,
  });
}
