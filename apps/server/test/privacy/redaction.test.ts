import { analyzePost } from '@ombud/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertWorkspace } from '../../src/repositories/workspace.repository.ts';
import { updatePrivacyPolicy } from '../../src/repositories/privacy-policy.repository.ts';
import { applyRedaction } from '../../src/services/privacy-ingest.service.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';
import { drainJobs, ingest } from './privacy-seed.ts';

const KEY = 'a'.repeat(64);

/** Posts with personal data in en/es/sv, each with the reading a person would give it. */
const SENTENCES: { text: string; language: string; sentiment: string }[] = [
  {
    text: 'My kettle broke after two days, call me on +44 7911 123456, this is terrible',
    language: 'en',
    sentiment: 'negative',
  },
  {
    text: 'I love my new kettle, thank you! Email me at jane.doe@example.com for the review',
    language: 'en',
    sentiment: 'positive',
  },
  {
    text: 'My name is John Carter and the refund never arrived, awful service, card 4111 1111 1111 1111',
    language: 'en',
    sentiment: 'negative',
  },
  {
    text: 'Mi tetera llegó rota y nadie me responde, mi teléfono es 612 345 678, qué vergüenza',
    language: 'es',
    sentiment: 'negative',
  },
  {
    text: 'Me encanta la tetera, funciona genial, escribidme a lucia.gomez@correo.es',
    language: 'es',
    sentiment: 'positive',
  },
  {
    text: 'Me llamo Pedro Sánchez, mi DNI es 12345678Z y todavía espero el reembolso, fatal',
    language: 'es',
    sentiment: 'negative',
  },
  {
    text: 'Vattenkokaren gick sönder direkt, ring mig på 070-123 45 67, riktigt dåligt',
    language: 'sv',
    sentiment: 'negative',
  },
  {
    text: 'Jag älskar min nya vattenkokare, den är fantastisk! Maila anna.svensson@exempel.se',
    language: 'sv',
    sentiment: 'positive',
  },
  {
    text: 'Jag heter Erik Lind, personnummer 811218-9876, och jag väntar fortfarande på pengarna, uselt',
    language: 'sv',
    sentiment: 'negative',
  },
];

describe('redacted text still analyses like the original', () => {
  it.each(SENTENCES)('$language: $text', ({ text, language, sentiment }) => {
    const original = analyzePost({ text });
    const masked = applyRedaction(text, { redaction: 'redact', pseudonymKey: KEY });
    const pseudonymised = applyRedaction(text, { redaction: 'pseudonymise', pseudonymKey: KEY });
    expect(masked).not.toBe(text);
    expect(masked).toMatch(/\[[A-Z_]+\]/);
    expect(pseudonymised).toMatch(/\[[A-Z_]+:[0-9a-f]{12}\]/);
    expect(original.language.language).toBe(language);
    expect(original.sentiment.label).toBe(sentiment);
    for (const redacted of [masked, pseudonymised]) {
      const analysis = analyzePost({ text: redacted });
      expect(analysis.language.language).toBe(original.language.language);
      expect(analysis.sentiment.label).toBe(original.sentiment.label);
      expect(analysis.intents.map((i) => i.label)).toEqual(original.intents.map((i) => i.label));
      expect(analysis.aspects.map((a) => a.aspect)).toEqual(original.aspects.map((a) => a.aspect));
    }
  });
});

describe.each(DATABASE_KINDS)('redaction policy at ingest on %s', (kind) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database.close();
  });

  const records = (prefix: string) => [
    {
      id: `${prefix}-1`,
      text: 'Mi tetera llegó rota y nadie me responde, escribidme a lucia.gomez@correo.es, qué vergüenza',
      created_at: '2026-11-01T10:00:00Z',
      author: 'lucia',
      contact: 'lucia.gomez@correo.es',
    },
    {
      id: `${prefix}-2`,
      text: 'Sigo esperando, lucia.gomez@correo.es otra vez, fatal',
      created_at: '2026-11-01T11:00:00Z',
      author: 'lucia',
    },
    {
      id: `${prefix}-3`,
      text: 'Nada personal aquí, me gusta la tetera',
      created_at: '2026-11-01T12:00:00Z',
      author: 'x',
    },
  ];

  it('keep: stores texts as they came', async () => {
    const workspaceId = (await insertWorkspace(database.db, 'Keep')).id;
    await ingest(database.db, workspaceId, records('k'));
    const texts = await sql<{
      text: string;
    }>`SELECT text FROM post WHERE workspace_id = ${workspaceId}::uuid ORDER BY external_id`.execute(
      database.db,
    );
    expect(texts.rows[0]?.text).toContain('lucia.gomez@correo.es');
  });

  it('redact at ingest without keeping originals: the e-mail is stored nowhere', async () => {
    const workspaceId = (await insertWorkspace(database.db, 'Redact')).id;
    await updatePrivacyPolicy(
      database.db,
      workspaceId,
      { redaction: 'redact', keepOriginal: false },
      new Date(),
    );
    await ingest(database.db, workspaceId, records('r'));
    await drainJobs(database.db);
    const rows = await sql<{
      text: string;
      raw: Record<string, unknown> | null;
      sentiment: string;
      language: string;
    }>`
      SELECT p.text, p.raw, pa.sentiment, pa.language FROM post p JOIN post_analysis pa ON pa.post_id = p.id
      WHERE p.workspace_id = ${workspaceId}::uuid ORDER BY p.external_id`.execute(database.db);
    expect(rows.rows.map((r) => r.text)).toEqual([
      'Mi tetera llegó rota y nadie me responde, escribidme a [EMAIL], qué vergüenza',
      'Sigo esperando, [EMAIL] otra vez, fatal',
      'Nada personal aquí, me gusta la tetera',
    ]);
    expect(rows.rows[0]?.raw).toEqual({ contact: '[EMAIL]' });
    const original = analyzePost({ text: records('r')[0]!.text });
    expect(rows.rows[0]).toMatchObject({
      language: original.language.language,
      sentiment: original.sentiment.label,
    });
    const leaked = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM post p LEFT JOIN post_original o ON o.post_id = p.id
      WHERE p.workspace_id = ${workspaceId}::uuid
        AND (p.text LIKE '%correo.es%' OR p.raw::text LIKE '%correo.es%' OR o.post_id IS NOT NULL)`.execute(
      database.db,
    );
    expect(leaked.rows[0]?.n).toBe(0);
  });

  it('pseudonymise and keep originals apart: same value, same token; originals only for changed posts', async () => {
    const workspaceId = (await insertWorkspace(database.db, 'Pseudo')).id;
    await updatePrivacyPolicy(
      database.db,
      workspaceId,
      { redaction: 'pseudonymise', keepOriginal: true },
      new Date(),
    );
    const input = records('p');
    await ingest(database.db, workspaceId, input);
    const rows = await sql<{ external_id: string; text: string; original: string | null }>`
      SELECT p.external_id, p.text, o.text AS original FROM post p LEFT JOIN post_original o ON o.post_id = p.id
      WHERE p.workspace_id = ${workspaceId}::uuid ORDER BY p.external_id`.execute(database.db);
    const tokens = rows.rows.map((r) => r.text.match(/\[EMAIL:([0-9a-f]{12})\]/)?.[1]);
    expect(tokens[0]).toBeDefined();
    expect(tokens[0]).toBe(tokens[1]);
    expect(rows.rows.map((r) => r.original)).toEqual([input[0]!.text, input[1]!.text, null]);
    // Another workspace has another key: the same e-mail gets a different token there.
    const other = (await insertWorkspace(database.db, 'Pseudo 2')).id;
    await updatePrivacyPolicy(database.db, other, { redaction: 'pseudonymise' }, new Date());
    await ingest(database.db, other, records('q'));
    const otherText = await sql<{ text: string }>`
      SELECT text FROM post WHERE workspace_id = ${other}::uuid AND external_id = 'q-1'`.execute(database.db);
    expect(otherText.rows[0]?.text).toMatch(/\[EMAIL:[0-9a-f]{12}\]/);
    expect(otherText.rows[0]?.text).not.toContain(tokens[0]!);
  });
});
