// One ingest in a process of its own, so its peak RSS is the ingest's alone. Prints JSON.
import { openHubDatabase } from '../hub/db/open.ts';
import { ingestFile } from '../hub/dumps/ingest/ingest-file.ts';

const [file, dbPath, workers] = process.argv.slice(2) as [string, string, string | undefined];
const db = openHubDatabase(dbPath);
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
const result = await ingestFile(file, {
  db,
  dbPath,
  workers: workers ? Number(workers) : undefined,
});
clearInterval(sampler);
db.close();
// maxRSS (KiB) covers the whole process including worker threads; the sampler is a cross-check.
const maxRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
process.stdout.write(JSON.stringify({ ...result, peakRss: maxRss }) + '\n');
