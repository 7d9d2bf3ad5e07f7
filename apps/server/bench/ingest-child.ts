// Runs one import in its own process so the benchmark can read that process's peak RSS.
import { createReadStream } from 'node:fs';
import { openMigratedDatabase, defaultWorkspace } from '../src/app-context.ts';
import { loadConfig } from '../src/config.ts';
import { DEFAULT_FIELD_MAPPING } from '../src/ingest/field-mapping.ts';
import { readRecords } from '../src/ingest/record-reader.ts';
import { ingestRecords } from '../src/services/ingest.service.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: ingest-child FILE | --init');
const handle = await openMigratedDatabase(loadConfig());
if (file === '--init') {
  // Creating a PGlite data folder (initdb) peaks near 900 MB once; the import is measured apart from it.
  await handle.close();
  process.exit(0);
}
const workspace = await defaultWorkspace(handle);
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
await handle.close();
console.log(
  JSON.stringify({
    accepted: summary.accepted,
    duplicate: summary.duplicate,
    rejected: summary.rejected,
    seconds,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  }),
);
