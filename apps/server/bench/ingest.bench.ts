// npm run bench:ingest — imports generated posts from JSONL into the PostgreSQL server and into PGlite,
// then re-imports the same file; prints posts/s and the importing process's peak RSS for each.
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import pg from 'pg';

const POSTS = Number(process.env['BENCH_INGEST_POSTS'] ?? 1_000_000);
const adminUrl = process.env['OMBUD_TEST_ADMIN_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const work = mkdtempSync(join(tmpdir(), 'ombud-bench-ingest-'));
const file = join(work, 'posts.jsonl');

// A small seeded generator: the figures must not depend on the run.
let seed = 42;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const words = {
  en: 'the kettle arrived late but it works great love my new Nordvik still waiting for refund customer service was helpful'.split(
    ' ',
  ),
  es: 'la tetera llegó tarde pero funciona genial me encanta mi Nordvik sigo esperando el reembolso atención al cliente'.split(
    ' ',
  ),
  sv: 'vattenkokaren kom sent men den fungerar bra älskar min nya Nordvik väntar fortfarande på återbetalning kundtjänst'.split(
    ' ',
  ),
} as const;
const languages = ['en', 'es', 'sv'] as const;

async function writeFile() {
  const out = createWriteStream(file);
  const start = Date.UTC(2026, 0, 1);
  for (let i = 0; i < POSTS; i += 1) {
    const lang = languages[Math.floor(random() * 3)] ?? 'en';
    const vocabulary = words[lang];
    const length = 8 + Math.floor(random() * 14);
    const text = Array.from({ length }, () => vocabulary[Math.floor(random() * vocabulary.length)]).join(' ');
    const line = JSON.stringify({
      id: `b${i}`,
      platform: 'twitter',
      text: `${text} #MyNordvikStory`,
      created_at: new Date(start + i * 1000).toISOString(),
      author: `user${Math.floor(random() * 50_000)}`,
      author_followers: Math.floor(random() * 10_000),
      lang,
      likes: Math.floor(random() * 50),
    });
    if (!out.write(line + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

function runImport(env: NodeJS.ProcessEnv, target = file) {
  const childEnv = { ...process.env, ...env };
  if (!env['DATABASE_URL']) delete childEnv['DATABASE_URL'];
  const output = execFileSync(
    process.execPath,
    // The V8 flags `ombud import` runs with (apps/server/bin/ombud.js): the old-space ceiling only
    // for the embedded store.
    [
      '--max-semi-space-size=4',
      ...(env['DATABASE_URL'] ? [] : ['--max-old-space-size=192']),
      '--import',
      'tsx',
      join(import.meta.dirname, 'ingest-child.ts'),
      target,
    ],
    {
      env: childEnv,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const last = output.trim().split('\n').at(-1) || '{}';
  return JSON.parse(last) as {
    accepted: number;
    duplicate: number;
    rejected: number;
    seconds: number;
    nodeCpuSeconds: number;
    serverCpuSeconds: number | null;
    maxRssMB: number;
  };
}

// The machine is shared: wall time depends on the load, so CPU time per 1,000 posts is printed too
// (the importing process, and the server backends that served it), with the load average.
function report(label: string, run: ReturnType<typeof runImport>) {
  const posts = run.accepted + run.duplicate;
  const perSecond = Math.round(posts / run.seconds);
  const perThousand = (seconds: number) => `${((seconds * 1000 * 1000) / posts).toFixed(0)} ms`;
  const cpu =
    `CPU/1,000 posts: node ${perThousand(run.nodeCpuSeconds)}` +
    (run.serverCpuSeconds === null ? '' : `, server ${perThousand(run.serverCpuSeconds)}`);
  console.log(
    `${label.padEnd(28)} accepted ${String(run.accepted).padStart(8)}  duplicate ${String(run.duplicate).padStart(8)}  ` +
      `rejected ${run.rejected}  ${run.seconds.toFixed(1)} s  ${perSecond.toLocaleString('en')} posts/s  peak RSS ${run.maxRssMB.toFixed(0)} MB  ` +
      `${cpu}  load ${loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')}`,
  );
}

await writeFile();
console.log(
  `generated ${POSTS.toLocaleString('en')} posts, ${(statSync(file).size / 1e6).toFixed(0)} MB of JSONL`,
);

// BENCH_INGEST_TARGETS=postgres or =pglite runs one store only (default: both).
const targets = (process.env['BENCH_INGEST_TARGETS'] ?? 'postgres,pglite').split(',');
if (targets.includes('postgres')) {
  const database = `ombud_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  try {
    const url = adminUrl.replace(/\/[^/]*$/, `/${database}`);
    report('PostgreSQL server: import', runImport({ DATABASE_URL: url }));
    report('PostgreSQL server: re-import', runImport({ DATABASE_URL: url }));
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
}
if (targets.includes('pglite')) {
  const dataDir = join(work, 'pglite');
  runImport({ OMBUD_DATA_DIR: dataDir }, '--init');
  report('PGlite: import', runImport({ OMBUD_DATA_DIR: dataDir }));
  report('PGlite: re-import', runImport({ OMBUD_DATA_DIR: dataDir }));
}
rmSync(work, { recursive: true, force: true });
