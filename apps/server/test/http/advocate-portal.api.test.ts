import {
  ROLES,
  type AdvocatePortalStatus,
  type BrandFindings,
  type Correction,
  type PortalBrief,
  type PortalDraft,
  type PortalMe,
  type PortalNotice,
  type Role,
} from '@ombud/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedWorkStream } from '../../src/adapters/work-stream/embedded.work-stream.ts';
import demoBrief from '../../src/demo/demo-brief.json' with { type: 'json' };
import { demoCampaignFor } from '../../src/demo/demo-campaign.ts';
import type { HttpApp } from '../../src/http/app.ts';
import { createJobRegistry } from '../../src/jobs/registry.ts';
import { advocatesStage } from '../../src/pipeline/stages/advocates.stage.ts';
import { analysePosts } from '../../src/services/analysis.service.ts';
import {
  deliverCorrectionNotice,
  NOTICE_RETRY,
} from '../../src/services/advocate-notice-delivery.service.ts';
import { smtpMailSender } from '../../src/jobs/listening.jobs.ts';
import type { MailSender } from '../../src/services/listening-digest.service.ts';
import { readMail, startSmtpReceiver, type SmtpReceiver } from '../support/alert-receivers.ts';
import { signIn, startAppWithOwner, TEST_PASSWORD as PASSWORD } from '../support/http-app.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';
import { waitFor } from '../support/wait-for.ts';

// The advocate portal through the API on both databases: portal links (invitation, manager, e-mail),
// the brief in the advocate's language, the guide before publishing, drafts through the existing
// review, correction notices e-mailed through a real SMTP server and answered in the portal, and
// every attempt to reach another advocate's data, or the team's, refused.

const HEADER = 'x-ombud-portal';
const quietLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe.each(DATABASE_KINDS)('advocate portal API on %s', (kind) => {
  let database: TestDatabase;
  let smtp: SmtpReceiver;
  let app: HttpApp;
  let now = new Date('2026-06-01T12:00:00Z');
  const cookies = new Map<Role, string>();
  let campaignId = '';
  let anaId = '';
  let svenId = '';
  let anaToken = '';
  let svenToken = '';
  let anaDraftId = '';
  let correctionId = '';

  const team = (role: Role | null, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: role === null ? {} : { cookie: cookies.get(role) ?? '' },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const portal = (token: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: { [HEADER]: token },
      ...(payload === undefined
        ? method === 'POST'
          ? { payload: {} }
          : {}
        : { payload: payload as Record<string, unknown> }),
    });
  const drainJobs = (smtpPort: number) =>
    createEmbeddedWorkStream({
      db: database.db,
      handlers: createJobRegistry({
        mail: { smtpUrl: `smtp://127.0.0.1:${smtpPort}`, from: 'programme@nordvik.example' },
        publicUrl: 'https://ombud.example',
      }),
      log: quietLog,
      now: () => now,
      concurrency: 1,
    }).drain();

  async function importPosts(records: Record<string, unknown>[]) {
    const key = await team('owner', 'POST', '/api/api-keys', { name: `loader-${now.getTime()}` });
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
    return ids;
  }

  beforeAll(async () => {
    [database, smtp] = await Promise.all([createTestDatabase(kind), startSmtpReceiver()]);
    const started = await startAppWithOwner(database, { clock: () => now });
    app = started.app;
    cookies.set('owner', started.owner);
    for (const role of ROLES.filter((r) => r !== 'owner')) {
      await team('owner', 'POST', '/api/users', {
        email: `${role}@example.com`,
        displayName: role,
        password: PASSWORD,
        role,
      });
      cookies.set(role, await signIn(app, `${role}@example.com`));
    }
    const campaign = await team('owner', 'POST', '/api/campaigns', {
      ...demoCampaignFor(new Date('2026-05-20T00:00:00Z'), 30),
      startsAt: null,
      endsAt: null,
      brief: demoBrief,
    });
    campaignId = campaign.json<{ id: string }>().id;
    // Ana: invited by the manager, accepts; Sven: on the roster with consent, gets a link from the manager.
    anaId = (
      await team('advocate_manager', 'POST', '/api/advocates', {
        displayName: 'Ana',
        email: 'ana@example.com',
        languages: ['es'],
        markets: ['ES'],
        handles: [{ platform: 'instagram', handle: 'ana_k' }],
      })
    ).json<{ id: string }>().id;
    svenId = (
      await team('owner', 'POST', '/api/advocates', {
        displayName: 'Sven',
        languages: ['sv'],
        markets: ['SE'],
        handles: [{ platform: 'instagram', handle: 'sven.kokar' }],
        consent: { given: true, reference: 'signed form' },
        trustLevel: 'invited',
      })
    ).json<{ id: string }>().id;
  });
  afterAll(async () => {
    await app.close();
    await Promise.all([database.close(), smtp.close()]);
  });

  it('gives an advocate a portal link from their invitation, and the manager can create one (hash stored only)', async () => {
    const invitation = await team('advocate_manager', 'POST', `/api/advocates/${anaId}/invitations`, {});
    const accepted = await team(null, 'POST', '/api/advocate-invitations/accept', {
      token: invitation.json<{ token: string }>().token,
      consent: true,
      handles: [{ platform: 'tiktok', handle: 'ana.k' }],
    });
    expect(accepted.statusCode).toBe(200);
    anaToken = accepted.json<{ portalToken: string }>().portalToken;
    // Her consent to the programme is in the consent ledger for each of her handles.
    const programme = await database.db
      .selectFrom('consent_record')
      .select('author_id')
      .where('purpose', '=', 'advocate_programme')
      .execute();
    expect(programme).toHaveLength(2);

    for (const role of ROLES.filter((r) => r !== 'owner' && r !== 'advocate_manager'))
      expect((await team(role, 'POST', `/api/advocates/${svenId}/portal-links`, {})).statusCode).toBe(403);
    const link = await team('advocate_manager', 'POST', `/api/advocates/${svenId}/portal-links`, {
      days: 10,
    });
    expect(link.statusCode).toBe(201);
    svenToken = link.json<{ token: string }>().token;
    expect(link.json()).toMatchObject({ advocateId: svenId, path: `/portal/${svenToken}` });
    expect(Date.parse(link.json<{ expiresAt: string }>().expiresAt) - now.getTime()).toBe(10 * 86_400_000);

    const stored = await database.db
      .selectFrom('advocate_portal_token')
      .select(['token_hash', 'source'])
      .execute();
    expect(stored.map((s) => s.source).sort()).toEqual(['invitation', 'manager']);
    for (const row of stored) {
      expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect([anaToken, svenToken]).not.toContain(row.token_hash);
    }

    const statuses = (await team('analyst', 'GET', '/api/advocate-portal-status')).json<
      AdvocatePortalStatus[]
    >();
    expect(statuses.find((s) => s.advocateId === svenId)?.portal).toMatchObject({
      status: 'active',
      activeLinks: 1,
    });
  });

  it("shows the brief in the advocate's language with their market's disclosure", async () => {
    const me = await portal(anaToken, 'GET', '/api/portal/me');
    expect(me.statusCode).toBe(200);
    expect(me.json<PortalMe>()).toMatchObject({
      advocate: {
        displayName: 'Ana',
        language: 'es',
        markets: ['ES'],
        trustLevel: 'invited',
        hasEmail: true,
      },
      contactConsent: false,
      campaigns: [{ id: campaignId }],
    });
    expect(JSON.stringify(me.json())).not.toMatch(/ana@example\.com|owner@example\.com/);

    const brief = (
      await portal(anaToken, 'GET', `/api/portal/campaigns/${campaignId}/brief`)
    ).json<PortalBrief>();
    expect(brief).toMatchObject({ brand: 'Nordvik', language: 'es', market: 'ES' });
    expect(brief.facts.find((f) => f.id === 'returns-30-days')?.text).toBe('Devolución gratuita en 30 días.');
    expect(brief.disclosure?.market).toBe('ES');
    expect(brief.disclosure?.tags.join(' ')).toMatch(/Publicidad/i);
    const swedish = (
      await portal(svenToken, 'GET', `/api/portal/campaigns/${campaignId}/brief`)
    ).json<PortalBrief>();
    expect(swedish).toMatchObject({ language: 'sv', market: 'SE' });
    expect(swedish.disclosure?.tags.join(' ')).toMatch(/Reklam/);
  });

  it('guides before publishing, then submits into the review; the advocate sees the reason and resubmits', async () => {
    const text =
      'Mi nueva tetera Nordvik hierve rápido y tiene devolución gratuita en 60 días. #MiHistoriaNordvik';
    const check = await portal(anaToken, 'POST', '/api/portal/check', { campaignId, text });
    expect(check.statusCode).toBe(200);
    const findings = check.json<BrandFindings>();
    expect(findings.claims).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ verdict: 'contradicted', factId: 'returns-30-days' }),
      ]),
    );
    expect(findings.issues.map((i) => i.code)).toEqual(
      expect.arrayContaining(['CLAIM_CONTRADICTED', 'DISCLOSURE_MISSING']),
    );
    // Said in Ana's language (es) unless she asks for another.
    const said = (body: BrandFindings) => Object.fromEntries(body.issues.map((i) => [i.code, i.message]));
    expect(said(findings)).toMatchObject({
      CLAIM_CONTRADICTED: expect.stringContaining('contradice el dato returns-30-days'),
      DISCLOSURE_MISSING: expect.stringMatching(/^falta el aviso de publicidad \(ES\)/),
    });
    const inSwedish = await portal(anaToken, 'POST', '/api/portal/check', { campaignId, text, lang: 'sv' });
    expect(said(inSwedish.json<BrandFindings>())).toMatchObject({
      CLAIM_CONTRADICTED: expect.stringContaining('motsäger faktumet returns-30-days'),
      DISCLOSURE_MISSING: expect.stringMatching(/^reklammärkning saknas \(ES\): ingen av .* hittades$/),
    });
    expect(await database.db.selectFrom('advocate_draft').select('id').execute()).toEqual([]);

    const submitted = await portal(anaToken, 'POST', '/api/portal/drafts', { campaignId, text });
    expect(submitted.statusCode).toBe(201);
    anaDraftId = submitted.json<PortalDraft>().id;
    expect(submitted.json()).toMatchObject({ status: 'in_review', currentVersion: 1 });
    expect(JSON.stringify(submitted.json())).not.toMatch(/decidedBy|advocateId/);

    // The manager sees it in the team's review queue and rejects it with a reason.
    const queue = (await team('analyst', 'GET', `/api/advocate-drafts?advocateId=${anaId}`)).json<
      { id: string }[]
    >();
    expect(queue.map((d) => d.id)).toEqual([anaDraftId]);
    const rejected = await team('advocate_manager', 'POST', `/api/advocate-drafts/${anaDraftId}/reject`, {
      reason: 'Las devoluciones son 30 días, y falta «Publicidad» al principio.',
    });
    expect(rejected.statusCode).toBe(200);
    const mine = (await portal(anaToken, 'GET', '/api/portal/drafts')).json<PortalDraft[]>();
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      status: 'rejected',
      versions: [{ decision: 'rejected', reason: expect.stringMatching(/30 días/) }],
    });

    const fixed =
      'Publicidad: mi nueva tetera Nordvik hierve rápido y tiene devolución gratuita en 30 días. #MiHistoriaNordvik';
    const resubmitted = await portal(anaToken, 'POST', `/api/portal/drafts/${anaDraftId}/versions`, {
      text: fixed,
    });
    expect(resubmitted.statusCode).toBe(201);
    expect(resubmitted.json()).toMatchObject({ status: 'in_review', currentVersion: 2 });
    expect(resubmitted.json<PortalDraft>().versions[1]?.errors).toBe(0);
  });

  it("refuses another advocate's drafts, team sessions on portal routes and portal tokens on team routes", async () => {
    // Sven's token cannot see or act on Ana's draft; "not found", never a hint that it exists.
    expect((await portal(svenToken, 'GET', '/api/portal/drafts')).json()).toEqual([]);
    const other = await portal(svenToken, 'POST', `/api/portal/drafts/${anaDraftId}/versions`, {
      text: 'Reklam: hej',
    });
    expect(other.statusCode).toBe(404);
    const draft = (await team('analyst', 'GET', `/api/advocate-drafts/${anaDraftId}`)).json<{
      currentVersion: number;
    }>();
    expect(draft.currentVersion).toBe(2);

    // Portal routes take no team session, whatever the role, and no API key.
    for (const role of ROLES) {
      const response = await team(role, 'GET', '/api/portal/me');
      expect(response.statusCode, role).toBe(401);
    }
    const key = (await team('owner', 'POST', '/api/api-keys', { name: 'loader' })).json<{ key: string }>()
      .key;
    expect(
      (await app.inject({ url: '/api/portal/me', headers: { authorization: `Bearer ${key}` } })).statusCode,
    ).toBe(401);
    // Team routes take no portal token, in its header or as a bearer token.
    for (const url of [
      '/api/advocates',
      `/api/advocates/${anaId}`,
      '/api/advocate-drafts',
      '/api/corrections',
      '/api/campaigns',
    ]) {
      expect((await portal(anaToken, 'GET', url)).statusCode, url).toBe(401);
      expect(
        (await app.inject({ url, headers: { authorization: `Bearer ${anaToken}` } })).statusCode,
        url,
      ).toBe(401);
    }
    // A campaign brief the advocate does not belong to, or a made-up token, is refused.
    expect((await portal('x'.repeat(43), 'GET', '/api/portal/me')).statusCode).toBe(401);
    expect(
      (await portal(anaToken, 'GET', '/api/portal/campaigns/00000000-0000-4000-8000-000000000000/brief'))
        .statusCode,
    ).toBe(404);
  });

  it('e-mails a correction notice in Spanish with a portal link, through a real SMTP server, and tracks it', async () => {
    // Contact consent goes into the consent ledger, per handle.
    const consent = await portal(anaToken, 'POST', '/api/portal/consent', { contact: true });
    expect(consent.json<PortalMe>().contactConsent).toBe(true);
    const ledger = await database.db
      .selectFrom('consent_record')
      .select(['purpose'])
      .where('purpose', '=', 'contact')
      .execute();
    expect(ledger).toHaveLength(2);

    await importPosts([
      {
        id: 'ana-wrong',
        platform: 'tiktok',
        author: 'ana.k',
        created_at: '2026-06-01T10:00:00Z',
        text: 'Mi nueva tetera Nordvik hierve rápido y tiene devolución gratuita en 60 días. #MiHistoriaNordvik',
      },
      {
        id: 'sven-wrong',
        platform: 'instagram',
        author: 'sven.kokar',
        created_at: '2026-06-01T10:00:00Z',
        text: 'Reklam: min Nordvik har 60 dagars öppet köp! #MinNordvikBerättelse',
      },
    ]);
    const created = await team('advocate_manager', 'POST', '/api/corrections', {
      campaignId,
      claimText: '60-day returns',
      language: 'en',
    });
    expect(created.statusCode).toBe(201);
    const correction = created.json<Correction>();
    correctionId = correction.id;
    expect(correction.notices.map((n) => n.advocateId).sort()).toEqual([anaId, svenId].sort());
    for (const notice of correction.notices)
      expect(notice.delivery).toMatchObject({ status: 'pending', attempts: 0 });

    await drainJobs(smtp.port);
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.to).toEqual(['ana@example.com']);
    const read = readMail(mail.raw);
    expect(read.headers.get('subject')).toMatch(/Nordvik: una corrección/);
    expect(read.text).toMatch(/El texto aprobado es: «Devolución gratuita en 30 días\.»/);
    const link = /https:\/\/ombud\.example\/portal\/([A-Za-z0-9_-]+)/.exec(read.text)?.[1];
    expect(link).toBeDefined();

    const after = (await team('analyst', 'GET', `/api/corrections/${correctionId}`)).json<Correction>();
    const anaNotice = after.notices.find((n) => n.advocateId === anaId)!;
    const svenNotice = after.notices.find((n) => n.advocateId === svenId)!;
    expect(anaNotice.delivery).toMatchObject({
      status: 'delivered',
      attempts: 1,
      deliveredAt: now.toISOString(),
    });
    // Sven has no e-mail address: the notice is in his portal only, and says why.
    expect(svenNotice.delivery).toMatchObject({
      status: 'portal_only',
      error: 'the advocate has no e-mail address',
    });

    // The link in the e-mail opens Ana's portal; the notice is there in Spanish, and she answers it.
    const notices = (await portal(link!, 'GET', '/api/portal/notices')).json<PortalNotice[]>();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ id: anaNotice.id, language: 'es', deliveryStatus: 'delivered' });
    expect(notices[0]?.body).toMatch(/El texto aprobado es/);
    // Sven cannot answer Ana's notice.
    expect(
      (await portal(svenToken, 'POST', `/api/portal/notices/${anaNotice.id}/acknowledge`)).statusCode,
    ).toBe(404);
    expect(
      (await portal(anaToken, 'POST', `/api/portal/notices/${anaNotice.id}/acknowledge`)).statusCode,
    ).toBe(200);
    const corrected = await portal(anaToken, 'POST', `/api/portal/notices/${anaNotice.id}/corrected`);
    expect(corrected.json()).toMatchObject({
      acknowledgedAt: now.toISOString(),
      advocateCorrectedAt: now.toISOString(),
    });

    const tracked = (await team('analyst', 'GET', `/api/corrections/${correctionId}`)).json<Correction>();
    expect(tracked.notices.find((n) => n.advocateId === anaId)).toMatchObject({
      readAt: now.toISOString(),
      acknowledgedAt: now.toISOString(),
      advocateCorrectedAt: now.toISOString(),
      // What she says is recorded beside what publication matching confirms (not yet).
      status: 'sent',
    });
    const status = (await team('advocate_manager', 'GET', '/api/advocate-portal-status')).json<
      AdvocatePortalStatus[]
    >();
    expect(status.find((s) => s.advocateId === anaId)?.notices).toMatchObject({
      total: 1,
      delivered: 1,
      read: 1,
      acknowledged: 1,
      advocateCorrected: 1,
    });
    expect(status.find((s) => s.advocateId === svenId)?.notices).toMatchObject({ portalOnly: 1 });

    // Publication matching confirms the correction when she posts the approved wording.
    now = new Date('2026-06-02T09:00:00Z');
    await importPosts([
      {
        id: 'ana-fix',
        platform: 'tiktok',
        author: 'ana.k',
        created_at: '2026-06-02T08:00:00Z',
        text: 'Publicidad: corrijo, devolución gratuita en 30 días con mi tetera Nordvik. #MiHistoriaNordvik',
      },
    ]);
    const confirmed = (await team('analyst', 'GET', `/api/corrections/${correctionId}`)).json<Correction>();
    expect(confirmed.notices.find((n) => n.advocateId === anaId)?.status).toBe('corrected');
  });

  it('retries a refused e-mail with back-off and records it as failed after the last attempt', async () => {
    const notice = await database.db
      .selectFrom('brand_correction_notice')
      .select('id')
      .where('advocate_id', '=', anaId)
      .executeTakeFirstOrThrow();
    await database.db
      .updateTable('brand_correction_notice')
      .set({ delivery_status: 'pending', delivery_attempts: 0, delivered_at: null })
      .where('id', '=', notice.id)
      .execute();
    // A real SMTP server that went away: its port no longer accepts connections.
    const gone = await startSmtpReceiver();
    const port = gone.port;
    await gone.close();
    const mailer = {
      sender: smtpMailSender({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'programme@nordvik.example' }),
      from: 'programme@nordvik.example',
      publicUrl: 'https://ombud.example',
    };
    const tokensBefore = await database.db
      .selectFrom('advocate_portal_token')
      .select('id')
      .where('revoked_at', 'is', null)
      .execute();
    let at = now;
    const outcomes: string[] = [];
    for (let attempt = 1; attempt <= NOTICE_RETRY.maxAttempts; attempt++) {
      // Not due yet: nothing is sent.
      if (attempt > 1)
        expect(await deliverCorrectionNotice(database.db, notice.id, mailer, at)).toBe('skipped');
      const row = await database.db
        .selectFrom('brand_correction_notice')
        .select(['next_attempt_at'])
        .where('id', '=', notice.id)
        .executeTakeFirstOrThrow();
      at = row.next_attempt_at && attempt > 1 ? row.next_attempt_at : at;
      outcomes.push(await deliverCorrectionNotice(database.db, notice.id, mailer, at));
    }
    expect(outcomes).toEqual(['retry', 'retry', 'retry', 'retry', 'failed']);
    const failed = (await team('analyst', 'GET', `/api/corrections/${correctionId}`)).json<Correction>();
    expect(failed.notices.find((n) => n.advocateId === anaId)?.delivery).toMatchObject({
      status: 'failed',
      attempts: 5,
      error: expect.stringMatching(/ECONNREFUSED|connect/i),
    });
    // The links minted for the failed e-mails were revoked again.
    const tokensAfter = await database.db
      .selectFrom('advocate_portal_token')
      .select('id')
      .where('revoked_at', 'is', null)
      .execute();
    expect(tokensAfter.length).toBe(tokensBefore.length);
    // The notice is still in the portal.
    expect(
      (await portal(anaToken, 'GET', '/api/portal/notices')).json<PortalNotice[]>()[0]?.deliveryStatus,
    ).toBe('failed');
  });

  it('a notice e-mail sent again after an unrecorded acceptance carries the same Message-ID', async () => {
    const notice = await database.db
      .selectFrom('brand_correction_notice')
      .select('id')
      .where('advocate_id', '=', anaId)
      .executeTakeFirstOrThrow();
    await database.db
      .updateTable('brand_correction_notice')
      .set({ delivery_status: 'pending', delivery_attempts: 0, delivered_at: null, next_attempt_at: null })
      .where('id', '=', notice.id)
      .execute();
    const from = 'programme@nordvik.example';
    const sender = smtpMailSender({ smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from });
    // The process dies right after the SMTP server accepted the e-mail: nothing after it runs.
    const dying: MailSender = {
      sendMail: async (message) => {
        await sender.sendMail(message);
        return new Promise<never>(() => undefined);
      },
    };
    const before = smtp.mails.length;
    void deliverCorrectionNotice(
      database.db,
      notice.id,
      { sender: dying, from, publicUrl: 'https://ombud.example' },
      now,
    );
    await waitFor(
      () => Promise.resolve(smtp.mails.length),
      (n) => n === before + 1,
    );
    // Its claim runs out; the next attempt sends it again, as the same message.
    const later = new Date(now.getTime() + 5 * 60_000);
    expect(
      await deliverCorrectionNotice(
        database.db,
        notice.id,
        { sender, from, publicUrl: 'https://ombud.example' },
        later,
      ),
    ).toBe('delivered');
    expect(smtp.mails).toHaveLength(before + 2);
    const [first, second] = smtp.mails
      .slice(before)
      .map((mail) => readMail(mail.raw).headers.get('message-id'));
    expect(first).toBe(`<ombud.correction-notice.${notice.id}@nordvik.example>`);
    expect(second).toBe(first);
  });

  it('lets people self-join through a campaign join link as untrusted advocates, consent in the ledger', async () => {
    for (const role of ROLES.filter((r) => r !== 'owner' && r !== 'advocate_manager'))
      expect((await team(role, 'POST', `/api/campaigns/${campaignId}/join-links`, {})).statusCode).toBe(403);
    const link = await team('advocate_manager', 'POST', `/api/campaigns/${campaignId}/join-links`, {});
    expect(link.statusCode).toBe(201);
    const joinToken = link.json<{ token: string }>().token;
    const info = await team(null, 'GET', `/api/portal/join/${joinToken}`);
    expect(info.json()).toMatchObject({ brand: 'Nordvik', terms: { sv: expect.stringMatching(/reklam/) } });

    const noConsent = await team(null, 'POST', `/api/portal/join/${joinToken}`, {
      displayName: 'Lars',
      language: 'sv',
      markets: ['SE'],
      handles: [{ platform: 'instagram', handle: 'lars.te' }],
      consent: false,
    });
    expect(noConsent.statusCode).toBe(400);
    const joined = await team(null, 'POST', `/api/portal/join/${joinToken}`, {
      displayName: 'Lars',
      email: 'lars@example.com',
      language: 'sv',
      markets: ['SE'],
      handles: [{ platform: 'instagram', handle: 'lars.te' }],
      consent: true,
      contact: true,
    });
    expect(joined.statusCode).toBe(201);
    const { advocateId, portalToken } = joined.json<{ advocateId: string; portalToken: string }>();
    const lars = (await team('analyst', 'GET', `/api/advocates/${advocateId}`)).json();
    expect(lars).toMatchObject({ trustLevel: 'self_joined', status: 'active', consent: { given: true } });
    const purposes = await database.db
      .selectFrom('consent_record as c')
      .innerJoin('author as a', 'a.id', 'c.author_id')
      .select('c.purpose')
      .where('a.handle', '=', 'lars.te')
      .execute();
    expect(purposes.map((p) => p.purpose).sort()).toEqual(['advocate_programme', 'contact']);

    // A self-joined advocate sees only the campaign they joined, submits, and cannot be approved untrained.
    expect((await portal(portalToken, 'GET', '/api/portal/me')).json<PortalMe>().campaigns).toEqual([
      { id: campaignId, name: expect.any(String) },
    ]);
    const draft = await portal(portalToken, 'POST', '/api/portal/drafts', {
      campaignId,
      text: 'Reklam: min Nordvik kokar snabbt och har 2 års garanti. #MinNordvikBerättelse',
    });
    expect(draft.statusCode).toBe(201);
    const approve = await team(
      'advocate_manager',
      'POST',
      `/api/advocate-drafts/${draft.json<{ id: string }>().id}/approve`,
      {},
    );
    expect(approve.statusCode).toBe(409);
    expect(approve.json().error.message).toMatch(/joined on their own/);

    // Withdrawn join links admit nobody.
    expect((await team('owner', 'DELETE', `/api/campaigns/${campaignId}/join-links`)).json()).toEqual({
      revoked: 1,
    });
    expect((await team(null, 'GET', `/api/portal/join/${joinToken}`)).statusCode).toBe(404);
  });

  it('refuses revoked and expired links', async () => {
    for (const role of ROLES.filter((r) => r !== 'owner' && r !== 'advocate_manager'))
      expect((await team(role, 'DELETE', `/api/advocates/${svenId}/portal-links`)).statusCode).toBe(403);
    const revoked = await team('advocate_manager', 'DELETE', `/api/advocates/${svenId}/portal-links`);
    expect(revoked.json()).toEqual({ revoked: 1 });
    expect((await portal(svenToken, 'GET', '/api/portal/me')).statusCode).toBe(401);
    expect((await portal(svenToken, 'GET', '/api/portal/notices')).statusCode).toBe(401);
    const status = (await team('analyst', 'GET', '/api/advocate-portal-status')).json<
      AdvocatePortalStatus[]
    >();
    expect(status.find((s) => s.advocateId === svenId)?.portal.status).toBe('revoked');

    const short = await team('advocate_manager', 'POST', `/api/advocates/${svenId}/portal-links`, {
      days: 1,
    });
    const token = short.json<{ token: string }>().token;
    expect((await portal(token, 'GET', '/api/portal/me')).statusCode).toBe(200);
    now = new Date(now.getTime() + 2 * 86_400_000);
    expect((await portal(token, 'GET', '/api/portal/me')).statusCode).toBe(401);
    const expired = (await team('analyst', 'GET', '/api/advocate-portal-status')).json<
      AdvocatePortalStatus[]
    >();
    expect(expired.find((s) => s.advocateId === svenId)?.portal.status).toBe('expired');
  });
});
