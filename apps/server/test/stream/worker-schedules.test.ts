import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { createInboxJobHandlers, ensureInboxTickScheduled } from '../../src/jobs/inbox.jobs.ts';
import { ensureDigestTickScheduled } from '../../src/jobs/listening.jobs.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';
import { ombudArgs } from '../support/run-cli.ts';

// Regression: `ombud worker` did not book the `inbox.tick` chain (only `ombud start` did), and two
// processes booking at the same moment could both insert one. Bookings are now serialised.
const sleep = (millis: number) => new Promise<void>((resolve) => setTimeout(resolve, millis));

async function pending(database: TestDatabase, name: string): Promise<number> {
  const rows = await database.db
    .selectFrom('job')
    .select('id')
    .where('name', '=', name)
    .where('status', '=', 'pending')
    .execute();
  return rows.length;
}

describe.each(DATABASE_KINDS)('booking the scheduled ticks (%s)', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database.close();
  });
  afterEach(async () => {
    await database.db.deleteFrom('job').execute();
  });

  it('many bookers at the same moment leave one waiting inbox tick and one digest tick', async () => {
    const now = new Date();
    // On PostgreSQL each booker has its own pool, as separate processes would.
    const handles =
      kind === 'postgres'
        ? await Promise.all(
            Array.from({ length: 6 }, () => openDatabase({ kind: 'postgres', url: database.url ?? '' })),
          )
        : [];
    try {
      const dbs =
        kind === 'postgres' ? handles.map((h) => h.db) : Array.from({ length: 6 }, () => database.db);
      const booked = await Promise.all(
        dbs.flatMap((db) => [ensureInboxTickScheduled(db, now), ensureDigestTickScheduled(db, now)]),
      );
      expect(booked.filter(Boolean)).toHaveLength(2);
      expect(await pending(database, 'inbox.tick')).toBe(1);
      expect(await pending(database, 'listening.digests')).toBe(1);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
    }
  });

  it('a tick running while a worker starts up books no second successor', async () => {
    const now = new Date();
    // The tick as the runner delivers it: its row is no longer pending.
    await database.db
      .insertInto('job')
      .values({ name: 'inbox.tick', payload: '{}', run_after: now, status: 'running' })
      .execute();
    const tick = createInboxJobHandlers()['inbox.tick'];
    await Promise.all([
      tick({}, { db: database.db, now: () => now }),
      ensureInboxTickScheduled(database.db, now),
      ensureInboxTickScheduled(database.db, now),
    ]);
    expect(await pending(database, 'inbox.tick')).toBe(1);
  });

  it.runIf(kind === 'postgres')(
    'two `ombud worker` processes and no API: one inbox tick and one retention job wait',
    async () => {
      const env = {
        ...process.env,
        DATABASE_URL: database.url ?? '',
        NATS_URL: '',
        OMBUD_SMTP_URL: '',
        OMBUD_LOG_LEVEL: 'info',
      };
      const children: { child: ChildProcess; output: string; exited: Promise<unknown> }[] = [];
      for (let i = 0; i < 2; i++) {
        const child = spawn(process.execPath, ombudArgs(['worker']), { env });
        const entry = { child, output: '', exited: new Promise((resolve) => child.once('exit', resolve)) };
        const keep = (chunk: string) => (entry.output += chunk);
        child.stdout.setEncoding('utf8').on('data', keep);
        child.stderr.setEncoding('utf8').on('data', keep);
        children.push(entry);
      }
      try {
        const deadline = Date.now() + 150_000;
        while (!children.every((c) => c.output.includes('scheduled jobs checked'))) {
          if (Date.now() > deadline)
            throw new Error(
              `workers did not start within 150 s:\n${children.map((c) => c.output).join('\n')}`,
            );
          await sleep(200);
        }
        expect(await pending(database, 'inbox.tick')).toBe(1);
        expect(await pending(database, 'privacy.retention')).toBe(1);
        // Exactly one of the two booked it; the other found it waiting.
        const bookedBy = children.filter((c) => /"inboxTick":true/.test(c.output));
        expect(bookedBy).toHaveLength(1);
      } finally {
        for (const { child } of children) child.kill('SIGTERM');
        await Promise.all(children.map((c) => c.exited));
      }
    },
    200_000,
  );
});
