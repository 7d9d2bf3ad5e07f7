import { readJudgement, type IncidentDetail, type Role } from '@ombud/contract';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpApp } from '../../src/http/app.ts';
import { createJobRunner } from '../../src/jobs/job-runner.ts';
import { createJobRegistry } from '../../src/jobs/registry.ts';
import { crisisStage } from '../../src/pipeline/stages/crisis.stage.ts';
import { isPreModerationOn, isPublishingPaused } from '../../src/services/circuit-breaker.service.ts';
import { signIn, startAppWithOwner, TEST_PASSWORD as PASSWORD } from '../support/http-app.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

const silent = { info: () => undefined, warn: console.warn, error: console.error };

describe.each(DATABASE_KINDS)('crisis room API and drills on %s', (kind) => {
  let database: TestDatabase;
  let app: HttpApp;
  const cookies = new Map<Role, string>();
  const userIds = new Map<Role, string>();
  let campaignId = '';
  let drillId = '';
  let incidentId = '';
  let sandboxId = '';

  const call = async (
    role: Role,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
  ) =>
    app.inject({
      method,
      url,
      headers: { cookie: cookies.get(role) ?? '' },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    let owner = '';
    let ownerId = '';
    ({ app, owner, ownerId } = await startAppWithOwner(database));
    cookies.set('owner', owner);
    userIds.set('owner', ownerId);
    for (const role of ['analyst', 'agent', 'viewer', 'advocate_manager'] as const) {
      const created = await call('owner', 'POST', '/api/users', {
        email: `${role}@example.com`,
        displayName: role,
        password: PASSWORD,
        role,
      });
      userIds.set(role, created.json<{ id: string }>().id);
      cookies.set(role, await signIn(app, `${role}@example.com`));
    }
    const campaign = await call('owner', 'POST', '/api/campaigns', {
      name: 'Kettle Pro launch',
      keywords: ['kettle pro'],
      languages: ['en', 'es', 'sv'],
      markets: ['US', 'GB', 'ES', 'SE'],
    });
    campaignId = campaign.json<{ id: string }>().id;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('keeps a playbook per campaign (default in en/es/sv, editable, restorable) and crisis settings', async () => {
    const initial = await call('viewer', 'GET', `/api/campaigns/${campaignId}/playbook`);
    expect(initial.statusCode).toBe(200);
    const playbook = initial.json<{
      custom: boolean;
      steps: { key: string; title: Record<string, string> }[];
    }>();
    expect(playbook.custom).toBe(false);
    for (const step of playbook.steps) expect(Object.keys(step.title).sort()).toEqual(['en', 'es', 'sv']);

    expect(
      (await call('agent', 'PUT', `/api/campaigns/${campaignId}/playbook`, { steps: [] })).statusCode,
    ).toBe(403);
    const duplicate = await call('analyst', 'PUT', `/api/campaigns/${campaignId}/playbook`, {
      steps: [playbook.steps[0], playbook.steps[0]],
    });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.json().error.message).toMatch(/unique/);
    const steps = [
      ...playbook.steps.slice(0, 3),
      { key: 'call-legal', title: { en: 'Call legal', es: 'Llamar a legal', sv: 'Ring juristen' } },
    ];
    const saved = await call('analyst', 'PUT', `/api/campaigns/${campaignId}/playbook`, { steps });
    expect(saved.json()).toMatchObject({ custom: true, steps });

    const settings = await call('owner', 'PUT', `/api/campaigns/${campaignId}/crisis-settings`, {
      openAt: 'warning',
      breakerPausePublishing: true,
      breakerPreModeration: true,
      breakerPersistMinutes: 5,
    });
    expect(settings.statusCode).toBe(200);
    expect(settings.json()).toMatchObject({ breakerPausePublishing: true, breakerPersistMinutes: 5 });
    expect((await call('viewer', 'GET', `/api/campaigns/${campaignId}/crisis-settings`)).statusCode).toBe(
      200,
    );
  });

  it('replays a generated crisis into a sandbox copy and raises its incident within 30 simulated minutes', async () => {
    expect((await call('agent', 'POST', '/api/drills', { campaignId })).statusCode).toBe(403);
    const started = await call('analyst', 'POST', '/api/drills', {
      campaignId,
      scenario: { kind: 'generated', seed: 7, baselineDays: 2, hours: 2 },
    });
    expect(started.statusCode).toBe(201);
    const drill = started.json<{
      id: string;
      sandboxCampaignId: string;
      posts: number;
      incidentId: string | null;
    }>();
    expect(drill.posts).toBeGreaterThan(1000);
    expect(drill.incidentId).toBeNull();
    drillId = drill.id;
    sandboxId = drill.sandboxCampaignId;
    // Live posts never join the sandbox: it has no matching rules, and the replay joined only it.
    const leaked = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM post_campaign WHERE campaign_id = ${campaignId}`.execute(database.db);
    expect(leaked.rows[0]?.n).toBe(0);

    const runner = createJobRunner({
      registry: createJobRegistry(),
      context: { db: database.db, now: () => new Date() },
      log: silent,
    });
    await runner.drain();

    const result = (await call('viewer', 'GET', `/api/drills/${drillId}`)).json<{
      incidentId: string | null;
      minutesToAlert: number | null;
      minutesToAcknowledge: number | null;
    }>();
    expect(result.incidentId).not.toBeNull();
    expect(result.minutesToAlert).toBeGreaterThan(0);
    expect(result.minutesToAlert).toBeLessThanOrEqual(30);
    expect(result.minutesToAcknowledge).toBeNull();
    incidentId = result.incidentId!;

    // Channels in Spanish or Swedish get the incident alert in their own language.
    const opened = await sql<{ texts: Record<string, { title: string; summary: string }> | null }>`
      SELECT texts FROM alert WHERE incident_id = ${incidentId} AND kind = 'incident.opened'`.execute(
      database.db,
    );
    expect(opened.rows[0]?.texts?.['es']?.summary).toMatch(/^Incidente abierto/);
    expect(opened.rows[0]?.texts?.['sv']?.summary).toMatch(/^Incident öppnad/);

    // At-least-once delivery: running the stage again over every replayed post changes nothing.
    const before = await sql<{ buckets: number; alerts: number; incidents: number; events: number }>`
      SELECT (SELECT sum(posts)::int FROM signal_bucket) AS buckets, (SELECT count(*)::int FROM alert) AS alerts,
             (SELECT count(*)::int FROM incident) AS incidents, (SELECT count(*)::int FROM incident_event) AS events`.execute(
      database.db,
    );
    const replayed = await database.db
      .selectFrom('post_campaign')
      .select('post_id')
      .where('campaign_id', '=', sandboxId)
      .execute();
    await crisisStage.run(
      replayed.map((r) => String(r.post_id)),
      { db: database.db, now: () => new Date() },
    );
    const after = await sql<typeof before extends { rows: (infer R)[] } ? R : never>`
      SELECT (SELECT sum(posts)::int FROM signal_bucket) AS buckets, (SELECT count(*)::int FROM alert) AS alerts,
             (SELECT count(*)::int FROM incident) AS incidents, (SELECT count(*)::int FROM incident_event) AS events`.execute(
      database.db,
    );
    expect(after.rows).toEqual(before.rows);
    const incidents = (await call('agent', 'GET', `/api/incidents?campaignId=${sandboxId}`)).json<
      { id: string }[]
    >();
    expect(incidents.map((i) => i.id)).toEqual([incidentId]);
  }, 600_000);

  it('shows the crisis room: evidence, driving posts, languages, markets, playbook, draft statement, timeline', async () => {
    const response = await call('viewer', 'GET', `/api/incidents/${incidentId}`);
    expect(response.statusCode).toBe(200);
    const room = response.json<IncidentDetail>();
    expect(room.languages[0]).toBe('es');
    expect(room.markets).toContain('ES');
    expect(room.status).toBe('open');
    expect(['warning', 'critical']).toContain(room.severity);
    expect(Object.keys(room.titles).sort()).toEqual(['en', 'es', 'sv']);
    const first = room.evidence[0] as {
      language: string;
      signals: { rule: string; observed: number; baseline: number }[];
    };
    expect(first.language).toBe('es');
    expect(first.signals[0]?.rule).toBe('risk-volume-spike');
    expect(first.signals[0]?.observed).toBeGreaterThan(first.signals[0]?.baseline ?? Infinity);
    expect(room.posts.length).toBeGreaterThan(3);
    expect(room.posts[0]?.reasons.some((r) => r.startsWith('risk:'))).toBe(true);
    // The playbook is the campaign's edited one, copied into the sandbox.
    expect(room.playbook.map((s) => s.key)).toContain('call-legal');
    expect(room.statements).toEqual([expect.objectContaining({ language: 'es', status: 'draft' })]);
    expect(room.statements[0]?.text).toMatch(/investigando/);
    expect(room.timeline[0]?.kind).toBe('opened');
    expect(room.timeline.some((e) => e.kind === 'alert_raised')).toBe(true);
    const alerts = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM alert WHERE incident_id = ${incidentId} AND kind = 'incident.opened'`.execute(
      database.db,
    );
    expect(alerts.rows[0]?.n).toBe(1);
  });

  it('trips the circuit breaker on a persistent critical incident, and a person can reverse it', async () => {
    const room = (await call('viewer', 'GET', `/api/incidents/${incidentId}`)).json();
    expect(room.severity).toBe('critical');
    expect(await isPublishingPaused(database.db, sandboxId)).toBe(true);
    expect(await isPreModerationOn(database.db, sandboxId)).toBe(true);
    expect(await isPublishingPaused(database.db, campaignId)).toBe(false);
    const breaker = (await call('viewer', 'GET', `/api/campaigns/${sandboxId}/circuit-breaker`)).json<{
      switches: {
        actorId: string | null;
        reason: string;
        reasonCode: string | null;
        reasonParams: unknown;
      }[];
    }>();
    expect(breaker.switches.every((s) => s.actorId === null)).toBe(true);
    expect(breaker.switches).toHaveLength(2);
    // The engine's reason travels as a code + parameters beside its English, for the reader's language.
    for (const entry of breaker.switches) {
      expect(entry.reasonCode).toBe('breaker.persisted');
      const params = readJudgement(entry.reasonCode, entry.reasonParams)?.params;
      expect(params).toEqual({ minutes: 5, language: expect.stringMatching(/^(en|es|sv)$/) });
      expect(entry.reason).toBe(`critical incident persisted 5 min (${String(params?.['language'])})`);
    }

    expect(
      (
        await call('agent', 'POST', `/api/campaigns/${sandboxId}/circuit-breaker`, {
          preModeration: false,
          reason: 'x',
        })
      ).statusCode,
    ).toBe(403);
    const reversed = await call('owner', 'POST', `/api/campaigns/${sandboxId}/circuit-breaker`, {
      publishingPaused: false,
      reason: 'statement is out; advocates may post again',
    });
    expect(reversed.statusCode).toBe(200);
    expect(reversed.json()).toMatchObject({ publishingPaused: false, preModeration: true });
    expect(reversed.json().switches[0]).toMatchObject({
      switch: 'publishing_paused',
      turnedOn: false,
      actorId: userIds.get('owner'),
      reason: 'statement is out; advocates may post again',
      reasonCode: null,
      reasonParams: null,
    });
    expect(await isPublishingPaused(database.db, sandboxId)).toBe(false);
    const timeline = (await call('viewer', 'GET', `/api/incidents/${incidentId}`)).json<IncidentDetail>()
      .timeline;
    expect(timeline.filter((e) => e.kind === 'circuit_breaker')).toHaveLength(2);
  });

  it('lets agents tick steps, managers own, acknowledge and approve (four eyes), viewers only read', async () => {
    expect(
      (await call('viewer', 'PUT', `/api/incidents/${incidentId}/steps/call-legal`, { done: true }))
        .statusCode,
    ).toBe(403);
    const ticked = await call('agent', 'PUT', `/api/incidents/${incidentId}/steps/call-legal`, {
      done: true,
    });
    expect(ticked.statusCode).toBe(200);
    expect(ticked.json<IncidentDetail>().playbook.find((s) => s.key === 'call-legal')).toMatchObject({
      doneBy: userIds.get('agent'),
    });
    expect(
      (await call('agent', 'PUT', `/api/incidents/${incidentId}/steps/nope`, { done: true })).statusCode,
    ).toBe(404);
    expect(
      (await call('agent', 'PATCH', `/api/incidents/${incidentId}`, { status: 'acknowledged' })).statusCode,
    ).toBe(403);

    const acknowledged = await call('analyst', 'PATCH', `/api/incidents/${incidentId}`, {
      status: 'acknowledged',
      ownerId: userIds.get('analyst'),
      note: 'on it',
    });
    expect(acknowledged.statusCode).toBe(200);
    expect(acknowledged.json()).toMatchObject({ status: 'acknowledged', ownerId: userIds.get('analyst') });
    const badOwner = await call('analyst', 'PATCH', `/api/incidents/${incidentId}`, {
      ownerId: '00000000-0000-4000-8000-000000000000',
    });
    expect(badOwner.statusCode).toBe(400);

    const text =
      'Estamos investigando lo que circula sobre el Kettle Pro. Te contamos en cuanto sepamos más.';
    expect(
      (await call('analyst', 'PUT', `/api/incidents/${incidentId}/statements/es`, { text })).statusCode,
    ).toBe(200);
    const own = await call('analyst', 'POST', `/api/incidents/${incidentId}/statements/es/approve`);
    expect(own.statusCode).toBe(409);
    expect(own.json().error.message).toMatch(/someone other than its author/);
    const approved = await call('owner', 'POST', `/api/incidents/${incidentId}/statements/es/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json().statements[0]).toMatchObject({
      status: 'approved',
      approvedBy: userIds.get('owner'),
      text,
    });
    expect(approved.json().firstResponseAt).not.toBeNull();

    const drill = (await call('viewer', 'GET', `/api/drills/${drillId}`)).json();
    expect(drill.minutesToAcknowledge).toBeGreaterThanOrEqual(0);
    expect(drill.minutesToFirstResponse).toBeGreaterThanOrEqual(drill.minutesToAcknowledge);

    const kinds = approved.json<IncidentDetail>().timeline.map((e) => e.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'playbook_step',
        'status_changed',
        'owner_changed',
        'note',
        'statement_drafted',
        'statement_approved',
      ]),
    );
    const resolved = await call('owner', 'PATCH', `/api/incidents/${incidentId}`, { status: 'resolved' });
    expect(resolved.json()).toMatchObject({ status: 'resolved' });
    expect(resolved.json().resolvedAt).not.toBeNull();
  });

  it('serves signals at minute, hour and day resolution, split by language and sentiment', async () => {
    const to = new Date(Date.now() + 60_000).toISOString();
    const from = new Date(Date.now() - 4 * 86_400_000).toISOString();
    const q = (resolution: string, extra = '') =>
      call(
        'viewer',
        'GET',
        `/api/signals?campaignId=${sandboxId}&from=${from}&to=${to}&resolution=${resolution}${extra}`,
      );
    const days = (await q('day')).json<{ posts: number; time: string }[]>();
    const hours = (await q('hour')).json<{ posts: number }[]>();
    const total = days.reduce((s, d) => s + d.posts, 0);
    expect(total).toBeGreaterThan(1000);
    expect(hours.reduce((s, d) => s + d.posts, 0)).toBe(total);
    expect(days.every((d) => d.time.endsWith('T00:00:00.000Z'))).toBe(true);
    const counted = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM signal_post WHERE campaign_id = ${sandboxId}`.execute(database.db);
    expect(total).toBe(counted.rows[0]?.n);
    const byLanguage = (await q('hour', '&groupBy=language,sentiment')).json<
      { language: string; sentiment: string; riskPosts: number }[]
    >();
    expect(byLanguage.some((r) => r.language === 'es' && r.riskPosts > 0)).toBe(true);
    expect((await q('minute')).statusCode).toBe(400);
    expect((await q('hour', '&groupBy=author')).statusCode).toBe(400);
    const monitors = (await call('viewer', 'GET', `/api/signals/monitors?campaignId=${sandboxId}`)).json<
      { language: string }[]
    >();
    expect(monitors.map((m) => m.language)).toEqual(expect.arrayContaining(['en', 'es', 'sv']));
  });
});
