import { describe, expect, it } from 'vitest';
import {
  ALERT_LANGUAGES,
  alertEmailHtml,
  alertKindLabel,
  renderAlertMessage,
  renderTestMessage,
  slackAlertPayload,
  type AlertForMessage,
} from './alert-messages.ts';

const alert: AlertForMessage = {
  id: 'a1',
  kind: 'negative_volume_spike',
  severity: 'critical',
  title: 'Defect rumour <b>spreading</b> & growing',
  summary: 'Negative posts 9× baseline <!channel>',
  createdAt: '2026-03-02T08:15:00Z',
  campaignName: 'Nordvik Spring',
  incidentId: null,
};

describe('renderAlertMessage', () => {
  it.each([
    ['en', '[Ombud · Critical] Defect rumour', 'Spike in negative posts', 'Acknowledge the alert'],
    ['es', '[Ombud · Crítica] Defect rumour', 'Pico de publicaciones negativas', 'Confirma la alerta'],
    ['sv', '[Ombud · Kritisk] Defect rumour', 'Topp i negativa inlägg', 'Kvittera larmet'],
  ] as const)('speaks %s', (language, subject, kind, footer) => {
    const message = renderAlertMessage(alert, language, { purpose: 'alert', timeZone: 'Europe/Madrid' });
    expect(message.subject.startsWith(subject)).toBe(true);
    expect(message.text).toContain(kind);
    expect(message.text).toContain(footer);
    expect(message.text).toContain('Nordvik Spring');
    expect(message.text).toContain('(Europe/Madrid)');
    expect(message.notice).toBeNull();
  });

  it('says why an escalation arrives, in each language', () => {
    const notices = ALERT_LANGUAGES.map(
      (language) =>
        renderAlertMessage(alert, language, { purpose: 'escalation', escalateAfterMinutes: 15 }).notice,
    );
    expect(notices).toEqual([
      expect.stringMatching(/within 15 minutes/),
      expect.stringMatching(/en 15 minutos/),
      expect.stringMatching(/inom 15 minuter/),
    ]);
    expect(
      renderAlertMessage(alert, 'sv', { purpose: 'escalation', escalateAfterMinutes: 15 }).subject,
    ).toMatch(/Kritisk · Eskalerat/);
  });

  it("uses the caller's translation for the channel's language", () => {
    const translated = { ...alert, texts: { es: { title: 'Rumor de defecto', summary: 'Crece rápido' } } };
    expect(renderAlertMessage(translated, 'es', { purpose: 'alert' }).title).toBe('Rumor de defecto');
    expect(renderAlertMessage(translated, 'sv', { purpose: 'alert' }).title).toBe(alert.title);
  });

  it.each([
    'incident.opened',
    'incident.escalated',
    'incident.spread',
    'competitor.poaching',
    'inbox_overflow',
  ])('has its own words for %s in en, es and sv', (kind) => {
    const labels = ALERT_LANGUAGES.map((language) => alertKindLabel(kind, language));
    expect(new Set(labels).size).toBe(3);
    expect(labels[0]).not.toMatch(/[._]/);
  });

  it('labels unknown kinds readably', () => {
    expect(alertKindLabel('custom_thing.fired', 'en')).toBe('Custom thing fired');
  });

  it('writes test pings in each language', () => {
    expect(renderTestMessage('On-call', 'es').subject).toBe(
      '[Ombud] Mensaje de prueba para el canal «On-call»',
    );
    expect(renderTestMessage('On-call', 'sv').text).toContain('Det här är ett test från Ombud');
  });
});

describe('slackAlertPayload', () => {
  it('has text and blocks, with strangers’ markup escaped', () => {
    const payload = slackAlertPayload(renderAlertMessage(alert, 'en', { purpose: 'alert' }), 'critical');
    expect(payload.text).toBe(
      ':red_circle: Critical: Defect rumour &lt;b&gt;spreading&lt;/b&gt; &amp; growing',
    );
    expect(payload.blocks.map((block) => block['type'])).toEqual(['header', 'section', 'section', 'context']);
    expect(JSON.stringify(payload)).not.toContain('<!channel>');
    expect(JSON.stringify(payload.blocks[1])).toContain('&lt;!channel&gt;');
  });
});

describe('alertEmailHtml', () => {
  it('escapes every alert text', () => {
    const html = alertEmailHtml(renderAlertMessage(alert, 'sv', { purpose: 'alert' }));
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain('Defect rumour &lt;b&gt;spreading&lt;/b&gt; &amp; growing');
    expect(html).not.toContain('<b>spreading');
  });
});
