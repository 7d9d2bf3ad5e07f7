import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FIELD_MAPPING } from '../../src/ingest/field-mapping.ts';
import { insertWorkspace } from '../../src/repositories/workspace.repository.ts';
import { insertSavedSearch } from '../../src/repositories/listening-saved.repository.ts';
import { analysePosts } from '../../src/services/analysis.service.ts';
import { ingestRecords } from '../../src/services/ingest.service.ts';
import { indexPostsForListening } from '../../src/services/listening-index.service.ts';
import { runOmbud } from '../support/run-cli.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const NOW = new Date('2026-05-02T12:00:00Z');

describe('ombud listening', () => {
  let database: TestDatabase;
  let workspaceId = '';
  const ombud = (...args: string[]) => runOmbud(args, { ...process.env, DATABASE_URL: database.url ?? '' });

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    workspaceId = (await insertWorkspace(database.db, 'W')).id;
    const texts = [
      'la tapa del hervidor explota, cuidado',
      '=cmd|calc la tapa no cierra',
      'the lid pops off when it boils',
      'locket lossnar när det kokar',
    ];
    await ingestRecords(
      database.db,
      texts.map((text, i) => ({
        kind: 'record' as const,
        line: i + 1,
        fields: { id: `p${i}`, text, created_at: `2026-05-01T0${i}:00:00Z`, author: `a${i}` },
      })),
      {
        workspaceId,
        sourceKind: 'import',
        sourceName: 'twitter',
        fileName: null,
        format: 'jsonl',
        mapping: DEFAULT_FIELD_MAPPING,
        defaultPlatform: 'twitter',
        now: NOW,
      },
    );
    const ids = (await database.db.selectFrom('post').select('id').execute()).map((r) => r.id);
    await analysePosts(database.db, ids);
    await indexPostsForListening(database.db, ids, NOW);
  });
  afterAll(async () => {
    await database.close();
  });

  it('exports a search as CSV and JSON, newest first, with spreadsheet formulas defused', async () => {
    const csv = await ombud('listening', 'export', '--q', 'tapa', '--language', 'es');
    expect(csv.stderr).not.toMatch(/Error/);
    expect(csv.status).toBe(0);
    const lines = csv.stdout
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^\d+,p1,/);
    expect(lines[1]).toContain("'=cmd|calc la tapa no cierra");
    const json = await ombud('listening', 'export', '--q', 'lid', '--format', 'json');
    expect(JSON.parse(json.stdout)).toEqual([expect.objectContaining({ externalId: 'p2', language: 'en' })]);
    const bad = await ombud('listening', 'export', '--sentiment', 'furious', '--format', 'xml');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--sentiment: expected a comma-separated list of sentiments/);
    expect(bad.stderr).toMatch(/--format: csv or json/);
  });

  it('sends the digests that are due through an SMTP server', async () => {
    const received: string[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        let data = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => (data += chunk));
        stream.on('end', () => {
          received.push(data);
          callback();
        });
      },
    });
    server.listen(0, '127.0.0.1');
    await once(server.server, 'listening');
    const port = (server.server.address() as AddressInfo).port;
    try {
      const saved = await insertSavedSearch(database.db, workspaceId, null, {
        name: 'Lock',
        filter: { q: 'locket' },
      });
      await database.db
        .insertInto('listening_digest')
        .values({
          workspace_id: workspaceId,
          saved_search_id: saved?.id ?? '',
          recipients: ['team@example.com'],
          frequency: 'weekly',
          hour_utc: 7,
          locale: 'sv',
          next_due_at: new Date(Date.now() - 60_000),
        })
        .execute();
      const run = await ombud(
        'listening',
        'digests',
        '--smtp',
        `smtp://127.0.0.1:${port}`,
        '--from',
        'ombud@example.com',
      );
      expect(run.stderr).not.toMatch(/Error/);
      expect(JSON.parse(run.stdout)).toEqual({ sent: 1, failed: 0 });
      expect(received).toHaveLength(1);
      expect(received[0]).toMatch(/To: team@example.com/);
      expect(received[0]).toMatch(/omn=C3=A4mnanden|omnämnanden/);
      const again = await ombud('listening', 'digests', '--smtp', `smtp://127.0.0.1:${port}`);
      expect(JSON.parse(again.stdout)).toEqual({ sent: 0, failed: 0 });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
