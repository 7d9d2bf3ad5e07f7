// Runs one import in its own process so the benchmark can read that process's peak RSS and CPU time,
// and (on a PostgreSQL server on this machine) the CPU time of the server backends that served it.
import { createReadStream, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { openMigratedDatabase, defaultWorkspace } from '../src/app-context.ts';
import { loadConfig } from '../src/config.ts';
import { DEFAULT_FIELD_MAPPING } from '../src/ingest/field-mapping.ts';
import { readRecords } from '../src/ingest/record-reader.ts';
import { ingestRecords } from '../src/services/ingest.service.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: ingest-child FILE | --init');
const config = loadConfig();
const handle = await openMigratedDatabase(config);
if (file === '--init') {
  // Creating a PGlite data folder (initdb) peaks near 900 MB once; the import is measured apart from it.
  await handle.close();
  process.exit(0);
}
const workspace = await defaultWorkspace(handle);

/** utime + stime of a local process in seconds, or undefined when it is gone or not on this machine. */
const clockTicks = 100;
function processCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  } catch {
    return undefined;
  }
}

// Server backends come and go with the pool: sample them every 200 ms and keep each one's last
// reading. A backend that already existed counts from its first reading; one opened during the
// import counts from zero (all its work was this import's).
const backendStart = new Map<number, number>();
const backendLast = new Map<number, number>();
let sampling: Promise<void> = Promise.resolve();
let importRunning = false;
const sampleBackends = async () => {
  if (handle.kind !== 'postgres') return;
  const rows = await sql<{ pid: number }>`
    SELECT pid FROM pg_stat_activity WHERE datname = current_database()`.execute(handle.db);
  for (const { pid } of rows.rows) {
    const cpu = processCpuSeconds(pid);
    if (cpu === undefined) continue;
    if (!backendStart.has(pid)) backendStart.set(pid, importRunning ? 0 : cpu);
    backendLast.set(pid, cpu);
  }
};
await sampleBackends();
const timer = setInterval(() => {
  sampling = sampling.then(sampleBackends, () => undefined);
}, 200);

importRunning = true;
const cpuBefore = process.cpuUsage();
const started = performance.now();
const summary = await ingestRecords(
  handle.db,
  readRecords(createReadStream(file, { highWaterMark: 256 * 1024 }), { format: 'jsonl' }),
  {
    workspaceId: workspace.id,
    sourceKind: 'import',
    fileName: file,
    format: 'jsonl',
    mapping: DEFAULT_FIELD_MAPPING,
    defaultPlatform: 'import',
    now: new Date(),
    batchSize: Number(process.env['BENCH_BATCH'] ?? 2000),
    ...(process.env['BENCH_PARALLEL'] ? { parallelBatches: Number(process.env['BENCH_PARALLEL']) } : {}),
    keepRaw: process.env['BENCH_RAW'] !== '0',
  },
);
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
clearInterval(timer);
await sampling;
await sampleBackends();
let serverCpuSeconds = 0;
for (const [pid, last] of backendLast) serverCpuSeconds += last - (backendStart.get(pid) ?? last);
await handle.close();
console.log(
  JSON.stringify({
    accepted: summary.accepted,
    duplicate: summary.duplicate,
    rejected: summary.rejected,
    seconds,
    nodeCpuSeconds: (cpu.user + cpu.system) / 1e6,
    serverCpuSeconds: handle.kind === 'postgres' ? serverCpuSeconds : null,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  }),
);
