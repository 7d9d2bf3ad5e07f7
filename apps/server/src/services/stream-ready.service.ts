import type { ServiceReady } from '@ombud/contract';
import { sql, type Kysely } from 'kysely';
import { migrations } from '../db/migrations/index.ts';
import type { Database } from '../db/schema.ts';
import type { OperationsContext } from './stream-metrics.service.ts';

/**
 * Readiness of a process: the database answers and has every migration this build knows, the
 * work stream (NATS for JetStream) is reachable, and the process is not shutting down.
 */
export async function checkReadiness(
  db: Kysely<Database>,
  operations: Pick<OperationsContext, 'role' | 'workStream' | 'isStopping'>,
): Promise<ServiceReady> {
  const checks: ServiceReady['checks'] = {};
  try {
    const applied = await sql<{ n: number }>`SELECT count(*)::int AS n FROM kysely_migration`.execute(db);
    const expected = Object.keys(migrations).length;
    const count = applied.rows[0]?.n ?? 0;
    checks['database'] = { ok: true };
    checks['migrations'] =
      count >= expected
        ? { ok: true }
        : { ok: false, detail: `${count} of ${expected} migrations applied; run ombud migrate` };
  } catch (error) {
    checks['database'] = { ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
  if (operations.workStream) {
    const stream = await operations.workStream.readiness();
    for (const [name, check] of Object.entries(stream.checks)) if (name !== 'database') checks[name] = check;
  }
  checks['accepting_work'] = operations.isStopping()
    ? { ok: false, detail: 'shutting down: finishing in-flight work' }
    : { ok: true };
  const ready = Object.values(checks).every((check) => check.ok);
  return { status: ready ? 'ready' : 'not_ready', role: operations.role, checks };
}
