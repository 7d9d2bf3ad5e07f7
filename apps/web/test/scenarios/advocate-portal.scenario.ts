import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Correction } from '@ombud/contract';
import { expect, it } from 'vitest';
import { createJobRunner } from '../../../server/src/jobs/job-runner.ts';
import { createJobRegistry } from '../../../server/src/jobs/registry.ts';
import type { DashboardContext } from './dashboard-context.ts';

const SCREENSHOT = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../../docs/screenshots/advocate-portal.png',
);
/** Promises 60-day returns (the demo fact sheet says 30) and has no disclosure. */
const CONTRADICTING_DRAFT =
  'Mi Nordvik Kettle Pro hierve rápido y tiene devolución gratuita en 60 días. #MiHistoriaNordvik';
const FIXED_DRAFT =
  'Publicidad: mi Nordvik Kettle Pro hierve rápido y tiene devolución gratuita en 30 días. #MiHistoriaNordvik';
const REASON = 'Las devoluciones son 30 días, y «Publicidad» va al principio.';

/**
 * The advocate portal, end to end in the browser: the manager creates a personal link in the team's
 * advocates screen; the advocate opens it without a team sign-in (the team's cookies are set aside),
 * reads the brief in Spanish, checks a draft and sees the contradicted claim highlighted, submits it;
 * the manager rejects it with a reason; the advocate sees the reason and resubmits; a correction
 * notice appears in Spanish and is acknowledged. Leaves the team signed in, in English.
 */
export function advocatePortalScenarios(context: () => DashboardContext): void {
  it('lets an advocate use their portal link: brief, check, submit, rejection reason, resubmit, correction notice', async () => {
    const { page, browser, base, database, demo, expectNoSeriousAxeViolations } = context();
    const campaigns = (await (await browser.request.get(`${base}/api/campaigns`)).json()) as {
      id: string;
      name: string;
    }[];
    const campaignId = campaigns.find((c) => c.name === demo.campaignName)?.id ?? '';
    const handle = `marta.${Date.now().toString(36)}`;
    const name = `Marta ${handle.slice(6)}`;
    const created = await browser.request.post(`${base}/api/advocates`, {
      data: {
        displayName: name,
        languages: ['es'],
        markets: ['ES'],
        handles: [{ platform: 'tiktok', handle }],
        trustLevel: 'invited',
        consent: { given: true, reference: 'signed form' },
      },
    });
    expect(created.status()).toBe(201);
    const advocateId = ((await created.json()) as { id: string }).id;

    // The manager creates the link in the team screen; it is shown once.
    await page.goto(`${base}/advocates`);
    await page.getByRole('heading', { name: 'Advocates', level: 1 }).waitFor();
    const linkMade = page.waitForResponse((r) =>
      r.url().endsWith(`/api/advocates/${advocateId}/portal-links`),
    );
    await page.getByRole('button', { name: `Create portal link: ${name}` }).click();
    expect((await linkMade).status()).toBe(201);
    const url = (await page.locator('code.portal-link').textContent()) ?? '';
    expect(url).toMatch(new RegExp(`^${base}/portal/[A-Za-z0-9_-]{40,}$`));
    const row = page.getByRole('row').filter({ hasText: name });
    await expect.poll(() => row.locator('.portal-link-status').textContent()).toMatch(/^Active until/);

    const teamCookies = await browser.cookies();
    const portal = await browser.newPage();
    try {
      await browser.clearCookies();
      await portal.goto(url);
      // The advocate's language comes from their profile.
      await portal.getByRole('heading', { name: 'Portal de embajadores', level: 1 }).waitFor();
      await portal.locator('.portal-disclosure').filter({ hasText: 'Publicidad' }).waitFor();
      await portal.getByText('Devolución gratuita en 30 días.').first().waitFor();
      // Switchable: the rest in English, the brief follows.
      await portal.locator('.language-switcher select').selectOption('en');
      await portal.getByRole('heading', { name: 'Advocate portal', level: 1 }).waitFor();

      await portal.locator('#portal-draft-text').fill(CONTRADICTING_DRAFT);
      const checked = portal.waitForResponse((r) => r.url().endsWith('/api/portal/check'));
      await portal.getByRole('button', { name: 'Check draft' }).click();
      expect((await checked).status()).toBe(200);
      const result = portal.getByRole('group', { name: 'Check result' });
      const mark = result.locator('mark.finding-contradicted').first();
      await mark.waitFor();
      expect(await mark.textContent()).toContain('60 días');
      await expectNoSeriousAxeViolations(portal, 'advocate portal');

      const submitted = portal.waitForResponse(
        (r) => r.url().endsWith('/api/portal/drafts') && r.request().method() === 'POST',
      );
      await portal.getByRole('button', { name: 'Submit for review' }).click();
      expect((await submitted).status()).toBe(201);
      await portal.locator('.portal-draft[data-status="in_review"]').waitFor();

      // The manager rejects it with a reason (through the team API, with the team's session).
      await browser.addCookies(teamCookies);
      const drafts = (await (
        await browser.request.get(`${base}/api/advocate-drafts?advocateId=${advocateId}`)
      ).json()) as { id: string }[];
      expect(drafts).toHaveLength(1);
      const rejected = await browser.request.post(`${base}/api/advocate-drafts/${drafts[0]?.id}/reject`, {
        data: { reason: REASON },
      });
      expect(rejected.status()).toBe(200);
      await browser.clearCookies();

      await portal.reload();
      const draft = portal.locator('.portal-draft[data-status="rejected"]');
      await draft.waitFor();
      expect(await draft.locator('.portal-reason').textContent()).toBe(`Reason: ${REASON}`);
      await draft.getByLabel('New version').fill(FIXED_DRAFT);
      const resubmitted = portal.waitForResponse((r) => r.url().endsWith('/versions'));
      await draft.getByRole('button', { name: 'Resubmit' }).click();
      expect((await resubmitted).status()).toBe(201);
      await portal.locator('.portal-draft[data-status="in_review"]').waitFor();

      // One of her published posts repeats the wrong claim; the manager issues a correction.
      await browser.addCookies(teamCookies);
      const imported = await browser.request.post(`${base}/api/imports?campaignId=${campaignId}`, {
        headers: { 'content-type': 'application/x-ndjson' },
        data: JSON.stringify({
          id: `${handle}-1`,
          platform: 'tiktok',
          author: handle,
          created_at: new Date(Date.now() - 3_600_000).toISOString(),
          text: 'Mi tetera Nordvik tiene devolución gratuita en 60 días. #MiHistoriaNordvik',
        }),
      });
      expect(await imported.json()).toMatchObject({ accepted: 1 });
      const jobs = () =>
        createJobRunner({
          registry: createJobRegistry(),
          context: { db: database.db, now: () => new Date() },
          log: { info: () => undefined, warn: console.warn, error: console.error },
        }).drain();
      await jobs();
      const correction = await browser.request.post(`${base}/api/corrections`, {
        data: { campaignId, claimText: '60-day returns', language: 'en' },
      });
      expect(correction.status()).toBe(201);
      const notice = ((await correction.json()) as Correction).notices.find(
        (n) => n.advocateId === advocateId,
      );
      expect(notice).toMatchObject({ language: 'es', delivery: { status: 'pending' } });
      // Delivered by the job: no SMTP here and no e-mail address, so it is in the portal only.
      await jobs();
      await browser.clearCookies();

      await portal.reload();
      const item = portal.locator('.portal-notice').first();
      await item.waitFor();
      expect(await item.locator('h3').textContent()).toMatch(/corrección/);
      expect(await item.textContent()).toContain('Shown here only');
      const acknowledged = portal.waitForResponse((r) => r.url().endsWith('/acknowledge'));
      await item.getByRole('button', { name: 'I have read this' }).click();
      expect((await acknowledged).status()).toBe(200);
      await item.getByText(/^Read and acknowledged/).waitFor();
      await expectNoSeriousAxeViolations(portal, 'advocate portal');
      await portal.getByRole('heading', { level: 1 }).scrollIntoViewIfNeeded();
      await portal.screenshot({ path: SCREENSHOT, fullPage: true });
    } finally {
      await browser.addCookies(teamCookies);
      await portal.close();
    }

    // The team sees the answer in the correction record and the roster.
    const tracked = (await (
      await browser.request.get(`${base}/api/corrections`, { params: { campaignId } })
    ).json()) as Correction[];
    const answered = tracked.flatMap((c) => c.notices).find((n) => n.advocateId === advocateId);
    expect(answered).toMatchObject({
      delivery: { status: 'portal_only' },
      acknowledgedAt: expect.any(String),
    });
    await page.goto(`${base}/advocates`);
    await page.getByRole('heading', { name: 'Advocates', level: 1 }).waitFor();
    await expect
      .poll(() =>
        page.getByRole('row').filter({ hasText: name }).locator('.notice-delivery-status').textContent(),
      )
      .toMatch(/1 sent: 0 e-mailed, 1 portal only/);
  });

  it('publishes a join link; someone joins signed out, with consent, as a self-joined advocate', async () => {
    const { page, browser, base, expectNoSeriousAxeViolations } = context();
    await page.goto(`${base}/advocates`);
    await page.getByRole('heading', { name: 'Join link', level: 2 }).waitFor();
    const made = page.waitForResponse(
      (r) => r.url().endsWith('/join-links') && r.request().method() === 'POST',
    );
    await page.getByRole('button', { name: 'Create join link' }).click();
    expect((await made).status()).toBe(201);
    const url = (await page.locator('code.join-link').textContent()) ?? '';
    expect(url).toMatch(new RegExp(`^${base}/portal/join/[A-Za-z0-9_-]{40,}$`));

    const teamCookies = await browser.cookies();
    const tab = await browser.newPage();
    const handle = `nils.${Date.now().toString(36)}`;
    try {
      await browser.clearCookies();
      await tab.goto(url);
      await tab.getByRole('heading', { name: 'Join the advocate programme', level: 1 }).waitFor();
      await tab.getByLabel('Your name').fill('Nils');
      await tab.getByLabel('Your market (two letters, e.g. SE)').fill('SE');
      await tab.getByLabel('Your handle').fill(handle);
      await tab.getByLabel('I agree to the programme terms above').check();
      await expectNoSeriousAxeViolations(tab, 'advocate join');
      const joined = tab.waitForResponse(
        (r) => r.url().includes('/api/portal/join/') && r.request().method() === 'POST',
      );
      await tab.getByRole('button', { name: 'Join' }).click();
      expect((await joined).status()).toBe(201);
      await tab.getByRole('link', { name: 'Open my portal' }).click();
      await tab.getByRole('heading', { name: 'Advocate portal', level: 1 }).waitFor();
      await tab.getByText('Hello Nils.', { exact: false }).waitFor();
    } finally {
      await browser.addCookies(teamCookies);
      await tab.close();
    }
    const roster = (await (await browser.request.get(`${base}/api/advocates`)).json()) as {
      trustLevel: string;
      handles: { handle: string }[];
    }[];
    expect(roster.find((a) => a.handles.some((h) => h.handle === handle))?.trustLevel).toBe('self_joined');
  });
}
