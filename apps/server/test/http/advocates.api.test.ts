import {
  ROLES,
  type Advocate,
  type AdvocatePost,
  type BrandFindings,
  type Campaign,
  type CampaignBrief,
  type Correction,
  type Draft,
  type Role,
} from '@ombud/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import demoBrief from '../../src/demo/demo-brief.json' with { type: 'json' };
import { demoCampaignFor } from '../../src/demo/demo-campaign.ts';
import type { HttpApp } from '../../src/http/app.ts';
import { advocatesStage } from '../../src/pipeline/stages/advocates.stage.ts';
import { analysePosts } from '../../src/services/analysis.service.ts';
import { switchCircuitBreaker } from '../../src/services/circuit-breaker.service.ts';
import { signIn, startAppWithOwner, TEST_PASSWORD as PASSWORD } from '../support/http-app.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

// The advocate workflow end to end through the API, on both databases: brief, brand check, roster,
// invitation, draft → review → reject → resubmit → approve, publication matching in the pipeline
// stage, compliance, corrections with notices in the advocate's language, erasure; and every write
// attempted by a role that may not make it.

const APPROVED_ES =
  'Publicidad: mi nueva tetera Nordvik hierve rápido y tiene devolución gratuita en 30 días. #MiHistoriaNordvik';
const APPROVED_SV = 'Reklam: min Nordvik kokar snabbt och har 2 års garanti. #MinNordvikBerättelse';

describe.each(DATABASE_KINDS)('advocates and brand consistency API on %s', (kind) => {
  let database: TestDatabase;
  let app: HttpApp;
  let now = new Date('2026-06-01T12:00:00Z');
  const cookies = new Map<Role, string>();
  let campaignId = '';
  let workspaceId = '';
  let anaId = '';
  let svenId = '';
  let anaDraftId = '';
  let svenDraftId = '';
  let correctionId = '';

  const call = (
    role: Role | null,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
  ) =>
    app.inject({
      method,
      url,
      headers: role === null ? {} : { cookie: cookies.get(role) ?? '' },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  /** Every role outside `allowed` gets 403 for this call, and nothing changes. */
  async function forbiddenFor(
    allowed: readonly Role[],
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
  ) {
    for (const role of ROLES.filter((r) => !allowed.includes(r))) {
      const response = await call(role, method, url, payload);
      expect(response.statusCode, `${role} ${method} ${url}`).toBe(403);
    }
  }

  async function importPosts(records: Record<string, unknown>[]) {
    const key = await call('owner', 'POST', '/api/api-keys', {
      name: `loader-${records.length}-${now.getTime()}`,
    });
    const response = await app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: {
        authorization: `Bearer ${key.json<{ key: string }>().key}`,
        'content-type': 'application/x-ndjson',
      },
      payload: records.map((r) => JSON.stringify(r)).join('\n'),
    });
    expect(response.json()).toMatchObject({ accepted: records.length, rejected: 0 });
    const ids = (
      await database.db
        .selectFrom('post')
        .select('id')
        .where(
          'external_id',
          'in',
          records.map((r) => String(r.id)),
        )
        .execute()
    ).map((r) => String(r.id));
    await analysePosts(database.db, ids);
    await advocatesStage.run(ids, { db: database.db, now: () => now });
    // At-least-once delivery: running the stage again changes nothing.
    await advocatesStage.run(ids, { db: database.db, now: () => now });
    return ids;
  }

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const started = await startAppWithOwner(database, { clock: () => now });
    app = started.app;
    cookies.set('owner', started.owner);
    for (const role of ROLES.filter((r) => r !== 'owner')) {
      await call('owner', 'POST', '/api/users', {
        email: `${role}@example.com`,
        displayName: role,
        password: PASSWORD,
        role,
      });
      cookies.set(role, await signIn(app, `${role}@example.com`));
    }
    // The demo campaign exactly as `ombud demo` stores it: its brief is demo-brief.json.
    const campaign = await call('owner', 'POST', '/api/campaigns', {
      ...demoCampaignFor(new Date('2026-05-20T00:00:00Z'), 30),
      startsAt: null,
      endsAt: null,
      brief: demoBrief,
    });
    expect(campaign.statusCode).toBe(201);
    campaignId = campaign.json<{ id: string }>().id;
    workspaceId = campaign.json<{ workspaceId: string }>().workspaceId;
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it("serves the demo campaign's brief to every role and lets only owners and advocate managers replace it", async () => {
    const read = await call('viewer', 'GET', `/api/campaigns/${campaignId}/brief`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ campaignId, brief: { brand: 'Nordvik', version: 1 } });
    expect(read.json<CampaignBrief>().brief.facts.map((f) => f.id)).toContain('returns-30-days');

    await forbiddenFor(['owner', 'advocate_manager'], 'PUT', `/api/campaigns/${campaignId}/brief`, demoBrief);
    const broken = structuredClone(demoBrief) as { facts: { quantities: { unit: string }[] }[] };
    broken.facts[0]!.quantities[0]!.unit = 'days';
    const bad = await call('advocate_manager', 'PUT', `/api/campaigns/${campaignId}/brief`, broken);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/facts\.0\.quantities\.0\.unit/);

    const put = await call('advocate_manager', 'PUT', `/api/campaigns/${campaignId}/brief`, demoBrief);
    expect(put.statusCode).toBe(200);
    expect(put.json().synced).toMatchObject({ facts: demoBrief.facts.length, keyMessages: 3 });
    const campaign = (await call('analyst', 'GET', `/api/campaigns/${campaignId}`)).json<Campaign>();
    expect(campaign.factSheet.map((f) => f.id)).toEqual(demoBrief.facts.map((f) => f.id));
    expect(campaign.bannedClaims).toContain('never breaks');
    expect(campaign.requiredDisclosures.map((r) => r.market).sort()).toEqual(['ES', 'GB', 'SE', 'US']);
  });

  it('checks a pasted draft against the brief: claims with verdicts, disclosure, on-message, issues', async () => {
    const english = await call('agent', 'POST', '/api/brand-check', {
      campaignId,
      text: '60-day returns and a 5-year warranty on the Nordvik Kettle Pro! #MyNordvikStory',
      market: 'US',
    });
    expect(english.statusCode).toBe(200);
    const findings = english.json<BrandFindings>();
    expect(findings.language).toBe('en');
    expect(findings.claims).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ verdict: 'contradicted', factId: 'returns-30-days' }),
        expect.objectContaining({ verdict: 'contradicted', factId: 'warranty-2-years' }),
      ]),
    );
    expect(findings.disclosure).toMatchObject({ market: 'US', required: true, present: false, ok: false });
    expect(findings.issues.map((i) => i.code)).toEqual(
      expect.arrayContaining(['CLAIM_CONTRADICTED', 'DISCLOSURE_MISSING']),
    );
    expect(findings.onMessage.score).toBeGreaterThan(0);

    const swedish = await call('viewer', 'POST', '/api/brand-check', {
      campaignId,
      text: 'Min Nordvik kokar snabbt och har 2 års garanti. #MinNordvikBerättelse #reklam',
      language: 'sv',
      market: 'SE',
    });
    expect(swedish.json()).toMatchObject({
      claims: [{ verdict: 'supported', factId: 'warranty-2-years' }],
      disclosure: { market: 'SE', present: true, ok: false },
    });
    expect(swedish.json<BrandFindings>().issues.map((i) => i.code)).toContain('DISCLOSURE_MISPLACED');
    // The findings' words are in the draft's language unless `lang` asks for another; codes stay.
    const misplaced = (body: BrandFindings) => body.issues.find((i) => i.code === 'DISCLOSURE_MISPLACED');
    expect(misplaced(swedish.json<BrandFindings>())).toMatchObject({
      messageCode: 'issue.disclosureMisplaced',
      message: expect.stringMatching(
        /^reklammärkningen står på fel plats \(SE\): märkningen kommer efter \d+ ord/,
      ),
    });
    expect(findings.issues.find((i) => i.code === 'CLAIM_CONTRADICTED')?.message).toMatch(/contradicts fact/);
    const inSpanish = await call('viewer', 'POST', '/api/brand-check', {
      campaignId,
      text: '60-day returns and a 5-year warranty on the Nordvik Kettle Pro! #MyNordvikStory',
      market: 'US',
      lang: 'es',
    });
    const spanish = inSpanish.json<BrandFindings>();
    expect(spanish.issues.map((i) => i.code)).toEqual(findings.issues.map((i) => i.code));
    expect(spanish.issues.find((i) => i.code === 'CLAIM_CONTRADICTED')?.message).toMatch(
      /contradice el dato (returns-30-days|warranty-2-years): texto aprobado «/,
    );
    expect(spanish.issues.find((i) => i.code === 'DISCLOSURE_MISSING')?.message).toMatch(
      /^falta el aviso de publicidad \(US\): no aparece ninguno de /,
    );
    expect(String(spanish.claims[0]?.evidence.reason)).toMatch(/difiere del dato aprobado/);
    expect(
      (await call('viewer', 'POST', '/api/brand-check', { campaignId, text: 'hello', lang: 'de' }))
        .statusCode,
    ).toBe(400);

    expect((await call(null, 'POST', '/api/brand-check', { campaignId, text: 'x' })).statusCode).toBe(401);
    const noCampaign = await call('analyst', 'POST', '/api/brand-check', {
      campaignId: '00000000-0000-4000-8000-000000000000',
      text: 'hello',
    });
    expect(noCampaign.statusCode).toBe(404);
  });

  it('keeps a roster: handles per platform, markets, languages, consent, trust level, training', async () => {
    const ana = {
      displayName: 'Ana',
      email: 'ana@example.com',
      languages: ['es'],
      markets: ['ES'],
      handles: [{ platform: 'Instagram', handle: '@Ana_K' }],
    };
    await forbiddenFor(['owner', 'advocate_manager'], 'POST', '/api/advocates', ana);
    const created = await call('advocate_manager', 'POST', '/api/advocates', ana);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      language: 'es',
      trustLevel: 'self_joined',
      trainingStatus: 'not_started',
      status: 'active',
      consent: { given: false, reference: null, at: null },
      handles: [{ platform: 'instagram', handle: 'ana_k' }],
    });
    anaId = created.json().id;
    const taken = await call('owner', 'POST', '/api/advocates', {
      ...ana,
      displayName: 'Impostor',
      handles: [{ platform: 'instagram', handle: 'ana_k' }],
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.message).toMatch(/instagram:@ana_k/);

    const sven = await call('owner', 'POST', '/api/advocates', {
      displayName: 'Sven',
      languages: ['sv', 'en'],
      markets: ['SE'],
      handles: [{ platform: 'instagram', handle: 'sven.kokar' }],
      consent: { given: true, reference: 'signed form 2026-05-30' },
      trainingStatus: 'in_progress',
    });
    expect(sven.statusCode).toBe(201);
    expect(sven.json().consent).toMatchObject({ given: true, at: now.toISOString() });
    svenId = sven.json().id;

    const list = await call('analyst', 'GET', '/api/advocates');
    expect(list.json<Advocate[]>().map((a) => a.displayName)).toEqual(['Ana', 'Sven']);
    await forbiddenFor(['owner', 'advocate_manager', 'analyst'], 'GET', '/api/advocates');
    await forbiddenFor(['owner', 'advocate_manager', 'analyst'], 'GET', `/api/advocates/${anaId}`);
    await forbiddenFor(['owner', 'advocate_manager'], 'PATCH', `/api/advocates/${anaId}`, {
      trainingStatus: 'completed',
    });
  });

  it('invites an advocate; the token accepts once, with consent', async () => {
    await forbiddenFor(['owner', 'advocate_manager'], 'POST', `/api/advocates/${anaId}/invitations`, {});
    const invitation = await call('advocate_manager', 'POST', `/api/advocates/${anaId}/invitations`, {});
    expect(invitation.statusCode).toBe(201);
    const { token, expiresAt } = invitation.json<{ token: string; expiresAt: string }>();
    expect(Date.parse(expiresAt) - now.getTime()).toBe(14 * 86_400_000);
    expect((await call('analyst', 'GET', `/api/advocates/${anaId}`)).json()).toMatchObject({
      trustLevel: 'invited',
      status: 'invited',
    });

    const noConsent = await call(null, 'POST', '/api/advocate-invitations/accept', { token, consent: false });
    expect(noConsent.statusCode).toBe(400);
    const wrong = await call(null, 'POST', '/api/advocate-invitations/accept', {
      token: 'x'.repeat(32),
      consent: true,
    });
    expect(wrong.statusCode).toBe(404);
    const accepted = await call(null, 'POST', '/api/advocate-invitations/accept', {
      token,
      consent: true,
      handles: [{ platform: 'tiktok', handle: 'ana.k' }],
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ advocateId: anaId, status: 'active' });
    // The invitation leads on to a personal portal link (advocate-portal.api.test.ts uses it).
    expect(accepted.json().portalToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const again = await call(null, 'POST', '/api/advocate-invitations/accept', { token, consent: true });
    expect(again.statusCode).toBe(409);
    const ana = (await call('owner', 'GET', `/api/advocates/${anaId}`)).json();
    expect(ana).toMatchObject({ status: 'active', trustLevel: 'invited', consent: { given: true } });
    expect(ana.consent.reference).toMatch(/^invitation .* accepted/);
    expect(ana.handles).toEqual([
      { platform: 'instagram', handle: 'ana_k' },
      { platform: 'tiktok', handle: 'ana.k' },
    ]);
  });

  it('runs draft → review → reject with reason → resubmit → approve, with findings on every version', async () => {
    const first = {
      campaignId,
      text: '¡Mi nueva tetera Nordvik! 60 días para devolverlo, increíble. #MiHistoriaNordvik',
      platform: 'instagram',
    };
    await forbiddenFor(['owner', 'advocate_manager'], 'POST', `/api/advocates/${anaId}/drafts`, first);
    const submitted = await call('advocate_manager', 'POST', `/api/advocates/${anaId}/drafts`, first);
    expect(submitted.statusCode).toBe(201);
    const draft = submitted.json();
    anaDraftId = draft.id;
    expect(draft).toMatchObject({ status: 'in_review', currentVersion: 1, approvedVersion: null });
    expect(draft.versions[0]).toMatchObject({ language: 'es', market: 'ES', errors: 2 });
    expect(draft.versions[0].findings.claims[0]).toMatchObject({
      verdict: 'contradicted',
      factId: 'returns-30-days',
    });

    const blocked = await call('advocate_manager', 'POST', `/api/advocate-drafts/${anaDraftId}/approve`, {});
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.message).toMatch(/2 brand-check error/);
    await forbiddenFor(['owner', 'advocate_manager'], 'POST', `/api/advocate-drafts/${anaDraftId}/reject`, {
      reason: 'wrong returns period',
    });
    const noReason = await call('owner', 'POST', `/api/advocate-drafts/${anaDraftId}/reject`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    const rejected = await call('owner', 'POST', `/api/advocate-drafts/${anaDraftId}/reject`, {
      reason: 'Returns are 30 days, and add "Publicidad" at the start',
    });
    expect(rejected.json()).toMatchObject({
      status: 'rejected',
      versions: [{ decision: 'rejected', reason: 'Returns are 30 days, and add "Publicidad" at the start' }],
    });
    expect((await call('owner', 'POST', `/api/advocate-drafts/${anaDraftId}/approve`, {})).statusCode).toBe(
      409,
    );

    await forbiddenFor(['owner', 'advocate_manager'], 'POST', `/api/advocate-drafts/${anaDraftId}/versions`, {
      text: APPROVED_ES,
    });
    const resubmitted = await call(
      'advocate_manager',
      'POST',
      `/api/advocate-drafts/${anaDraftId}/versions`,
      {
        text: APPROVED_ES,
      },
    );
    expect(resubmitted.statusCode).toBe(201);
    expect(resubmitted.json()).toMatchObject({ status: 'in_review', currentVersion: 2 });
    expect(resubmitted.json().versions[1]).toMatchObject({ version: 2, errors: 0, language: 'es' });
    await forbiddenFor(
      ['owner', 'advocate_manager'],
      'POST',
      `/api/advocate-drafts/${anaDraftId}/approve`,
      {},
    );
    // A crisis pause on publishing blocks approval until it is lifted.
    const pause = (publishingPaused: boolean) =>
      switchCircuitBreaker(database.db, {
        workspaceId,
        campaignId,
        incidentId: null,
        actorId: null,
        publishingPaused,
        reason: 'test',
        at: now,
      });
    await pause(true);
    const paused = await call('advocate_manager', 'POST', `/api/advocate-drafts/${anaDraftId}/approve`, {});
    expect(paused.statusCode).toBe(409);
    expect(paused.json().error.message).toMatch(/paused by the crisis circuit breaker/);
    await pause(false);
    const approved = await call('advocate_manager', 'POST', `/api/advocate-drafts/${anaDraftId}/approve`, {
      publishAt: '2026-06-01T18:00:00Z',
      note: 'good to go',
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'approved',
      approvedVersion: 2,
      publishAt: '2026-06-01T18:00:00.000Z',
      versions: [{ decision: 'rejected' }, { decision: 'approved', reason: 'good to go' }],
    });

    // A self-joined advocate is approved only after training.
    const svenDraft = await call('owner', 'POST', `/api/advocates/${svenId}/drafts`, {
      campaignId,
      text: APPROVED_SV,
    });
    svenDraftId = svenDraft.json().id;
    expect(svenDraft.json().versions[0]).toMatchObject({ language: 'sv', market: 'SE', errors: 0 });
    const untrained = await call('owner', 'POST', `/api/advocate-drafts/${svenDraftId}/approve`, {});
    expect(untrained.statusCode).toBe(409);
    expect(untrained.json().error.message).toMatch(/training/);
    await call('advocate_manager', 'PATCH', `/api/advocates/${svenId}`, { trainingStatus: 'completed' });
    expect((await call('owner', 'POST', `/api/advocate-drafts/${svenDraftId}/approve`, {})).statusCode).toBe(
      200,
    );

    // No consent, no drafts.
    const noConsent = await call('owner', 'POST', '/api/advocates', {
      displayName: 'Noor',
      languages: ['en'],
      handles: [{ platform: 'instagram', handle: 'noor' }],
    });
    const refused = await call('owner', 'POST', `/api/advocates/${noConsent.json().id}/drafts`, {
      campaignId,
      text: '#ad I love my kettle',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('CONSENT_REQUIRED');

    const listed = await call(
      'analyst',
      'GET',
      `/api/advocate-drafts?campaignId=${campaignId}&status=approved`,
    );
    expect(
      listed
        .json<Draft[]>()
        .map((d) => d.id)
        .sort(),
    ).toEqual([anaDraftId, svenDraftId].sort());
    await forbiddenFor(['owner', 'advocate_manager', 'analyst'], 'GET', `/api/advocate-drafts/${anaDraftId}`);
  });

  it('matches published posts to the approved draft: as approved, edited, disclosure removed, unapproved', async () => {
    now = new Date('2026-06-02T09:00:00Z');
    await importPosts([
      {
        id: 'ana-1',
        platform: 'instagram',
        author: '@ana_k',
        author_followers: 1200,
        created_at: '2026-06-01T18:05:00Z',
        text: `${APPROVED_ES} 🎉`,
        views: 5000,
        likes: 300,
        reposts: 20,
      },
      {
        id: 'ana-2',
        platform: 'tiktok',
        author: 'ana.k',
        author_followers: 900,
        created_at: '2026-06-01T20:00:00Z',
        text: 'Mi nueva tetera Nordvik hierve rápido y tiene devolución gratuita en 60 días. #MiHistoriaNordvik',
        likes: 10,
      },
      {
        id: 'sven-1',
        platform: 'instagram',
        author: 'sven.kokar',
        author_followers: 400,
        created_at: '2026-06-01T19:00:00Z',
        text: 'Min Nordvik kokar snabbt och har 2 års garanti. #MinNordvikBerättelse #reklam',
      },
      {
        id: 'sven-2',
        platform: 'instagram',
        author: 'sven.kokar',
        created_at: '2026-06-01T21:00:00Z',
        text: 'Vilken dag! Solen skiner över Stockholm och kaffet är gott. #MinNordvikBerättelse',
      },
      {
        id: 'customer-1',
        platform: 'instagram',
        author: 'random_customer',
        created_at: '2026-06-01T22:00:00Z',
        text: 'Heard the Nordvik kettle has 60-day returns, nice #MyNordvikStory',
      },
      {
        id: 'customer-2',
        platform: 'instagram',
        author: 'copycat',
        created_at: '2026-06-01T22:30:00Z',
        text: 'Mi nueva tetera Nordvik hierve rápido y tiene devolución gratuita en 60 días!! #MiHistoriaNordvik',
      },
      {
        // A truncated repost: the figure lost its unit, so only near-duplicate matching finds it.
        id: 'customer-3',
        platform: 'instagram',
        author: 'reposter',
        created_at: '2026-06-01T23:00:00Z',
        text: 'RT @copycat: Mi nueva tetera Nordvik hierve rápido y tiene devolución gratuita en 60 d… #MiHistoriaNordvik',
      },
    ]);
    const anaPosts = (await call('analyst', 'GET', `/api/advocates/${anaId}/posts`)).json<AdvocatePost[]>();
    const byOutcome = Object.fromEntries(anaPosts.map((p) => [p.outcome, p]));
    expect(byOutcome.as_approved).toMatchObject({
      draftId: anaDraftId,
      draftVersion: 2,
      disclosureOk: true,
      disclosureRemoved: false,
      contradictedClaims: 0,
      reach: 5000,
      engagement: 320,
    });
    expect(byOutcome.edited_after_approval).toMatchObject({
      draftId: anaDraftId,
      disclosureRemoved: true,
      disclosureOk: false,
      contradictedClaims: 1,
      reach: 900,
      evidence: { changes: { added: ['60'], removed: ['publicidad', '30'] }, contradictedClaimsAdded: 1 },
    });
    const svenPosts = (await call('owner', 'GET', `/api/advocates/${svenId}/posts`)).json<AdvocatePost[]>();
    expect(svenPosts.map((p) => [p.outcome, p.disclosureOk])).toEqual([
      ['no_approved_draft', false],
      ['edited_after_approval', false],
    ]);
    expect(svenPosts[1]?.evidence.disclosure).toMatchObject({ present: true, ok: false, moved: true });

    const compliance = await call('analyst', 'GET', `/api/advocates/${anaId}/compliance`);
    expect(compliance.json()).toMatchObject({
      posts: 2,
      asApproved: 1,
      editedAfterApproval: 1,
      disclosureRemoved: 1,
      disclosureProblems: 1,
      contradictedClaims: 1,
      complianceRate: 0.5,
      reach: 5900,
      engagement: 330,
      drafts: { inReview: 0, approved: 1, rejected: 0 },
    });
    await forbiddenFor(['owner', 'advocate_manager', 'analyst'], 'GET', `/api/advocates/${anaId}/compliance`);
  });

  it('corrects a wrong claim: finds advocate and customer posts, notifies in the advocate language, tracks who corrected', async () => {
    const input = { campaignId, claimText: '60-day returns', language: 'en', reason: 'rumour about returns' };
    await forbiddenFor(['owner', 'advocate_manager'], 'POST', '/api/corrections', input);
    const needsWording = await call('owner', 'POST', '/api/corrections', {
      campaignId,
      factId: 'returns-30-days',
    });
    expect(needsWording.statusCode).toBe(400);
    expect(needsWording.json().error.message).toMatch(/corrected wording/);
    const unknownFact = await call('owner', 'POST', '/api/corrections', { campaignId, factId: 'nope' });
    expect(unknownFact.json().error.message).toMatch(/no fact "nope"/);

    const created = await call('advocate_manager', 'POST', '/api/corrections', input);
    expect(created.statusCode).toBe(201);
    const correction = created.json<Correction>();
    correctionId = correction.id;
    expect(correction).toMatchObject({
      mode: 'claim',
      claimText: '60-day returns',
      correction: { es: 'Devolución gratuita en 30 días.', sv: '30 dagars öppet köp.' },
    });
    expect(correction.scanned).toBeGreaterThanOrEqual(5);
    const posts = await database.db.selectFrom('post').select(['id', 'external_id']).execute();
    const externalOf = new Map(posts.map((p) => [String(p.id), p.external_id]));
    const matched = Object.fromEntries(correction.matches.map((m) => [externalOf.get(m.postId), m.kind]));
    expect(matched).toEqual({
      'ana-2': 'claim',
      'customer-1': 'wording',
      'customer-2': 'claim',
      'customer-3': 'near_duplicate',
    });
    const nearDuplicate = correction.matches.find((m) => externalOf.get(m.postId) === 'customer-3');
    expect(externalOf.get(nearDuplicate?.seedPostId ?? '')).toMatch(/^(ana-2|customer-2)$/);
    expect(nearDuplicate?.similarity).toBeGreaterThanOrEqual(0.6);
    expect(correction.notices).toHaveLength(1);
    expect(correction.notices[0]).toMatchObject({ advocateId: anaId, language: 'es', status: 'sent' });
    expect(correction.notices[0]?.body).toMatch(/El texto aprobado es: «Devolución gratuita en 30 días\.»/);
    expect(correction.notices[0]?.subject).toMatch(/corrección/);

    // Ana posts the correction the next day; the pipeline stage marks her notice corrected.
    now = new Date('2026-06-03T09:00:00Z');
    const [fixId] = await importPosts([
      {
        id: 'ana-3',
        platform: 'instagram',
        author: 'ana_k',
        created_at: '2026-06-03T08:00:00Z',
        text: 'Publicidad: corrijo mi post, la devolución gratuita es en 30 días. #MiHistoriaNordvik',
      },
    ]);
    const after = (await call('analyst', 'GET', `/api/corrections/${correctionId}`)).json();
    expect(after.notices[0]).toMatchObject({
      status: 'corrected',
      resolvedByPostId: fixId,
      resolvedAt: now.toISOString(),
    });
    expect((await call('owner', 'GET', `/api/advocates/${anaId}/compliance`)).json().corrections).toEqual({
      sent: 1,
      corrected: 1,
      repeated: 0,
    });
    const listed = await call('analyst', 'GET', `/api/corrections?campaignId=${campaignId}`);
    expect(listed.json<Correction[]>().map((c) => c.id)).toEqual([correctionId]);
    await forbiddenFor(['owner', 'advocate_manager', 'analyst'], 'GET', `/api/corrections/${correctionId}`);
    await forbiddenFor(
      ['owner', 'advocate_manager'],
      'POST',
      `/api/corrections/${correctionId}/notices/${after.notices[0].id}`,
      { status: 'sent' },
    );
    const reopened = await call(
      'owner',
      'POST',
      `/api/corrections/${correctionId}/notices/${after.notices[0].id}`,
      { status: 'sent' },
    );
    expect(reopened.json().notices[0]).toMatchObject({ status: 'sent', resolvedAt: null });
  });

  it('a fact found wrong: posts stating it are found and the advocate gets the new wording in Swedish', async () => {
    const created = await call('owner', 'POST', '/api/corrections', {
      campaignId,
      factId: 'warranty-2-years',
      correction: { en: '3-year warranty.', es: '3 años de garantía.', sv: '3 års garanti.' },
    });
    expect(created.statusCode).toBe(201);
    const correction = created.json();
    expect(correction.mode).toBe('fact');
    expect(correction.notices).toHaveLength(1);
    expect(correction.notices[0]).toMatchObject({ advocateId: svenId, language: 'sv' });
    expect(correction.notices[0]?.body).toMatch(/Den godkända formuleringen är: ”3 års garanti\.”/);
  });

  it('erases an advocate with everything derived from them', async () => {
    await forbiddenFor(['owner', 'advocate_manager'], 'DELETE', `/api/advocates/${anaId}`);
    expect((await call('advocate_manager', 'DELETE', `/api/advocates/${anaId}`)).statusCode).toBe(204);
    expect((await call('owner', 'GET', `/api/advocates/${anaId}`)).statusCode).toBe(404);
    for (const table of [
      'advocate_handle',
      'advocate_invitation',
      'advocate_draft',
      'advocate_post',
      'brand_correction_notice',
    ] as const) {
      const rows = await database.db
        .selectFrom(table)
        .select('advocate_id')
        .where('advocate_id', '=', anaId)
        .execute();
      expect(rows, table).toEqual([]);
    }
    expect((await call('analyst', 'GET', `/api/advocate-drafts/${anaDraftId}`)).statusCode).toBe(404);
  });

  it('writes every read and change of the roster to the audit log, without names or handles', async () => {
    const entries = await database.db
      .selectFrom('audit_log')
      .select(['action', 'target_id', 'details', 'actor_kind'])
      .where('workspace_id', '=', workspaceId)
      .where('action', 'like', 'advocate.%')
      .orderBy('seq')
      .execute();
    const anaActions = entries.filter((e) => e.target_id === anaId).map((e) => e.action);
    expect(anaActions).toEqual(
      expect.arrayContaining([
        'advocate.created',
        'advocate.read',
        'advocate.invited',
        'advocate.invitation.accepted',
        'advocate.erased',
      ]),
    );
    expect(entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['advocate.roster.read', 'advocate.updated']),
    );
    expect(entries.find((e) => e.action === 'advocate.invitation.accepted')?.actor_kind).toBe('system');
    const serialised = JSON.stringify(entries);
    for (const personal of ['Ana', 'ana_k', 'ana.k', 'ana@example.com', 'sven.kokar'])
      expect(serialised).not.toContain(personal);
  });
});
