import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseAlert } from '../../src/services/alerts.service.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

describe.each(DATABASE_KINDS)('raiseAlert on %s', (kind) => {
  let handle: TestDatabase;
  let workspaceId: string;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    const workspace = await handle.db
      .insertInto('workspace')
      .values({ name: 'alerts', settings: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    workspaceId = workspace.id;
  });
  afterAll(async () => handle.close());

  it('stores an alert once per dedupe key', async () => {
    const input = {
      workspaceId,
      campaignId: null,
      incidentId: null,
      kind: 'volume_spike',
      severity: 'warning' as const,
      title: 'Spike',
      summary: 'Mentions rose',
      dedupeKey: 'k1',
    };
    const first = await raiseAlert(handle.db, input, new Date('2026-01-01T10:00:00Z'));
    const second = await raiseAlert(handle.db, input, new Date('2026-01-01T10:01:00Z'));
    expect(first.created).toBe(true);
    expect(second).toEqual({ alertId: first.alertId, created: false });
    const rows = await handle.db
      .selectFrom('alert')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .execute();
    expect(rows).toHaveLength(1);
  });
});
