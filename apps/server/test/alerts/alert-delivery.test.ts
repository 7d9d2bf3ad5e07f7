import { alertChannelInputSchema, alertRouteInputSchema, campaignInputSchema } from '@ombud/contract';
import { insertCampaign } from '../../src/repositories/campaign.repository.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../../src/ingest/webhook-signature.ts';
import { createAlertJobHandlers } from '../../src/jobs/alerts.jobs.ts';
import { listDeadLetters, listAlertDeliveries } from '../../src/repositories/alert-delivery.repository.ts';
import {
  replayDeadLetters,
  runDueAlertWork,
  testPingChannel,
} from '../../src/services/alert-delivery.service.ts';
import { findAlertChannel } from '../../src/repositories/alert-channel.repository.ts';
import {
  acknowledgeAlert,
  createAlertChannel,
  createAlertRoute,
  raiseAlert,
  type RaiseAlertInput,
} from '../../src/services/alerts.service.ts';
import {
  readMail,
  startHttpReceiver,
  startSmtpReceiver,
  type HttpReceiver,
  type ReceivedRequest,
  type SmtpReceiver,
} from '../support/alert-receivers.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

/** What receivers got, as far as these tests read it. */
interface SentBody {
  text: string;
  blocks: { type: string }[];
  alert: { title: string };
}
const bodyOf = (request: ReceivedRequest | undefined): SentBody =>
  JSON.parse(request?.body ?? '{}') as SentBody;

const minutes = (at: Date, n: number): Date => new Date(at.getTime() + n * 60_000);
const seconds = (at: Date, n: number): Date => new Date(at.getTime() + n * 1000);

describe.each(DATABASE_KINDS)('alert delivery on %s', (kind) => {
  let database: TestDatabase;
  let http: HttpReceiver;
  let smtp: SmtpReceiver;
  const failuresLeft = new Map<string, number>();

  beforeAll(async () => {
    [database, http, smtp] = await Promise.all([
      createTestDatabase(kind),
      startHttpReceiver(),
      startSmtpReceiver(),
    ]);
    http.status = (path) => {
      if (path.startsWith('/down')) return 503;
      const left = failuresLeft.get(path) ?? 0;
      if (left > 0) {
        failuresLeft.set(path, left - 1);
        return 500;
      }
      return 200;
    };
  });
  afterAll(async () => {
    await Promise.all([database.close(), http.close(), smtp.close()]);
  });

  /** A fresh workspace (and campaign) per test, so routes and deliveries never mix. */
  async function workspace(name: string) {
    const ws = await database.db
      .insertInto('workspace')
      .values({ name, settings: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const campaign = await insertCampaign(
      database.db,
      ws.id,
      campaignInputSchema.parse({ name: 'Nordvik Spring' }),
    );
    const channel = (input: Record<string, unknown>) =>
      createAlertChannel(database.db, ws.id, alertChannelInputSchema.parse(input));
    const route = (input: Record<string, unknown>) =>
      createAlertRoute(database.db, ws.id, alertRouteInputSchema.parse(input));
    const alert = (overrides: Partial<RaiseAlertInput>, at: Date) =>
      raiseAlert(
        database.db,
        {
          workspaceId: ws.id,
          campaignId: campaign.id,
          incidentId: null,
          kind: 'negative_volume_spike',
          severity: 'warning',
          title: 'Defect rumour in Spanish',
          summary: 'Negative posts at 9× the usual level',
          dedupeKey: `k-${Math.random()}`,
          ...overrides,
        },
        at,
      );
    return { workspaceId: ws.id, campaignId: campaign.id, channel, route, alert };
  }

  it('signs webhook bodies with HMAC-SHA256 over "<t>.<body>" and the receiver verifies them', async () => {
    const w = await workspace('signed');
    const hook = await w.channel({ name: 'hook', kind: 'webhook', config: { url: http.url('/signed') } });
    expect(hook.secret).toMatch(/^[0-9a-f]{64}$/);
    await w.route({ channelId: hook.id });
    const at = new Date('2026-03-02T08:15:00Z');
    const raised = await w.alert({ title: 'Rumour <spreading>' }, at);
    const work = await runDueAlertWork(database.db, at);
    expect(work.outcomes.delivered).toBe(1);

    const [request] = http.received('/signed');
    if (!request) throw new Error('receiver got nothing');
    const check = verifyWebhookSignature(
      hook.secret ?? '',
      request.body,
      request.headers['x-ombud-signature'] as string,
      at,
    );
    expect(check).toEqual({ ok: true, timestamp: at.getTime() / 1000 });
    expect(
      verifyWebhookSignature(
        hook.secret ?? '',
        request.body.replace('Rumour', 'Rumor'),
        request.headers['x-ombud-signature'] as string,
        at,
      ),
    ).toMatchObject({ ok: false });
    expect(
      verifyWebhookSignature(
        'another secret of 32 characters!',
        request.body,
        request.headers['x-ombud-signature'] as string,
        at,
      ),
    ).toMatchObject({ ok: false });
    const body = JSON.parse(request.body);
    expect(body).toMatchObject({
      type: 'alert',
      alert: {
        id: raised.alertId,
        title: 'Rumour <spreading>',
        severity: 'warning',
        campaignName: 'Nordvik Spring',
      },
      message: { language: 'en' },
    });
    const [delivery] = await listAlertDeliveries(database.db, w.workspaceId, raised.alertId);
    expect(request.headers['x-ombud-delivery']).toBe(delivery?.id);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(delivery?.log).toEqual([expect.objectContaining({ attempt: 1, ok: true, statusCode: 200 })]);
  });

  it('raising the same dedupe key twice delivers once', async () => {
    const w = await workspace('dedupe');
    const hook = await w.channel({ name: 'hook', kind: 'webhook', config: { url: http.url('/dedupe') } });
    await w.route({ channelId: hook.id });
    const at = new Date('2026-03-02T08:15:00Z');
    const first = await w.alert({ dedupeKey: 'spike:es:1' }, at);
    const second = await w.alert({ dedupeKey: 'spike:es:1', title: 'changed' }, minutes(at, 1));
    expect(second).toEqual({ alertId: first.alertId, created: false });
    await runDueAlertWork(database.db, minutes(at, 2));
    expect(http.received('/dedupe')).toHaveLength(1);
  });

  it('retries with doubling back-off, then dead-letters after the receiver fails every attempt', async () => {
    const w = await workspace('retries');
    const down = await w.channel({
      name: 'down',
      kind: 'webhook',
      maxAttempts: 3,
      backoffSeconds: 10,
      config: { url: http.url('/down/a') },
    });
    await w.route({ channelId: down.id });
    const t0 = new Date('2026-03-02T09:00:00Z');
    const raised = await w.alert({}, t0);

    expect((await runDueAlertWork(database.db, t0)).outcomes.retry).toBe(1);
    let [delivery] = await listAlertDeliveries(database.db, w.workspaceId, raised.alertId);
    expect(delivery).toMatchObject({
      status: 'pending',
      attempts: 1,
      nextAttemptAt: seconds(t0, 10).toISOString(),
    });
    expect(delivery?.lastError).toMatch(/HTTP 503/);

    // Not due yet: nothing is sent.
    expect((await runDueAlertWork(database.db, seconds(t0, 9))).outcomes.retry).toBe(0);
    expect(http.received('/down/a')).toHaveLength(1);

    expect((await runDueAlertWork(database.db, seconds(t0, 10))).outcomes.retry).toBe(1);
    [delivery] = await listAlertDeliveries(database.db, w.workspaceId, raised.alertId);
    expect(delivery?.nextAttemptAt).toBe(seconds(t0, 30).toISOString());

    expect((await runDueAlertWork(database.db, seconds(t0, 30))).outcomes.dead).toBe(1);
    [delivery] = await listAlertDeliveries(database.db, w.workspaceId, raised.alertId);
    expect(delivery).toMatchObject({ status: 'dead', attempts: 3, deadAt: seconds(t0, 30).toISOString() });
    expect(delivery?.log.map((attempt) => [attempt.attempt, attempt.ok, attempt.statusCode])).toEqual([
      [1, false, 503],
      [2, false, 503],
      [3, false, 503],
    ]);
    expect(http.received('/down/a')).toHaveLength(3);
    // Dead means dead: later sweeps leave it alone.
    await runDueAlertWork(database.db, minutes(t0, 60));
    expect(http.received('/down/a')).toHaveLength(3);

    const dead = await listDeadLetters(database.db, w.workspaceId, 10);
    expect(dead).toEqual([
      expect.objectContaining({
        id: delivery?.id,
        channelName: 'down',
        alertTitle: 'Defect rumour in Spanish',
      }),
    ]);
  });

  it('replays a dead letter: it is delivered once the receiver is back, with a fresh set of attempts', async () => {
    const w = await workspace('replay');
    failuresLeft.set('/flaky', 2);
    const flaky = await w.channel({
      name: 'flaky',
      kind: 'webhook',
      maxAttempts: 2,
      backoffSeconds: 5,
      config: { url: http.url('/flaky') },
    });
    await w.route({ channelId: flaky.id });
    const t0 = new Date('2026-03-02T10:00:00Z');
    const raised = await w.alert({}, t0);
    await runDueAlertWork(database.db, t0);
    await runDueAlertWork(database.db, seconds(t0, 5));
    const [dead] = await listDeadLetters(database.db, w.workspaceId, 10);
    expect(dead?.alertId).toBe(raised.alertId);

    // Another workspace cannot replay it.
    const other = await workspace('replay-other');
    expect(await replayDeadLetters(database.db, other.workspaceId, [dead?.id ?? ''], minutes(t0, 1))).toBe(0);

    expect(await replayDeadLetters(database.db, w.workspaceId, [dead?.id ?? ''], minutes(t0, 1))).toBe(1);
    expect(await listDeadLetters(database.db, w.workspaceId, 10)).toEqual([]);
    expect((await runDueAlertWork(database.db, minutes(t0, 1))).outcomes.delivered).toBe(1);
    const [delivery] = await listAlertDeliveries(database.db, w.workspaceId, raised.alertId);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(delivery?.log.map((attempt) => attempt.statusCode)).toEqual([500, 500, 200]);
    expect(http.received('/flaky')).toHaveLength(3);
  });

  it('holds non-critical alerts through quiet hours in the channel time zone; critical ones go at once', async () => {
    const w = await workspace('quiet');
    const night = await w.channel({
      name: 'night',
      kind: 'slack',
      timeZone: 'Europe/Stockholm',
      quietHours: { start: '22:00', end: '07:00' },
      config: { url: http.url('/quiet') },
    });
    await w.route({ channelId: night.id });
    // 00:30 in Stockholm (UTC+1 in March before the change).
    const t0 = new Date('2026-03-02T23:30:00Z');
    const warning = await w.alert({ severity: 'warning', title: 'Warning at night' }, t0);
    const critical = await w.alert({ severity: 'critical', title: 'Critical at night' }, t0);

    const first = await runDueAlertWork(database.db, t0);
    expect(first.outcomes).toMatchObject({ held: 1, delivered: 1 });
    expect(http.received('/quiet').map((request) => bodyOf(request).text)).toEqual([
      expect.stringContaining('Critical at night'),
    ]);
    const [held] = await listAlertDeliveries(database.db, w.workspaceId, warning.alertId);
    expect(held).toMatchObject({ status: 'held', heldUntil: '2026-03-03T06:00:00.000Z', attempts: 0 });

    await runDueAlertWork(database.db, new Date('2026-03-03T05:59:59Z'));
    expect(http.received('/quiet')).toHaveLength(1);
    expect((await runDueAlertWork(database.db, new Date('2026-03-03T06:00:00Z'))).outcomes.delivered).toBe(1);
    expect(http.received('/quiet').map((request) => bodyOf(request).text)).toEqual([
      expect.stringContaining('Critical at night'),
      expect.stringContaining('Warning at night'),
    ]);
    const [criticalDelivery] = await listAlertDeliveries(database.db, w.workspaceId, critical.alertId);
    expect(criticalDelivery?.heldUntil).toBeNull();
  });

  it('sends Slack-compatible {text, blocks} payloads in the channel language', async () => {
    const w = await workspace('slack');
    const slack = await w.channel({
      name: 'slack',
      kind: 'slack',
      language: 'sv',
      config: { url: http.url('/slack') },
    });
    await w.route({ channelId: slack.id });
    const at = new Date('2026-03-02T12:00:00Z');
    await w.alert(
      { severity: 'critical', title: 'Rykte om fel <!channel>', summary: 'Negativa inlägg & delningar' },
      at,
    );
    await runDueAlertWork(database.db, at);
    const [request] = http.received('/slack');
    const payload = bodyOf(request);
    expect(Object.keys(payload).sort()).toEqual(['blocks', 'text']);
    expect(payload.text).toBe(':red_circle: Kritisk: Rykte om fel &lt;!channel&gt;');
    expect(payload.blocks.map((block) => block.type)).toEqual(['header', 'section', 'section', 'context']);
    expect(JSON.stringify(payload.blocks)).toContain('Topp i negativa inlägg');
    expect(JSON.stringify(payload.blocks)).toContain('Negativa inlägg &amp; delningar');
    expect(request?.headers['content-type']).toBe('application/json');
  });

  it('e-mails through a real SMTP server with subject and body in the channel language', async () => {
    const w = await workspace('mail');
    const mail = await w.channel({
      name: 'mail-es',
      kind: 'email',
      language: 'es',
      timeZone: 'Europe/Madrid',
      config: {
        to: ['guardia@example.com', 'prensa@example.com'],
        from: 'alertas@ombud.example',
        smtp: { host: '127.0.0.1', port: smtp.port, tls: 'none' },
      },
    });
    await w.route({ channelId: mail.id, minSeverity: 'warning' });
    const at = new Date('2026-03-02T08:15:00Z');
    const before = smtp.mails.length;
    await w.alert(
      {
        severity: 'critical',
        title: 'Defect rumour',
        texts: { es: { title: 'Rumor de defecto', summary: 'Publicaciones negativas 9× más de lo normal' } },
      },
      at,
    );
    await w.alert({ severity: 'watch', title: 'below the rule' }, at);
    const work = await runDueAlertWork(database.db, at);
    expect(work.outcomes.delivered).toBe(1);
    const received = smtp.mails.slice(before);
    expect(received).toHaveLength(1);
    expect(received[0]?.to).toEqual(['guardia@example.com', 'prensa@example.com']);
    const message = readMail(received[0]?.raw ?? '');
    expect(message.headers.get('subject')).toBe('[Ombud · Crítica] Rumor de defecto');
    expect(message.headers.get('content-language')).toBe('es');
    expect(message.text).toContain('Publicaciones negativas 9× más de lo normal');
    expect(message.text).toContain('Campaña: Nordvik Spring');
    expect(message.text).toContain('Confirma la alerta en Ombud');
    expect(message.text).toContain('(Europe/Madrid)');
    expect(message.html).toContain('<html lang="es">');
  });

  it('escalates after N minutes without acknowledgement (injected clock), once, and not when acknowledged', async () => {
    const w = await workspace('escalation');
    const team = await w.channel({ name: 'team', kind: 'webhook', config: { url: http.url('/team') } });
    const oncall = await w.channel({
      name: 'on-call manager',
      kind: 'email',
      language: 'sv',
      timeZone: 'Europe/Stockholm',
      config: {
        to: ['jour@example.com'],
        from: 'larm@ombud.example',
        smtp: { host: '127.0.0.1', port: smtp.port, tls: 'none' },
      },
    });
    await w.route({ channelId: team.id, escalationChannelId: oncall.id, escalateAfterMinutes: 15 });
    const t0 = new Date('2026-03-02T13:00:00Z');
    const ignored = await w.alert({ severity: 'critical', title: 'Nobody looks' }, t0);
    const handled = await w.alert({ severity: 'critical', title: 'Someone looks' }, t0);
    await runDueAlertWork(database.db, t0);
    expect(http.received('/team')).toHaveLength(2);
    await acknowledgeAlert(database.db, w.workspaceId, handled.alertId, null, minutes(t0, 5));

    const before = smtp.mails.length;
    const early = await runDueAlertWork(database.db, new Date(minutes(t0, 15).getTime() - 1000));
    expect(early.escalated).toBe(0);
    expect(smtp.mails.length).toBe(before);

    const due = await runDueAlertWork(database.db, minutes(t0, 15));
    expect(due.escalated).toBe(1);
    expect(due.outcomes.delivered).toBe(1);
    const mails = smtp.mails.slice(before);
    expect(mails).toHaveLength(1);
    const message = readMail(mails[0]?.raw ?? '');
    expect(message.headers.get('subject')).toBe('[Ombud · Kritisk · Eskalerat] Nobody looks');
    expect(message.text).toContain('Ingen har kvitterat larmet inom 15 minuter');

    // Once per contact, however often the sweep runs.
    await runDueAlertWork(database.db, minutes(t0, 30));
    expect(smtp.mails.length).toBe(before + 1);
    const escalatedAlert = await database.db
      .selectFrom('alert')
      .select(['escalated_at'])
      .where('id', '=', ignored.alertId)
      .executeTakeFirstOrThrow();
    expect(escalatedAlert.escalated_at?.toISOString()).toBe(minutes(t0, 15).toISOString());
    const handledDeliveries = await listAlertDeliveries(database.db, w.workspaceId, handled.alertId);
    expect(handledDeliveries.map((delivery) => delivery.purpose)).toEqual(['alert']);
  });

  it('runs escalation as a job: too early it reschedules itself, when due it queues the escalation delivery', async () => {
    const w = await workspace('escalation-job');
    const team = await w.channel({ name: 'team', kind: 'webhook', config: { url: http.url('/team-job') } });
    const boss = await w.channel({ name: 'boss', kind: 'slack', config: { url: http.url('/boss-job') } });
    await w.route({ channelId: team.id, escalationChannelId: boss.id, escalateAfterMinutes: 10 });
    const t0 = new Date();
    const raised = await w.alert({ severity: 'critical' }, t0);
    const jobsFor = async (name: string, key: string, value: string) =>
      (
        await database.db
          .selectFrom('job')
          .select(['payload', 'run_after'])
          .where('name', '=', name)
          .execute()
      ).filter((job) => job.payload[key] === value);
    // raiseAlert queued the first check for ten minutes ahead.
    const [check] = await jobsFor('alert.escalate', 'alertId', raised.alertId);
    expect(check?.run_after.getTime()).toBeGreaterThanOrEqual(minutes(t0, 10).getTime() - 5_000);

    const escalate = createAlertJobHandlers()['alert.escalate'];
    expect(await escalate({ alertId: raised.alertId }, { db: database.db, now: () => minutes(t0, 9) })).toBe(
      'skipped',
    );
    expect(await jobsFor('alert.escalate', 'alertId', raised.alertId)).toHaveLength(2);
    expect(await escalate({ alertId: raised.alertId }, { db: database.db, now: () => minutes(t0, 10) })).toBe(
      'done',
    );
    const deliveries = await listAlertDeliveries(database.db, w.workspaceId, raised.alertId);
    const escalation = deliveries.find((delivery) => delivery.purpose === 'escalation');
    expect(escalation).toMatchObject({ channelName: 'boss', status: 'pending' });
    expect(await jobsFor('alert.deliver', 'deliveryId', escalation?.id ?? '')).toHaveLength(1);
    // A second run (at-least-once delivery) adds nothing.
    expect(await escalate({ alertId: raised.alertId }, { db: database.db, now: () => minutes(t0, 11) })).toBe(
      'skipped',
    );
    expect(await listAlertDeliveries(database.db, w.workspaceId, raised.alertId)).toHaveLength(2);

    const deliver = createAlertJobHandlers()['alert.deliver'];
    expect(
      await deliver({ deliveryId: escalation?.id }, { db: database.db, now: () => minutes(t0, 11) }),
    ).toBe('done');
    expect(bodyOf(http.received('/boss-job')[0]).text).toContain('Escalated');
  });

  it("routes by campaign: a campaign's own rules replace the workspace defaults", async () => {
    const w = await workspace('routing');
    const general = await w.channel({
      name: 'general',
      kind: 'webhook',
      config: { url: http.url('/general') },
    });
    const own = await w.channel({ name: 'own', kind: 'webhook', config: { url: http.url('/own') } });
    await w.route({ channelId: general.id });
    await w.route({
      campaignId: w.campaignId,
      channelId: own.id,
      minSeverity: 'warning',
      kinds: ['negative_volume_spike'],
    });
    const at = new Date('2026-03-02T14:00:00Z');
    await w.alert({ title: 'campaign spike' }, at);
    await w.alert({ title: 'campaign watch', severity: 'watch' }, at);
    await w.alert({ title: 'no campaign', campaignId: null }, at);
    await runDueAlertWork(database.db, at);
    expect(http.received('/own').map((request) => bodyOf(request).alert.title)).toEqual(['campaign spike']);
    expect(http.received('/general').map((request) => bodyOf(request).alert.title)).toEqual(['no campaign']);
  });

  it('test pings record the last successful ping, and failures keep the previous success', async () => {
    const w = await workspace('ping');
    const mail = await w.channel({
      name: 'contact',
      kind: 'email',
      config: {
        to: ['boss@example.com'],
        from: 'ombud@example.com',
        smtp: { host: '127.0.0.1', port: smtp.port, tls: 'none' },
      },
    });
    const row = await findAlertChannel(database.db, w.workspaceId, mail.id);
    if (!row) throw new Error('channel missing');
    const at = new Date('2026-03-02T15:00:00Z');
    const before = smtp.mails.length;
    expect(await testPingChannel(database.db, row, at)).toMatchObject({
      ok: true,
      statusCode: 250,
      error: null,
    });
    expect(readMail(smtp.mails[before]?.raw ?? '').headers.get('subject')).toBe(
      '[Ombud] Test message for channel "contact"',
    );

    const broken = await w.channel({
      name: 'broken',
      kind: 'webhook',
      config: { url: http.url('/down/ping') },
    });
    const brokenRow = await findAlertChannel(database.db, w.workspaceId, broken.id);
    if (!brokenRow) throw new Error('channel missing');
    expect(await testPingChannel(database.db, brokenRow, at)).toMatchObject({ ok: false, statusCode: 503 });

    const after = await database.db
      .selectFrom('alert_channel')
      .select(['name', 'last_test_ok_at', 'last_test_error'])
      .where('workspace_id', '=', w.workspaceId)
      .orderBy('name')
      .execute();
    expect(after).toEqual([
      { name: 'broken', last_test_ok_at: null, last_test_error: expect.stringMatching(/HTTP 503/) },
      { name: 'contact', last_test_ok_at: at, last_test_error: null },
    ]);
    const attempts = await database.db
      .selectFrom('alert_delivery_attempt')
      .select(['purpose', 'ok'])
      .where('workspace_id', '=', w.workspaceId)
      .execute();
    expect(attempts).toEqual(
      expect.arrayContaining([
        { purpose: 'test', ok: true },
        { purpose: 'test', ok: false },
      ]),
    );
  });
});
