import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertWorkspace } from '../../src/repositories/workspace.repository.ts';
import { updatePrivacyPolicy } from '../../src/repositories/privacy-policy.repository.ts';
import { verifyAuditLog } from '../../src/services/audit-log.service.ts';
import { approveContentReuse, recordConsent } from '../../src/services/consent.service.ts';
import {
  createPrivacyRequest,
  executeErasureRequest,
  exportSubjects,
  subjectExportToCsv,
} from '../../src/services/data-subject.service.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';
import { drainJobs, ingest, seedCampaign } from './privacy-seed.ts';

const HANDLE = 'lina_bergqvist82';
const NAME = 'Lina Bergqvist';
const EMAIL = 'lina.bergqvist82@example.se';
const PERSON_TEXTS = [
  `Min vattenkokare från Nordvik gick sönder efter två dagar, ring mig på 070-123 45 67 eller mejla ${EMAIL} #MinBerättelse`,
  'Jag heter Lina Bergqvist och jag är så besviken på er kundtjänst, ingen svarar! Hjälp mig nu #NordvikStory',
  'I love how fast the Nordvik kettle boils, best purchase this year honestly #NordvikStory',
  'Mi tetera Nordvik llegó rota y nadie me responde, ¿cómo pido el reembolso? #MiHistoria',
];
const OTHER_TEXTS = [
  `@${HANDLE} same here, my Nordvik kettle leaks too #NordvikStory`,
  'La tetera Nordvik es preciosa, la recomiendo a todos #MiHistoria',
  'Vattenkokaren från Nordvik är fantastisk, rekommenderas #MinBerättelse',
];

const when = (minutes: number) => new Date(Date.UTC(2026, 10, 20, 9, minutes)).toISOString();

function personRecords() {
  return PERSON_TEXTS.map((text, index) => ({
    id: `lina-${index}`,
    text,
    created_at: when(index),
    author: HANDLE,
    author_name: NAME,
    author_followers: 1200,
    platform: 'twitter',
    url: `https://x.com/${HANDLE}/status/${1000 + index}`,
    // Unmapped fields are kept as raw JSON: copies of the handle and e-mail live there too.
    profile_bio: `Contact ${EMAIL}`,
  }));
}

function otherRecords() {
  return OTHER_TEXTS.map((text, index) => ({
    id: `other-${index}`,
    text,
    created_at: when(10 + index),
    author: `other_person_${index}`,
    author_name: `Other Person ${index}`,
    platform: 'twitter',
  }));
}

/**
 * Searches every text, JSON and array column of every table listed in information_schema for a
 * string, case-insensitively. Independent of the erasure code on purpose.
 */
async function searchWholeDatabase(database: TestDatabase, needle: string): Promise<string[]> {
  const columns = await sql<{ table_name: string; column_name: string; data_type: string }>`
    SELECT c.table_name, c.column_name, c.data_type
    FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
      AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'USER-DEFINED'))
  `.execute(database.db);
  const hits: string[] = [];
  const pattern = `%${needle.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  for (const column of columns.rows) {
    const result = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM ${sql.table(column.table_name)}
      WHERE lower(${sql.ref(column.column_name)}::text) LIKE ${pattern}
    `.execute(database.db);
    const n = result.rows[0]?.n ?? 0;
    if (n > 0) hits.push(`${column.table_name}.${column.column_name} (${n})`);
  }
  return hits;
}

describe.each(DATABASE_KINDS)('erasure on %s', (kind) => {
  let database: TestDatabase;
  let workspaceId: string;
  const actor = { kind: 'system' as const };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    workspaceId = (await insertWorkspace(database.db, 'Nordvik')).id;
    await seedCampaign(database.db, workspaceId);
    // Redact at ingest, keep originals apart: the person's data lives in post, post_original and raw.
    await updatePrivacyPolicy(
      database.db,
      workspaceId,
      { redaction: 'pseudonymise', keepOriginal: true },
      new Date(),
    );
    const first = await ingest(database.db, workspaceId, [...personRecords(), ...otherRecords()]);
    expect(first).toMatchObject({ accepted: 7, rejected: 0 });
    await drainJobs(database.db);
  }, 120_000);
  afterAll(async () => {
    await database.close();
  });

  it('finds the person in the database before erasure (the search works)', async () => {
    for (const needle of [HANDLE, NAME, EMAIL, PERSON_TEXTS[2]!]) {
      expect(await searchWholeDatabase(database, needle), needle).not.toEqual([]);
    }
    const analysed = await sql<{ n: number }>`SELECT count(*)::int AS n FROM post_analysis`.execute(
      database.db,
    );
    expect(analysed.rows[0]?.n).toBe(7);
    const originals = await sql<{ n: number }>`SELECT count(*)::int AS n FROM post_original`.execute(
      database.db,
    );
    expect(originals.rows[0]?.n).toBeGreaterThanOrEqual(4);
  });

  it('exports everything about the person as JSON and CSV', async () => {
    const document = await exportSubjects(database.db, {
      workspaceId,
      identities: [{ platform: 'twitter', handle: HANDLE }],
      now: new Date(),
    });
    expect(document.authors).toHaveLength(1);
    expect(document.authors[0]).toMatchObject({ handle: HANDLE, display_name: NAME });
    expect(document.tables['post']).toHaveLength(4);
    expect(document.tables['post_analysis']).toHaveLength(4);
    expect(document.tables['post_original']?.map((row) => row['text'])).toEqual(
      expect.arrayContaining([PERSON_TEXTS[0]]),
    );
    // The other person's post that mentions the handle is found by the text search.
    expect(document.mentions.some((m) => m.table === 'post' && String(m.value).includes(HANDLE))).toBe(true);
    const csv = subjectExportToCsv(document);
    expect(csv.split('\n')[0]).toBe('section,table,row,column,value');
    expect(csv).toContain(`author,author,1,handle,${HANDLE}`);
    expect(csv).toContain('related,post,');
  });

  it('erases the person from every table, proven by searching the whole database', async () => {
    const author = await sql<{
      id: string;
    }>`SELECT id::text AS id FROM author WHERE handle = ${HANDLE}`.execute(database.db);
    const authorId = author.rows[0]!.id;
    await recordConsent(database.db, {
      workspaceId,
      authorId,
      purpose: 'marketing_reuse',
      lawfulBasis: 'consent',
      source: `DM reply from @${HANDLE}`,
      actor,
      now: new Date(),
    });
    const post = await sql<{
      id: string;
    }>`SELECT id::text AS id FROM post WHERE author_id = ${authorId}::bigint LIMIT 1`.execute(database.db);
    await approveContentReuse(database.db, {
      workspaceId,
      postId: post.rows[0]!.id,
      purpose: 'marketing_reuse',
      actor,
      now: new Date(),
    });
    const access = await createPrivacyRequest(database.db, {
      workspaceId,
      kind: 'access',
      subjects: [{ platform: 'twitter', handle: HANDLE }],
      actor,
      now: new Date(),
    });
    expect(access.subjects).toEqual([{ platform: 'twitter', handle: HANDLE }]);
    const request = await createPrivacyRequest(database.db, {
      workspaceId,
      kind: 'erasure',
      subjects: [{ platform: 'twitter', handle: `@${HANDLE.toUpperCase()}` }],
      actor,
      now: new Date(),
    });
    const done = await executeErasureRequest(database.db, {
      workspaceId,
      requestId: request.id,
      actor,
      now: new Date(),
    });
    expect(done.status).toBe('done');
    expect(done.subjects).toBeNull();
    expect(done.outcome).toMatchObject({ authorsErased: 1, remainingMatches: 0 });
    expect((done.outcome as { rowsDeleted: Record<string, number> }).rowsDeleted).toMatchObject({
      author: 1,
      post: 4,
      post_analysis: 4,
      post_original: 4,
      consent_record: 1,
      content_reuse: 1,
    });

    const needles = [HANDLE, NAME, EMAIL, '070-123 45 67', ...PERSON_TEXTS];
    const storedTexts = await sql<{ text: string }>`SELECT text FROM post`.execute(database.db);
    expect(storedTexts.rows).toHaveLength(3);
    for (const needle of needles) expect(await searchWholeDatabase(database, needle), needle).toEqual([]);
    // Other people's posts stay; the mention of the person is replaced.
    expect(storedTexts.rows.map((r) => r.text)).toContain(
      '[erased] same here, my Nordvik kettle leaks too #NordvikStory',
    );
    expect(await verifyAuditLog(database.db)).toMatchObject({ ok: true });
  });

  it('does not bring the person back when the same posts arrive again (tombstone)', async () => {
    const again = await ingest(database.db, workspaceId, [...personRecords(), ...otherRecords()]);
    expect(again).toMatchObject({ accepted: 0, duplicate: 3, rejected: 4 });
    expect(again.problems.every((p) => p.code === 'ERASED_PERSON')).toBe(true);
    await drainJobs(database.db);
    for (const needle of [HANDLE, NAME, EMAIL, ...PERSON_TEXTS])
      expect(await searchWholeDatabase(database, needle), needle).toEqual([]);
    const tombstones = await sql<{ n: number }>`SELECT count(*)::int AS n FROM privacy_tombstone`.execute(
      database.db,
    );
    expect(tombstones.rows[0]?.n).toBe(1);
  });
});
