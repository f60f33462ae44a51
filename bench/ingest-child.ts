// One ingest in a process of its own, so its peak RSS and CPU time are the ingest's alone.
// Prints JSON.
import { readFileSync } from 'node:fs';
import { openHubDatabase } from '../hub/db/open.ts';
import { ingestFile } from '../hub/dumps/ingest/ingest-file.ts';

const [file, dbPath, workers] = process.argv.slice(2) as [string, string, string | undefined];
const db = openHubDatabase(dbPath);
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
const cpuBefore = process.cpuUsage();
const mainBefore = mainThreadCpuSeconds();
const result = await ingestFile(file, {
  db,
  dbPath,
  workers: workers ? Number(workers) : undefined,
});
clearInterval(sampler);
db.close();
// maxRSS (KiB) covers the whole process including worker threads; the sampler is a cross-check.
const maxRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
const cpu = process.cpuUsage(cpuBefore);
const mainAfter = mainThreadCpuSeconds();
process.stdout.write(
  JSON.stringify({
    ...result,
    peakRss: maxRss,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    mainCpuSeconds: mainAfter === undefined ? undefined : mainAfter - mainBefore!,
  }) + '\n',
);

/** This (the main) thread's CPU time from Linux's /proc, in USER_HZ ticks (100 a second). */
function mainThreadCpuSeconds(): number | undefined {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}
