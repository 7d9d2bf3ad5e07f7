import { sql } from 'kysely';
import { campaignInputSchema, readinessPlanInputSchema, type Campaign } from '@ombud/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertCampaign, listCampaigns } from '../../src/repositories/campaign.repository.ts';
import { saveReadinessPlan } from '../../src/repositories/readiness.repository.ts';
import { insertWorkspace } from '../../src/repositories/workspace.repository.ts';
import { seedDemoIfEmpty } from '../../src/services/demo.service.ts';
import { renderReadinessReportHtml } from '../../src/services/readiness-report.html.ts';
import { assessCampaignReadiness, signReadinessDecision } from '../../src/services/readiness.service.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

const NOW = new Date('2026-11-23T12:00:00Z');
const LAUNCH = '2026-11-30T08:00:00Z';

describe.each(DATABASE_KINDS)('readiness assessment on %s', (kind) => {
  let database: TestDatabase;
  let demo: { workspaceId: string; campaign: Campaign };
  let workspaceId: string;
  let campaign: Campaign;
  let ownerId: string;

  async function insertUser(email: string, role: string): Promise<string> {
    const result = await sql<{ id: string }>`
      INSERT INTO app_user (workspace_id, email, display_name, password_hash, role)
      VALUES (${workspaceId}, ${email}, ${email.split('@')[0]!}, 'x', ${role}) RETURNING id`.execute(
      database.db,
    );
    return result.rows[0]!.id;
  }

  const assess = (locale: 'en' | 'es' | 'sv' = 'en') =>
    assessCampaignReadiness(database.db, workspaceId, campaign.id, { now: NOW, locale }).then(
      (r) => r.response,
    );

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    // The demo workspace, seeded through ingestion (analysis jobs are left queued: the assessment
    // must work on posts that are not analysed yet).
    const seeded = await seedDemoIfEmpty(database.db, { now: NOW, log: () => undefined });
    const [demoCampaign] = await listCampaigns(database.db, seeded!.workspaceId);
    demo = { workspaceId: seeded!.workspaceId, campaign: demoCampaign! };

    workspaceId = (await insertWorkspace(database.db, 'Readiness test')).id;
    campaign = await insertCampaign(
      database.db,
      workspaceId,
      campaignInputSchema.parse({
        name: 'Launch <b>bold</b>',
        languages: ['en', 'es'],
        markets: ['GB', 'ES'],
        startsAt: LAUNCH,
        endsAt: '2026-12-03T08:00:00Z',
        keyMessages: [{ id: 'km-1', text: { en: 'Built to last.' } }],
        requiredDisclosures: [{ market: 'ES', tags: ['#publi'], placement: 'anywhere' }],
      }),
    );
    ownerId = await insertUser('olga@example.com', 'owner');
  }, 120_000);

  afterAll(async () => {
    await database?.close();
  });

  it('shows real gaps with evidence and a fix on the demo workspace', async () => {
    const { response } = await assessCampaignReadiness(database.db, demo.workspaceId, demo.campaign.id, {
      now: NOW,
      locale: 'en',
    });
    expect(response.risks.map((r) => r.risk)).toHaveLength(8);
    expect(response.questions).toHaveLength(20);
    // What the demo campaign record configures passes, with evidence naming what was found.
    const byId = new Map(response.questions.map((q) => [q.id, q]));
    expect(byId.get('key_messages_translated')).toMatchObject({ status: 'pass', fix: null });
    expect(byId.get('disclosures_every_market')?.evidence[0]?.text).toBe(
      'Disclosure rules cover every market: US, GB, ES, SE.',
    );
    expect(byId.get('competitors_listed')?.status).toBe('pass');
    // … and the gaps are real: something critical fails, so the launch is blocked.
    expect(response.gate.blocked).toBe(true);
    expect(response.openActions.length).toBeGreaterThan(0);
    for (const action of response.openActions) {
      const question = byId.get(action.id)!;
      expect(question.status).not.toBe('pass');
      expect(question.evidence.length, action.id).toBeGreaterThan(0);
      expect(question.evidence.every((e) => e.text.length > 10)).toBe(true);
      expect(action.fix.length).toBeGreaterThan(10);
    }
    // The forecast comes from the demo's 14 days of posts, per language, with a band.
    expect(response.forecast.source).toBe('history');
    expect(response.forecast.languages.sort()).toEqual(['en', 'es', 'sv']);
    for (const band of Object.values(response.forecast.totals)) {
      expect(band.p10).toBeLessThan(band.p50);
      expect(band.p50).toBeLessThan(band.p90);
    }
    expect(byId.get('forecast_parameters_set')?.evidence[0]?.code).toBe('forecast_from_history');
    // Staffing and the crisis scenario are computed, and say what breaks first.
    expect(Object.values(response.capacity.staffing.peakAgents).every((n) => n > 0)).toBe(true);
    expect(response.crisis.hours.some((h) => h.crisis > h.baseline)).toBe(true);
    expect(response.crisis.evidence.length).toBeGreaterThan(0);
    // The demo's report carries every section and its charts: forecast bands per language, staffing.
    const html = renderReadinessReportHtml(response);
    for (const section of ['risk-register', 'forecast', 'staffing', 'crisis', 'open-actions']) {
      expect(html).toContain(`<section id="${section}">`);
    }
    const forecastSection = html.slice(
      html.indexOf('<section id="forecast">'),
      html.indexOf('<section id="staffing">'),
    );
    expect(forecastSection.match(/<polygon /g)).toHaveLength(3);
    const staffingSection = html.slice(
      html.indexOf('<section id="staffing">'),
      html.indexOf('<section id="crisis">'),
    );
    expect(staffingSection.match(/<polyline /g)?.length).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('pre-fills answers from the campaign record and names what is missing', async () => {
    const response = await assess();
    const byId = new Map(response.questions.map((q) => [q.id, q]));
    expect(byId.get('key_messages_translated')).toMatchObject({ status: 'partial' });
    expect(byId.get('key_messages_translated')?.evidence[0]?.text).toBe(
      'Key message “km-1” is missing in: es.',
    );
    expect(byId.get('disclosures_every_market')).toMatchObject({ status: 'partial' });
    expect(byId.get('disclosures_every_market')?.evidence[0]?.text).toBe('No disclosure rule for: GB.');
    expect(byId.get('fact_sheet_translated')?.status).toBe('fail');
    expect(byId.get('brand_brief_attached')?.status).toBe('fail');
    // No plan figures and no past posts: the forecast runs on defaults and says so.
    expect(response.forecast.source).toBe('campaign');
    expect(response.forecast.usesDefaults).toBe(true);
    expect(byId.get('forecast_parameters_set')?.status).toBe('fail');
    expect(response.forecast.hours).toHaveLength(72);
    expect(response.forecast.launchAt).toBe('2026-11-30T08:00:00.000Z');
    // Without a team the crisis is simulated on the staffing the plan needs, and cannot pass.
    const crisis = byId.get('crisis_scenario_absorbed')!;
    expect(crisis.status).toBe('fail');
    expect(crisis.evidence.map((e) => e.code)).toContain('crisis_without_team');
    // Spanish and Swedish texts come from the same evidence.
    const spanish = new Map((await assess('es')).questions.map((q) => [q.id, q]));
    expect(spanish.get('disclosures_every_market')?.evidence[0]?.text).toBe(
      'Sin regla de divulgación para: GB.',
    );
    const swedish = new Map((await assess('sv')).questions.map((q) => [q.id, q]));
    expect(swedish.get('disclosures_every_market')?.fix).toMatch(/reklammärkning/);
  }, 60_000);

  it('reads agents, their languages and working hours from the inbox', async () => {
    const before = new Map((await assess()).questions.map((q) => [q.id, q]));
    expect(before.get('agents_cover_languages')?.status).toBe('fail');
    expect(before.get('agents_cover_languages')?.evidence[0]?.code).toBe('agents_none');

    // An English agent on Stockholm office hours: Spanish is uncovered, nights are uncovered.
    const anna = await insertUser('anna@example.com', 'agent');
    const weekdays = Object.fromEntries(
      ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, [{ start: '09:00', end: '17:00' }]]),
    );
    await sql`
      INSERT INTO inbox_agent (user_id, workspace_id, languages, time_zone, working_hours, max_load, items_per_hour)
      VALUES (${anna}, ${workspaceId}, ${['en']}, 'Europe/Stockholm', ${JSON.stringify(weekdays)}::jsonb, 10, 12)`.execute(
      database.db,
    );
    const partly = await assess();
    const partlyById = new Map(partly.questions.map((q) => [q.id, q]));
    expect(partlyById.get('agents_cover_languages')).toMatchObject({ status: 'partial' });
    expect(partlyById.get('agents_cover_languages')?.evidence[0]?.text).toBe('No agent speaks: es.');
    const hours = partlyById.get('agents_cover_hours')!;
    expect(hours.status).toBe('fail');
    expect(hours.evidence.map((e) => e.values?.['language'])).toEqual(['en', 'es']);
    // 12 items per hour → 300 s handle time; Anna is on duty 8 of every 24 weekday hours.
    expect(partly.capacity.ahtSeconds).toBe(300);
    expect(partly.capacity.staffing.hours.filter((h) => h.onDuty > 0).length).toBe(24);
    expect(partly.capacity.simulated).not.toBeNull();

    // A Spanish agent who is always on shift covers Spanish around the clock.
    const bruno = await insertUser('bruno@example.com', 'agent');
    await sql`
      INSERT INTO inbox_agent (user_id, workspace_id, languages, time_zone, working_hours, max_load, items_per_hour)
      VALUES (${bruno}, ${workspaceId}, ${['es', 'en']}, 'Europe/Madrid', NULL, 10, 12)`.execute(database.db);
    const covered = new Map((await assess()).questions.map((q) => [q.id, q]));
    expect(covered.get('agents_cover_languages')?.status).toBe('pass');
    expect(covered.get('agents_cover_hours')?.status).toBe('pass');
  }, 60_000);

  it('reads alert channels with their last test ping, escalation routes and the privacy policy', async () => {
    const channel = await sql<{ id: string }>`
      INSERT INTO alert_channel (workspace_id, name, kind, config, last_test_at)
      VALUES (${workspaceId}, 'Ops Slack', 'slack', '{}'::jsonb, ${new Date('2026-11-22T10:00:00Z')})
      RETURNING id`.execute(database.db);
    let byId = new Map((await assess()).questions.map((q) => [q.id, q]));
    expect(byId.get('alert_channel_tested')).toMatchObject({ status: 'fail' });
    expect(byId.get('alert_channel_tested')?.evidence[0]?.text).toBe(
      'Alert channel “Ops Slack”: the last test ping on 2026-11-22 failed.',
    );
    await sql`UPDATE alert_channel SET last_test_ok_at = last_test_at WHERE id = ${channel.rows[0]!.id}`.execute(
      database.db,
    );
    byId = new Map((await assess()).questions.map((q) => [q.id, q]));
    expect(byId.get('alert_channel_tested')?.status).toBe('pass');

    // Owner and escalation: neither yet.
    expect(byId.get('playbook_owner_escalation')?.status).toBe('fail');
    const pager = await sql<{ id: string }>`
      INSERT INTO alert_channel (workspace_id, name, kind, config) VALUES (${workspaceId}, 'Pager', 'webhook', '{}'::jsonb)
      RETURNING id`.execute(database.db);
    await sql`
      INSERT INTO alert_route (workspace_id, campaign_id, channel_id, escalation_channel_id, escalate_after_minutes)
      VALUES (${workspaceId}, ${campaign.id}, ${channel.rows[0]!.id}, ${pager.rows[0]!.id}, 15)`.execute(
      database.db,
    );
    await saveReadinessPlan(
      database.db,
      workspaceId,
      campaign.id,
      readinessPlanInputSchema.parse({ crisisOwnerId: ownerId }),
      ownerId,
      NOW,
    );
    byId = new Map((await assess()).questions.map((q) => [q.id, q]));
    expect(byId.get('playbook_owner_escalation')).toMatchObject({ status: 'pass' });
    expect(byId.get('playbook_owner_escalation')?.evidence[0]?.text).toBe(
      'Playbook “default”: owner olga, escalation Pager after 15 min.',
    );

    expect(byId.get('redaction_policy_set')?.evidence[0]?.code).toBe('redaction_none');
    await sql`INSERT INTO privacy_policy (workspace_id, redaction, pseudonym_key) VALUES (${workspaceId}, 'redact', 'k')`.execute(
      database.db,
    );
    byId = new Map((await assess()).questions.map((q) => [q.id, q]));
    expect(byId.get('redaction_policy_set')).toMatchObject({ status: 'pass' });
  }, 60_000);

  it('counts approved holding statements from the campaign’s incidents per language', async () => {
    const incident = await sql<{ id: string }>`
      INSERT INTO incident (workspace_id, campaign_id, title, severity, started_at, detected_at, last_signal_at)
      VALUES (${workspaceId}, ${campaign.id}, 'Drill', 'warning', ${NOW}, ${NOW}, ${NOW}) RETURNING id`.execute(
      database.db,
    );
    const incidentId = incident.rows[0]!.id;
    await sql`
      INSERT INTO holding_statement (incident_id, language, text, status)
      VALUES (${incidentId}, 'en', 'We are looking into it.', 'approved'),
             (${incidentId}, 'es', 'Lo estamos revisando.', 'draft')`.execute(database.db);
    let question = (await assess()).questions.find((q) => q.id === 'holding_statements_translated')!;
    expect(question.status).toBe('partial');
    expect(question.evidence[0]?.text).toBe('Holding statements are missing in: es (present: en).');
    await sql`UPDATE holding_statement SET status = 'approved' WHERE incident_id = ${incidentId}`.execute(
      database.db,
    );
    question = (await assess()).questions.find((q) => q.id === 'holding_statements_translated')!;
    expect(question.status).toBe('pass');
  }, 60_000);

  it('blocks "go" while a critical question fails, records decisions with who signed and why', async () => {
    const options = { now: NOW, locale: 'en' as const };
    const signer = { id: ownerId, name: 'Olga' };
    const blocked = await assess();
    expect(blocked.gate.blocked).toBe(true);
    await expect(
      signReadinessDecision(
        database.db,
        workspaceId,
        campaign.id,
        { decision: 'go', reason: 'ship it' },
        signer,
        options,
      ),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(blocked.gate.failingCritical[0]!),
    });

    const noGo = await signReadinessDecision(
      database.db,
      workspaceId,
      campaign.id,
      { decision: 'no_go', reason: 'consent text missing' },
      signer,
      options,
    );
    expect(noGo).toMatchObject({
      decision: 'no_go',
      signedBy: ownerId,
      signedByName: 'Olga',
      gateBlocked: true,
    });

    // The gate is configurable: marking the failing questions non-critical opens it.
    const critical = Object.fromEntries(blocked.gate.failingCritical.map((id) => [id, false]));
    await saveReadinessPlan(
      database.db,
      workspaceId,
      campaign.id,
      readinessPlanInputSchema.parse({ crisisOwnerId: ownerId, critical }),
      ownerId,
      NOW,
    );
    const open = await assess();
    expect(open.gate).toMatchObject({ blocked: false, failingCritical: [] });
    expect(open.gate.latestDecision?.decision).toBe('no_go');
    const go = await signReadinessDecision(
      database.db,
      workspaceId,
      campaign.id,
      { decision: 'go', reason: 'accepted the remaining risks' },
      signer,
      { ...options, now: new Date(NOW.getTime() + 60_000) },
    );
    expect(go).toMatchObject({ decision: 'go', gateBlocked: false, failingCritical: [] });
    expect((await assess()).gate.latestDecision?.id).toBe(go.id);
  }, 60_000);

  it('forecasts from past posts: those that need an answer, per campaign language, with the measured negative share', async () => {
    const other = (await insertWorkspace(database.db, 'History')).id;
    const past = await insertCampaign(
      database.db,
      other,
      campaignInputSchema.parse({
        name: 'Past',
        languages: ['en', 'sv'],
        startsAt: '2026-11-01T00:00:00Z',
        endsAt: '2026-11-03T00:00:00Z',
      }),
    );
    const source = await sql<{ id: string }>`
      INSERT INTO source (workspace_id, kind, name) VALUES (${other}, 'csv', 'history') RETURNING id`.execute(
      database.db,
    );
    const author = await sql<{ id: string }>`
      INSERT INTO author (workspace_id, platform, handle) VALUES (${other}, 'x', 'someone') RETURNING id`.execute(
      database.db,
    );
    // Every hour for 30 hours: four English posts (one negative, one question, two praise), one
    // German negative post (not a campaign language) and one Swedish post not analysed yet.
    const kinds = [
      { language: 'en', sentiment: 'negative', intents: ['complaint'] },
      { language: 'en', sentiment: 'neutral', intents: ['question'] },
      { language: 'en', sentiment: 'positive', intents: ['praise'] },
      { language: 'en', sentiment: 'positive', intents: [] },
      { language: 'de', sentiment: 'negative', intents: [] },
      { language: 'sv', sentiment: null, intents: [] },
    ];
    for (let hour = 0; hour < 30; hour++) {
      for (const [index, kind] of kinds.entries()) {
        const at = new Date(Date.UTC(2026, 10, 1, hour, 5 + index));
        const post = await sql<{ id: string }>`
          INSERT INTO post (workspace_id, source_id, external_id, platform, author_id, text, language, created_at)
          VALUES (${other}, ${source.rows[0]!.id}, ${`${hour}-${index}`}, 'x', ${author.rows[0]!.id}, 'text',
                  ${kind.language}, ${at}) RETURNING id`.execute(database.db);
        const postId = post.rows[0]!.id;
        await sql`INSERT INTO post_campaign (post_id, campaign_id) VALUES (${postId}, ${past.id})`.execute(
          database.db,
        );
        if (kind.sentiment === null) continue;
        await sql`
          INSERT INTO post_analysis (post_id, workspace_id, language, language_confidence, sentiment, sentiment_score,
                                     intents, toxicity, result, analyser_version)
          VALUES (${postId}, ${other}, ${kind.language}, 0.9, ${kind.sentiment}, 0, ${kind.intents}::text[], 'none',
                  '{}'::jsonb, 'test')`.execute(database.db);
      }
    }
    const { response } = await assessCampaignReadiness(database.db, other, past.id, {
      now: NOW,
      locale: 'en',
    });
    expect(response.forecast.source).toBe('history');
    expect(response.forecast.hours).toHaveLength(30);
    // English: 2 of 4 posts an hour need an answer; Swedish: 1 unanalysed post an hour at the
    // measured share 3/5 (2 English + 1 German of 5 analysed).
    expect(response.forecast.totals['en']?.p50).toBeCloseTo(60, 6);
    expect(response.forecast.totals['sv']?.p50).toBeCloseTo(18, 6);
    expect(response.forecast.totals['de']).toBeUndefined();
    const evidence = response.questions.find((q) => q.id === 'forecast_parameters_set')?.evidence[0];
    expect(evidence?.values).toMatchObject({ posts: 150, hours: 30, campaign: 'Past', share: '60.0 %' });
    expect(response.crisis.negativeShare).toBeCloseTo(0.4, 10);
  }, 60_000);

  it('says "capability not configured" when another capability’s table is missing, and never passes it', async () => {
    await sql`DROP TABLE alert_delivery_attempt, alert_delivery, alert_route, alert_channel CASCADE`.execute(
      database.db,
    );
    const response = await assess();
    const question = response.questions.find((q) => q.id === 'alert_channel_tested')!;
    expect(question.status).toBe('not_configured');
    expect(question.evidence[0]?.text).toBe(
      'Capability not configured: the alerts part of Ombud is not set up in this workspace (no alert_channel table).',
    );
    expect(question.fix).toMatch(/test ping/);
    expect(response.openActions.some((a) => a.id === 'alert_channel_tested')).toBe(true);
  }, 60_000);
});
