import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertWorkspace } from '../../src/repositories/workspace.repository.ts';
import { appendAudit, listAudit, verifyAuditLog } from '../../src/services/audit-log.service.ts';
import { runOmbud } from '../support/run-cli.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

describe.each(DATABASE_KINDS)('audit log on %s', (kind) => {
  let database: TestDatabase;
  let workspaceA: string;
  let workspaceB: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    workspaceA = (await insertWorkspace(database.db, 'A')).id;
    workspaceB = (await insertWorkspace(database.db, 'B')).id;
    for (let i = 0; i < 6; i += 1) {
      await appendAudit(database.db, {
        workspaceId: i % 2 === 0 ? workspaceA : workspaceB,
        actor: { kind: 'user', id: `user-${i}` },
        action: i % 3 === 0 ? 'post.original.read' : 'privacy.policy.updated',
        target: { kind: 'post', id: String(100 + i) },
        details: { count: i, changed: ['redaction', 'retentionDays'], nested: { b: 2, a: 1 } },
        occurredAt: new Date(Date.UTC(2026, 10, 23, 10, i, 0, 123)),
      });
    }
  });
  afterAll(async () => {
    await database.close();
  });

  it('chains entries per workspace and verifies them', async () => {
    const entries = await listAudit(database.db, workspaceA, { limit: 10 });
    expect(entries).toHaveLength(3);
    const [newest, middle, oldest] = entries;
    expect(oldest?.prevHash).toBe('0'.repeat(64));
    expect(middle?.prevHash).toBe(oldest?.hash);
    expect(newest?.prevHash).toBe(middle?.hash);
    expect(await verifyAuditLog(database.db)).toEqual({ ok: true, workspaces: 2, entries: 6 });
    expect(await verifyAuditLog(database.db, workspaceB)).toEqual({ ok: true, workspaces: 1, entries: 3 });
  });

  it('keeps the chain intact under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        appendAudit(database.db, {
          workspaceId: workspaceA,
          actor: { kind: 'system' },
          action: 'retention.applied',
          details: { i },
          occurredAt: new Date(),
        }),
      ),
    );
    const v = await verifyAuditLog(database.db);
    expect(v).toMatchObject({ ok: true, entries: 18 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE with a trigger', async () => {
    await expect(sql`UPDATE audit_log SET action = 'nothing'`.execute(database.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`DELETE FROM audit_log`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(database.db)).rejects.toThrow(/append-only/);
    expect(await verifyAuditLog(database.db)).toMatchObject({ ok: true });
  });

  it('detects an edited entry and a removed entry once someone bypasses the trigger', async () => {
    const url = database.url;
    if (url) {
      const before = await runOmbud(['audit', 'verify'], { ...process.env, DATABASE_URL: url });
      expect(before.status).toBe(0);
      expect(JSON.parse(before.stdout)).toMatchObject({ ok: true, entries: 18 });
    }
    const target = (await listAudit(database.db, workspaceB, { limit: 10 }))[1]!;
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(database.db);
    await sql`UPDATE audit_log SET details = jsonb_set(details, '{count}', '99') WHERE seq = ${target.seq}::bigint`.execute(
      database.db,
    );
    const edited = await verifyAuditLog(database.db);
    expect(edited).toMatchObject({
      ok: false,
      brokenAt: { seq: target.seq, reason: expect.stringMatching(/edited/) },
    });
    if (url) {
      const after = await runOmbud(['audit', 'verify'], { ...process.env, DATABASE_URL: url });
      expect(after.status).toBe(1);
      expect(after.stderr).toMatch(new RegExp(`BROKEN at entry ${target.seq}`));
    }
    // Put the content back, then remove an entry from the middle of workspace A's chain instead.
    await sql`UPDATE audit_log SET details = jsonb_set(details, '{count}', ${String(target.details['count'])}::jsonb) WHERE seq = ${target.seq}::bigint`.execute(
      database.db,
    );
    expect(await verifyAuditLog(database.db)).toMatchObject({ ok: true });
    const middle = (await listAudit(database.db, workspaceA, { limit: 100 })).at(-2)!;
    await sql`DELETE FROM audit_log WHERE seq = ${middle.seq}::bigint`.execute(database.db);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`.execute(database.db);
    const removed = await verifyAuditLog(database.db, workspaceA);
    expect(removed).toMatchObject({
      ok: false,
      brokenAt: { reason: expect.stringMatching(/removed or reordered/) },
    });
  }, 60_000);
});
