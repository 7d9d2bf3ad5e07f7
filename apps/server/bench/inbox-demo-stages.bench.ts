// npm run bench:inbox-demo — seeds the demo into an in-memory PGlite, drains the analysis jobs and
// prints how long each after-analysis stage took in total (and the inbox items it made), so the
// inbox stage's share of the demo's analysis time can be compared before and after a change.
import { sql } from 'kysely';
import { migrateToLatest, openDatabase } from '../src/db/database.ts';
import { createJobRunner } from '../src/jobs/job-runner.ts';
import { createJobRegistry } from '../src/jobs/registry.ts';
import { AFTER_ANALYSIS_STAGES } from '../src/pipeline/after-analysis.ts';
import { seedDemoIfEmpty } from '../src/services/demo.service.ts';

const totals = new Map<string, { ms: number; calls: number; posts: number }>();
for (const stage of AFTER_ANALYSIS_STAGES) {
  const run = stage.run;
  totals.set(stage.name, { ms: 0, calls: 0, posts: 0 });
  stage.run = async (ids, ctx) => {
    const started = performance.now();
    try {
      await run(ids, ctx);
    } finally {
      const t = totals.get(stage.name) as { ms: number; calls: number; posts: number };
      t.ms += performance.now() - started;
      t.calls += 1;
      t.posts += ids.length;
    }
  };
}

const handle = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
try {
  await migrateToLatest(handle.db);
  const seeded = await seedDemoIfEmpty(handle.db, { now: new Date(), log: (m) => console.error(m) });
  if (!seeded) throw new Error('inbox-demo-stages: the fresh database was not empty');
  const runner = createJobRunner({
    registry: createJobRegistry(),
    context: { db: handle.db, now: () => new Date() },
    log: { info: () => undefined, warn: console.error, error: console.error },
  });
  const started = performance.now();
  await runner.drain();
  const drain = performance.now() - started;
  const stages = [...totals].map(([name, t]) => ({
    name,
    seconds: +(t.ms / 1000).toFixed(2),
    calls: t.calls,
  }));
  const counts = await sql<{ items: number; clusters: number; crisis: number; entries: number }>`
    SELECT (SELECT count(*)::int FROM inbox_item) AS items, (SELECT count(*)::int FROM inbox_cluster) AS clusters,
           (SELECT count(*)::int FROM inbox_item WHERE 'crisis_cluster' = ANY(risk_flags)) AS crisis,
           (SELECT count(*)::int FROM inbox_cluster_entry) AS entries
  `.execute(handle.db);
  console.log(`demo: ${seeded.posts} posts, drain ${(drain / 1000).toFixed(1)} s`);
  for (const s of stages)
    console.log(`  ${s.name.padEnd(12)} ${s.seconds.toFixed(2).padStart(8)} s  (${s.calls} calls)`);
  console.log(`  inbox: ${JSON.stringify(counts.rows[0])}`);
} finally {
  await handle.close();
}
