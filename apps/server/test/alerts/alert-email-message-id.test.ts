import { alertChannelInputSchema, alertRouteInputSchema } from '@ombud/contract';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/schema.ts';
import { processAlertDelivery } from '../../src/services/alert-delivery.service.ts';
import { createAlertChannel, createAlertRoute, raiseAlert } from '../../src/services/alerts.service.ts';
import { readMail, startSmtpReceiver, type SmtpReceiver } from '../support/alert-receivers.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';
import { waitFor } from '../support/wait-for.ts';

// A crash after the SMTP server accepted an alert e-mail but before the delivery was recorded sends
// it again once the delivery's lock runs out. That cannot be fully avoided; the resend carries the
// same Message-ID (derived from the delivery), so mail systems and readers recognise the duplicate.

/**
 * The database as a process sees it that dies once `died()` holds: from then on nothing it starts
 * reaches the database (its transactions never begin), as if the process were gone.
 */
function dyingDatabase(db: Kysely<Database>, died: () => boolean): Kysely<Database> {
  return new Proxy(db, {
    get(target, property) {
      if (property === 'transaction' && died())
        return () => ({ execute: () => new Promise<never>(() => undefined) });
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe.each(DATABASE_KINDS)('alert e-mail Message-ID on %s', (kind) => {
  let database: TestDatabase;
  let smtp: SmtpReceiver;
  beforeAll(async () => {
    [database, smtp] = await Promise.all([createTestDatabase(kind), startSmtpReceiver()]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([database.close(), smtp.close()]);
  });

  it('a delivery sent again after an unrecorded acceptance carries the same Message-ID', async () => {
    const db = database.db;
    const { id: workspaceId } = await db
      .insertInto('workspace')
      .values({ name: 'crash after accept', settings: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const channel = await createAlertChannel(
      db,
      workspaceId,
      alertChannelInputSchema.parse({
        name: 'on call',
        kind: 'email',
        config: {
          to: ['oncall@example.com'],
          from: 'alerts@ombud.example',
          smtp: { host: '127.0.0.1', port: smtp.port, tls: 'none' },
        },
      }),
    );
    await createAlertRoute(db, workspaceId, alertRouteInputSchema.parse({ channelId: channel.id }));
    const t0 = new Date();
    await raiseAlert(
      db,
      {
        workspaceId,
        campaignId: null,
        incidentId: null,
        kind: 'negative_volume_spike',
        severity: 'critical',
        title: 'Defect rumour',
        summary: 'Negative posts at 9× the usual level',
        dedupeKey: 'crash-after-accept',
      },
      t0,
    );
    const delivery = await db
      .selectFrom('alert_delivery')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow();

    // First attempt: the server accepts, then the process dies before recording the outcome.
    void processAlertDelivery(
      dyingDatabase(db, () => smtp.mails.length > 0),
      delivery.id,
      t0,
    );
    await waitFor(
      () => Promise.resolve(smtp.mails.length),
      (n) => n === 1,
    );
    const left = await db
      .selectFrom('alert_delivery')
      .select(['status', 'locked_until'])
      .where('id', '=', delivery.id)
      .executeTakeFirstOrThrow();
    expect(left.status).toBe('sending');

    // Its lock runs out; the next attempt sends it again and records it.
    const later = new Date((left.locked_until ?? t0).getTime() + 1000);
    expect(await processAlertDelivery(db, delivery.id, later)).toBe('delivered');
    expect(smtp.mails).toHaveLength(2);
    const [first, second] = smtp.mails.map((mail) => readMail(mail.raw).headers.get('message-id'));
    expect(first).toBe(`<ombud.alert-delivery.${delivery.id}@ombud.example>`);
    expect(second).toBe(first);
  });
});
