import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertWorkspace } from '../../src/repositories/workspace.repository.ts';
import { updatePrivacyPolicy } from '../../src/repositories/privacy-policy.repository.ts';
import {
  approveContentReuse,
  consentReceipts,
  hasValidConsent,
  recordConsent,
  resolveAuthor,
  withdrawConsent,
} from '../../src/services/consent.service.ts';
import { verifyAuditLog } from '../../src/services/audit-log.service.ts';
import { ensureRetentionScheduled, runRetention } from '../../src/services/retention.service.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';
import { drainJobs, ingest, seedCampaign } from './privacy-seed.ts';

const actor = { kind: 'system' as const };
const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n));

describe.each(DATABASE_KINDS)('consent ledger on %s', (kind) => {
  let database: TestDatabase;
  let workspaceId: string;
  let authorId: string;
  let postId: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    workspaceId = (await insertWorkspace(database.db, 'Consent')).id;
    await ingest(
      database.db,
      workspaceId,
      [
        {
          id: 'c1',
          text: 'My kettle story, happy to share it',
          created_at: day(0).toISOString(),
          author: 'marta',
        },
      ],
      day(1),
    );
    authorId = (await resolveAuthor(
      database.db,
      workspaceId,
      { platform: 'twitter', handle: '@Marta' },
      false,
    ))!;
    postId = (await sql<{ id: string }>`SELECT id::text AS id FROM post`.execute(database.db)).rows[0]!.id;
  });
  afterAll(async () => {
    await database.close();
  });

  it('blocks reuse without consent, allows it while consent is valid, blocks it after withdrawal', async () => {
    expect(await hasValidConsent(database.db, authorId, 'marketing_reuse', day(5))).toBe(false);
    await expect(
      approveContentReuse(database.db, {
        workspaceId,
        postId,
        purpose: 'marketing_reuse',
        actor,
        now: day(5),
      }),
    ).rejects.toMatchObject({ code: 'CONSENT_REQUIRED' });

    // Consent for contact is not consent for marketing.
    await recordConsent(database.db, {
      workspaceId,
      authorId,
      purpose: 'contact',
      lawfulBasis: 'legitimate_interests',
      source: 'support ticket',
      actor,
      now: day(4),
    });
    const consent = await recordConsent(database.db, {
      workspaceId,
      subject: { platform: 'twitter', handle: 'marta' },
      purpose: 'marketing_reuse',
      lawfulBasis: 'consent',
      source: 'DM reply "yes, use my photo"',
      givenAt: day(10),
      expiresAt: day(100),
      actor,
      now: day(10),
    });
    expect(consent).toMatchObject({ authorId, valid: true, withdrawnAt: null });
    expect(await hasValidConsent(database.db, authorId, 'marketing_reuse', day(9))).toBe(false);
    expect(await hasValidConsent(database.db, authorId, 'marketing_reuse', day(10))).toBe(true);
    expect(await hasValidConsent(database.db, authorId, 'marketing_reuse', day(100))).toBe(false);
    expect(await hasValidConsent(database.db, authorId, 'advocate_programme', day(20))).toBe(false);
    const reuse = await approveContentReuse(database.db, {
      workspaceId,
      postId,
      purpose: 'marketing_reuse',
      actor,
      now: day(20),
    });
    expect(reuse).toMatchObject({ postId, consentId: consent.id, stillAllowed: true });

    const withdrawn = await withdrawConsent(database.db, {
      workspaceId,
      consentId: consent.id,
      source: 'e-mail to privacy@',
      actor,
      now: day(30),
    });
    expect(withdrawn).toMatchObject({ valid: false, withdrawalSource: 'e-mail to privacy@' });
    expect(await hasValidConsent(database.db, authorId, 'marketing_reuse', day(29))).toBe(true);
    expect(await hasValidConsent(database.db, authorId, 'marketing_reuse', day(31))).toBe(false);
    await expect(
      approveContentReuse(database.db, {
        workspaceId,
        postId,
        purpose: 'marketing_reuse',
        actor,
        now: day(31),
      }),
    ).rejects.toMatchObject({ code: 'CONSENT_REQUIRED' });
    await expect(
      withdrawConsent(database.db, {
        workspaceId,
        consentId: consent.id,
        source: 'again',
        actor,
        now: day(32),
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('exports consent receipts as JSON with a digest', async () => {
    const receipts = await consentReceipts(database.db, workspaceId, { authorId }, day(40));
    expect(receipts.map((r) => [r.purpose, r.status])).toEqual([
      ['contact', 'active'],
      ['marketing_reuse', 'withdrawn'],
    ]);
    expect(receipts[1]).toMatchObject({
      receiptVersion: 'ombud-consent-receipt/1',
      subject: { authorId, platform: 'twitter', handle: 'marta' },
      lawfulBasis: 'consent',
      givenAt: day(10).toISOString(),
      withdrawnAt: day(30).toISOString(),
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(JSON.parse(JSON.stringify(receipts))).toEqual(receipts);
    expect(await verifyAuditLog(database.db, workspaceId)).toMatchObject({ ok: true, entries: 4 });
  });
});

describe.each(DATABASE_KINDS)('retention on %s', (kind) => {
  let database: TestDatabase;
  const now = new Date(Date.UTC(2026, 5, 30));
  const old = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString();
  const recent = new Date(Date.UTC(2026, 5, 25)).toISOString();

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database.close();
  });

  it('deletes posts past the period, keeps newer ones and drops authors left with nothing', async () => {
    const workspaceId = (await insertWorkspace(database.db, 'Delete')).id;
    await seedCampaign(database.db, workspaceId);
    await ingest(
      database.db,
      workspaceId,
      [
        { id: 'd1', text: 'Old Nordvik kettle post', created_at: old(0), author: 'gone_soon' },
        { id: 'd2', text: 'Another old kettle post', created_at: old(1), author: 'stays' },
        { id: 'd3', text: 'A fresh kettle post', created_at: recent, author: 'stays' },
      ],
      now,
    );
    await drainJobs(database.db, () => now);
    await updatePrivacyPolicy(
      database.db,
      workspaceId,
      { retentionDays: 30, retentionAction: 'delete' },
      now,
    );
    expect(await runRetention(database.db, now)).toEqual({ workspaces: 1, deleted: 2, anonymised: 0 });
    const posts = await sql<{ external_id: string }>`
      SELECT external_id FROM post WHERE workspace_id = ${workspaceId}::uuid`.execute(database.db);
    expect(posts.rows.map((r) => r.external_id)).toEqual(['d3']);
    const authors = await sql<{ handle: string }>`
      SELECT handle FROM author WHERE workspace_id = ${workspaceId}::uuid`.execute(database.db);
    expect(authors.rows.map((r) => r.handle)).toEqual(['stays']);
    expect(await runRetention(database.db, now)).toMatchObject({ deleted: 0 });
  });

  it('anonymises posts past the period: no author, no personal data, analysis redone', async () => {
    const workspaceId = (await insertWorkspace(database.db, 'Anonymise')).id;
    await ingest(
      database.db,
      workspaceId,
      [
        {
          id: 'a1',
          text: 'Me llamo Carmen Ruiz, escribidme a carmen.ruiz@example.es, la tetera llegó rota',
          created_at: old(0),
          author: 'carmen_r',
          author_name: 'Carmen Ruiz',
          url: 'https://x.com/carmen_r/status/1',
          extra_field: 'carmen.ruiz@example.es',
        },
        { id: 'a2', text: 'A fresh post', created_at: recent, author: 'fresh_one' },
      ],
      now,
    );
    await drainJobs(database.db, () => now);
    await updatePrivacyPolicy(
      database.db,
      workspaceId,
      { retentionDays: 90, retentionAction: 'anonymise' },
      now,
    );
    expect(await runRetention(database.db, now)).toMatchObject({ anonymised: 1 });
    const row = await sql<{
      text: string;
      url: string | null;
      raw: unknown;
      handle: string;
      sentiment: string;
    }>`
      SELECT p.text, p.url, p.raw, a.handle, pa.sentiment FROM post p
      JOIN author a ON a.id = p.author_id JOIN post_analysis pa ON pa.post_id = p.id
      WHERE p.external_id = 'a1' AND p.workspace_id = ${workspaceId}::uuid`.execute(database.db);
    expect(row.rows[0]).toMatchObject({
      handle: 'anonymous',
      url: null,
      raw: null,
      sentiment: 'negative',
    });
    expect(row.rows[0]?.text).not.toMatch(/carmen/i);
    expect(row.rows[0]?.text).toContain('[EMAIL]');
    const carmen = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM author WHERE handle = 'carmen_r'`.execute(database.db);
    expect(carmen.rows[0]?.n).toBe(0);
    expect(await runRetention(database.db, now)).toMatchObject({ anonymised: 0 });
  });

  it('books one hourly retention job and runs it through the job runner', async () => {
    const clock = new Date();
    const workspaceId = (await insertWorkspace(database.db, 'Scheduled')).id;
    await updatePrivacyPolicy(database.db, workspaceId, { retentionDays: 10 }, clock);
    await sql`DELETE FROM privacy_schedule`.execute(database.db);
    await sql`DELETE FROM job WHERE name = 'privacy.retention'`.execute(database.db);
    await ingest(
      database.db,
      workspaceId,
      [{ id: 's1', text: 'old post', created_at: old(0), author: 'sch' }],
      clock,
    );
    await drainJobs(database.db, () => clock);
    const pendingRetention = async () =>
      (
        await sql<{ n: number; due_in: number | null }>`
          SELECT count(*)::int AS n, extract(epoch FROM min(run_after) - now())::int AS due_in FROM job
          WHERE name = 'privacy.retention' AND status = 'pending'`.execute(database.db)
      ).rows[0]!;
    // `ombud start` / `ombud worker` book the chain when they start; a second call books nothing.
    expect(await ensureRetentionScheduled(database.db)).toBe(true);
    expect(await ensureRetentionScheduled(database.db)).toBe(false);
    expect((await pendingRetention()).n).toBe(1);
    // Not due yet: draining leaves the old post and the booked job alone.
    expect(await drainJobs(database.db, () => clock)).toBe(0);
    expect((await sql`SELECT 1 FROM post WHERE external_id = 's1'`.execute(database.db)).rows).toHaveLength(
      1,
    );
    // Once due, the job runs retention and books the next run an hour on.
    await sql`UPDATE job SET run_after = now() - interval '1 second' WHERE name = 'privacy.retention'`.execute(
      database.db,
    );
    await sql`UPDATE privacy_schedule SET next_run_at = now() - interval '1 second'`.execute(database.db);
    expect(await drainJobs(database.db, () => clock)).toBe(1);
    expect((await sql`SELECT 1 FROM post WHERE external_id = 's1'`.execute(database.db)).rows).toHaveLength(
      0,
    );
    const next = await pendingRetention();
    expect(next.n).toBe(1);
    expect(next.due_in).toBeGreaterThan(3500);
    // A duplicate delivery finds the slot not due: it runs nothing and books nothing more.
    await sql`INSERT INTO job (name, payload) VALUES ('privacy.retention', '{}')`.execute(database.db);
    expect(await drainJobs(database.db, () => clock)).toBe(1);
    expect((await pendingRetention()).n).toBe(1);
  });
});
