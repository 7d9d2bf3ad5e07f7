import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpApp, type HttpApp } from '../../src/http/app.ts';
import { SESSION_COOKIE } from '../../src/http/session-cookie.ts';
import { CHROMIUM_PATH } from '../../src/services/readiness-report.pdf.ts';
import { cookieFrom, signIn, TEST_PASSWORD as PASSWORD } from '../support/http-app.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

const HOSTILE_NAME = 'Launch <script>window.__pwned = 1</script> & "quotes"';
const HOSTILE_NOTE = '<img src="https://tracker.example/x.png" onerror="window.__pwned = 2">';

const SECTIONS = {
  en: ['Risk register', 'Volume forecast', 'Staffing', 'Crisis scenario', 'Open actions'],
  es: [
    'Registro de riesgos',
    'Previsión de volumen',
    'Dotación de personal',
    'Escenario de crisis',
    'Acciones pendientes',
  ],
  sv: ['Riskregister', 'Volymprognos', 'Bemanning', 'Krisscenario', 'Öppna åtgärder'],
} as const;

async function pdfText(bytes: Buffer): Promise<{ pages: number; text: string }> {
  const document = await getDocumentProxy(new Uint8Array(bytes));
  const { totalPages, text } = await extractText(document, { mergePages: true });
  return { pages: totalPages, text };
}

describe.each(DATABASE_KINDS)('readiness API and report on %s', (kind) => {
  let database: TestDatabase;
  let app: HttpApp;
  let base: string;
  let campaignId: string;
  const cookies: Record<'owner' | 'analyst' | 'viewer', string> = { owner: '', analyst: '', viewer: '' };

  const call = (role: keyof typeof cookies, method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: { cookie: cookies[role] },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    app = await buildHttpApp({
      db: database.db,
      databaseKind: database.kind,
      secureCookies: false,
      logLevel: 'silent',
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('server has no TCP address');
    base = `http://127.0.0.1:${address.port}`;

    const setup = await app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: {
        workspaceName: 'Nordvik',
        email: 'owner@example.com',
        displayName: 'Olga Owner',
        password: PASSWORD,
      },
    });
    cookies.owner = cookieFrom(setup);
    for (const role of ['analyst', 'viewer'] as const) {
      await call('owner', 'POST', '/api/users', {
        email: `${role}@example.com`,
        displayName: role,
        password: PASSWORD,
        role,
      });
      cookies[role] = await signIn(app, `${role}@example.com`);
    }
    const campaign = await call('owner', 'POST', '/api/campaigns', {
      name: HOSTILE_NAME,
      languages: ['en', 'es', 'sv'],
      markets: ['GB', 'ES', 'SE'],
      startsAt: '2026-12-01T08:00:00Z',
      endsAt: '2026-12-04T08:00:00Z',
      competitors: [{ name: 'Kettlo', keywords: ['Kettlo'] }],
    });
    expect(campaign.statusCode).toBe(201);
    campaignId = campaign.json<{ id: string }>().id;
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('lets every role read, analysts prepare the plan and only owners sign', async () => {
    const viewer = await call('viewer', 'GET', `/api/readiness/${campaignId}?lang=sv`);
    expect(viewer.statusCode).toBe(200);
    expect(viewer.json()).toMatchObject({ locale: 'sv', gate: { blocked: true } });

    expect((await call('viewer', 'PUT', `/api/readiness/${campaignId}/plan`, {})).statusCode).toBe(403);
    const typo = await call('analyst', 'PUT', `/api/readiness/${campaignId}/plan`, {
      critical: { concent: true },
    });
    expect(typo.statusCode).toBe(400);
    expect(typo.json().error.message).toMatch(/body\.critical\.concent: not a readiness question/);
    const plan = await call('analyst', 'PUT', `/api/readiness/${campaignId}/plan`, {
      markets: [
        {
          market: 'GB',
          language: 'en',
          reach: { low: 50_000, expected: 80_000, high: 150_000 },
          utcOffsetHours: 0,
        },
        { market: 'ES', language: 'es', reach: 60_000, utcOffsetHours: 1 },
        { market: 'SE', language: 'sv', reach: 30_000, utcOffsetHours: 1 },
      ],
      participationRate: { low: 0.005, expected: 0.01, high: 0.02 },
      replyRate: 0.3,
      notes: { consent_text_translated: HOSTILE_NOTE },
    });
    expect(plan.statusCode).toBe(200);
    const planned = (await call('viewer', 'GET', `/api/readiness/${campaignId}`)).json<{
      forecast: {
        source: string;
        usesDefaults: boolean;
        totals: Record<string, { p10: number; p50: number; p90: number }>;
      };
      questions: { id: string; status: string }[];
    }>();
    expect(planned.forecast).toMatchObject({ source: 'campaign', usesDefaults: false });
    // GB: 80 000 × 1 % × 30 % = 240 items expected over the campaign, with a band from the ranges.
    expect(planned.forecast.totals['en']?.p50).toBeCloseTo(240, 6);
    expect(planned.forecast.totals['en']?.p90).toBeGreaterThan(240 * 1.5);
    expect(planned.questions.find((q) => q.id === 'forecast_parameters_set')?.status).toBe('pass');

    const analystSigns = await call('analyst', 'POST', `/api/readiness/${campaignId}/decisions`, {
      decision: 'no_go',
      reason: 'not mine to sign',
    });
    expect(analystSigns.statusCode).toBe(403);
    const blockedGo = await call('owner', 'POST', `/api/readiness/${campaignId}/decisions`, {
      decision: 'go',
      reason: 'ship it',
    });
    expect(blockedGo.statusCode).toBe(409);
    expect(blockedGo.json().error.message).toMatch(/launch is blocked: critical readiness questions fail/);
    const noGo = await call('owner', 'POST', `/api/readiness/${campaignId}/decisions`, {
      decision: 'no_go',
      reason: 'No agents and no consent text yet <b>sic</b>',
    });
    expect(noGo.statusCode).toBe(201);
    const decisions = await call('viewer', 'GET', `/api/readiness/${campaignId}/decisions`);
    expect(decisions.json()).toMatchObject([
      {
        decision: 'no_go',
        signedByName: 'Olga Owner',
        gateBlocked: true,
        reason: expect.stringContaining('<b>sic</b>'),
      },
    ]);
    expect(
      (await call('viewer', 'GET', '/api/readiness/00000000-0000-4000-8000-000000000000')).statusCode,
    ).toBe(404);
    // Preparing and signing are in the audit log (ids only, no names).
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'target_id'])
      .where('action', 'like', 'readiness.%')
      .orderBy('seq')
      .execute();
    expect(audit).toEqual([
      { action: 'readiness.plan.saved', target_id: campaignId },
      { action: 'readiness.decision.no_go', target_id: campaignId },
    ]);
  }, 120_000);

  it('serves a self-contained HTML report with every section, user input escaped', async () => {
    const response = await call('viewer', 'GET', `/api/readiness/${campaignId}/report.html?lang=sv`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    const html = response.body;
    for (const heading of SECTIONS.sv) expect(html).toContain(`>${heading}</h2>`);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('Launch &lt;script&gt;window.__pwned = 1&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(html).toContain('&lt;b&gt;sic&lt;/b&gt;');
    expect(html.match(/<svg /g)?.length).toBeGreaterThanOrEqual(4);
    expect(html).not.toMatch(/(src|href)="https?:/);
  }, 120_000);

  it('renders in a real browser without a single outside request or script', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'ombud-readiness-browser-'));
    let context: BrowserContext | undefined;
    try {
      context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--no-first-run',
        ],
      });
      const [name, value] = cookies.viewer.split('=');
      await context.addCookies([{ name: name ?? SESSION_COOKIE, value: value ?? '', url: base }]);
      const page = context.pages()[0] ?? (await context.newPage());
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      const response = await page.goto(`${base}/api/readiness/${campaignId}/report.html?lang=es`);
      expect(response?.status()).toBe(200);
      for (const heading of SECTIONS.es) {
        await expect(page.getByRole('heading', { level: 2, name: heading }).isVisible()).resolves.toBe(true);
      }
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
        'Informe de preparación para el lanzamiento',
      );
      await expect(page.getByText(HOSTILE_NAME, { exact: false }).first().isVisible()).resolves.toBe(true);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      // The charts are drawn: four SVG figures with real size, lines and the forecast band.
      const charts = page.locator('figure svg');
      expect(await charts.count()).toBeGreaterThanOrEqual(4);
      for (let i = 0; i < 4; i++) {
        const box = await charts.nth(i).boundingBox();
        expect(box?.width).toBeGreaterThan(300);
        expect(box?.height).toBeGreaterThan(100);
      }
      expect(await page.locator('#forecast polygon').count()).toBe(3);
      expect(await page.locator('#staffing polyline').count()).toBe(2);
      expect(requests).toEqual([`${base}/api/readiness/${campaignId}/report.html?lang=es`]);
    } finally {
      await context?.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }, 120_000);

  it('prints the report to a PDF with the expected sections in Spanish', async () => {
    const response = await call('viewer', 'GET', `/api/readiness/${campaignId}/report.pdf?lang=es`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toContain(`readiness-${campaignId}-es.pdf`);
    const bytes = response.rawPayload;
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { pages, text } = await pdfText(bytes);
    expect(pages).toBeGreaterThanOrEqual(2);
    const order = SECTIONS.es.map((heading) => text.indexOf(heading));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain('Control de lanzamiento: Bloqueado');
    expect(text).toContain('No lanzar');
    expect(text).toContain('Olga Owner');
    // Evidence and fixes are in Spanish too.
    expect(text).toContain('No hay agentes configurados en la bandeja.');
  }, 120_000);
});
