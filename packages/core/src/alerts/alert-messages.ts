import type { Severity } from '../crisis/severity.ts';

export type AlertLanguage = 'en' | 'es' | 'sv';
export const ALERT_LANGUAGES: readonly AlertLanguage[] = ['en', 'es', 'sv'];

export type AlertMessagePurpose = 'alert' | 'escalation';

/** What a message says about an alert; `texts` holds the caller's own translations, if any. */
export interface AlertForMessage {
  id: string;
  kind: string;
  severity: Severity;
  title: string;
  summary: string;
  /** ISO instant the alert was raised. */
  createdAt: string;
  campaignName: string | null;
  incidentId: string | null;
  texts?: Partial<Record<AlertLanguage, { title: string; summary: string }>>;
}

export interface AlertMessageOptions {
  purpose: AlertMessagePurpose;
  /** For escalations: how long the alert went unacknowledged. */
  escalateAfterMinutes?: number;
  /** Zone for the times in the message (IANA); UTC when absent. */
  timeZone?: string;
}

export interface AlertMessage {
  language: AlertLanguage;
  subject: string;
  headline: string;
  /** The alert's own words (title and summary), in the channel's language when the caller gave one. */
  title: string;
  summary: string;
  /** Set for escalations: why this reached a second contact. */
  notice: string | null;
  facts: { label: string; value: string }[];
  footer: string;
  /** The whole message as plain text (e-mail body, webhook `text`). */
  text: string;
}

interface Phrases {
  locale: string;
  severity: Record<Severity, string>;
  kinds: Record<string, string>;
  escalated: string;
  escalationNotice: (minutes: number) => string;
  labels: { kind: string; severity: string; campaign: string; raised: string; incident: string };
  footer: string;
  testSubject: (channel: string) => string;
  testBody: (channel: string) => string;
}

const PHRASES: Record<AlertLanguage, Phrases> = {
  en: {
    locale: 'en-GB',
    severity: { watch: 'Watch', warning: 'Warning', critical: 'Critical' },
    kinds: {
      volume_spike: 'Volume spike',
      negative_volume_spike: 'Spike in negative posts',
      negative_share_shift: 'Shift in negative share',
      acceleration: 'Acceleration',
      incident: 'Incident',
      'incident.opened': 'Incident opened',
      'incident.escalated': 'Incident escalated',
      'incident.spread': 'Incident spreading to more languages',
      'competitor.poaching': 'Competitor approaching our customers',
      competitor_poaching: 'Competitor poaching',
      inbox_overflow: 'Inbox overflow',
      test: 'Test',
    },
    escalated: 'Escalated',
    escalationNotice: (minutes) =>
      `Nobody acknowledged this alert within ${minutes} minutes, so it has been escalated to you.`,
    labels: {
      kind: 'Kind',
      severity: 'Severity',
      campaign: 'Campaign',
      raised: 'Raised',
      incident: 'Incident',
    },
    footer: 'Acknowledge the alert in Ombud so the team knows someone is on it.',
    testSubject: (channel) => `[Ombud] Test message for channel "${channel}"`,
    testBody: (channel) =>
      `This is a test from Ombud. If you can read it, alerts sent to "${channel}" arrive here.`,
  },
  es: {
    locale: 'es-ES',
    severity: { watch: 'Vigilancia', warning: 'Advertencia', critical: 'Crítica' },
    kinds: {
      volume_spike: 'Pico de volumen',
      negative_volume_spike: 'Pico de publicaciones negativas',
      negative_share_shift: 'Cambio en la proporción negativa',
      acceleration: 'Aceleración',
      incident: 'Incidente',
      'incident.opened': 'Incidente abierto',
      'incident.escalated': 'Incidente agravado',
      'incident.spread': 'El incidente se extiende a más idiomas',
      'competitor.poaching': 'La competencia se dirige a nuestros clientes',
      competitor_poaching: 'Captación por la competencia',
      inbox_overflow: 'Bandeja de entrada desbordada',
      test: 'Prueba',
    },
    escalated: 'Escalada',
    escalationNotice: (minutes) =>
      `Nadie ha confirmado esta alerta en ${minutes} minutos, así que se te ha escalado.`,
    labels: {
      kind: 'Tipo',
      severity: 'Gravedad',
      campaign: 'Campaña',
      raised: 'Emitida',
      incident: 'Incidente',
    },
    footer: 'Confirma la alerta en Ombud para que el equipo sepa que alguien se ocupa.',
    testSubject: (channel) => `[Ombud] Mensaje de prueba para el canal «${channel}»`,
    testBody: (channel) =>
      `Esto es una prueba de Ombud. Si puedes leerla, las alertas enviadas a «${channel}» llegan aquí.`,
  },
  sv: {
    locale: 'sv-SE',
    severity: { watch: 'Bevakning', warning: 'Varning', critical: 'Kritisk' },
    kinds: {
      volume_spike: 'Volymtopp',
      negative_volume_spike: 'Topp i negativa inlägg',
      negative_share_shift: 'Skifte i negativ andel',
      acceleration: 'Acceleration',
      incident: 'Incident',
      'incident.opened': 'Incident öppnad',
      'incident.escalated': 'Incidenten har förvärrats',
      'incident.spread': 'Incidenten sprids till fler språk',
      'competitor.poaching': 'Konkurrent uppvaktar våra kunder',
      competitor_poaching: 'Konkurrent värvar kunder',
      inbox_overflow: 'Inkorgen svämmar över',
      test: 'Test',
    },
    escalated: 'Eskalerat',
    escalationNotice: (minutes) =>
      `Ingen har kvitterat larmet inom ${minutes} minuter, så det har eskalerats till dig.`,
    labels: {
      kind: 'Typ',
      severity: 'Allvarlighetsgrad',
      campaign: 'Kampanj',
      raised: 'Utlöst',
      incident: 'Incident',
    },
    footer: 'Kvittera larmet i Ombud så att teamet vet att någon tar hand om det.',
    testSubject: (channel) => `[Ombud] Testmeddelande för kanalen ”${channel}”`,
    testBody: (channel) =>
      `Det här är ett test från Ombud. Kan du läsa det kommer larm som skickas till ”${channel}” fram hit.`,
  },
};

/** The label of an alert kind in a language; an unknown kind is shown with its words spaced out. */
export function alertKindLabel(kind: string, language: AlertLanguage): string {
  const known = PHRASES[language].kinds[kind];
  if (known !== undefined) return known;
  const spaced = kind.replace(/[_.-]+/g, ' ').trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** The label of a severity in a language. */
export function alertSeverityLabel(severity: Severity, language: AlertLanguage): string {
  return PHRASES[language].severity[severity];
}

function formatInstant(iso: string, language: AlertLanguage, timeZone: string): string {
  const date = new Date(iso);
  const text = new Intl.DateTimeFormat(PHRASES[language].locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(date);
  return `${text} (${timeZone})`;
}

/** Subject, body and facts of an alert (or its escalation) in one language. */
export function renderAlertMessage(
  alert: AlertForMessage,
  language: AlertLanguage,
  options: AlertMessageOptions,
): AlertMessage {
  const phrases = PHRASES[language];
  const own = alert.texts?.[language];
  const title = own?.title ?? alert.title;
  const summary = own?.summary ?? alert.summary;
  const severity = phrases.severity[alert.severity];
  const escalated = options.purpose === 'escalation';
  const tag = escalated ? `${severity} · ${phrases.escalated}` : severity;
  const subject = `[Ombud · ${tag}] ${title}`;
  const headline = `${tag}: ${title}`;
  const notice = escalated ? phrases.escalationNotice(options.escalateAfterMinutes ?? 0) : null;
  const facts = [
    { label: phrases.labels.kind, value: alertKindLabel(alert.kind, language) },
    { label: phrases.labels.severity, value: severity },
    ...(alert.campaignName === null ? [] : [{ label: phrases.labels.campaign, value: alert.campaignName }]),
    {
      label: phrases.labels.raised,
      value: formatInstant(alert.createdAt, language, options.timeZone ?? 'UTC'),
    },
    ...(alert.incidentId === null ? [] : [{ label: phrases.labels.incident, value: alert.incidentId }]),
  ];
  const text = [
    headline,
    ...(notice === null ? [] : ['', notice]),
    '',
    summary,
    '',
    ...facts.map((fact) => `${fact.label}: ${fact.value}`),
    '',
    phrases.footer,
  ].join('\n');
  return { language, subject, headline, title, summary, notice, facts, footer: phrases.footer, text };
}

/** The message a channel's test ping sends, in the channel's language. */
export function renderTestMessage(channelName: string, language: AlertLanguage): AlertMessage {
  const phrases = PHRASES[language];
  const subject = phrases.testSubject(channelName);
  const summary = phrases.testBody(channelName);
  return {
    language,
    subject,
    headline: subject,
    title: subject,
    summary,
    notice: null,
    facts: [],
    footer: '',
    text: `${subject}\n\n${summary}`,
  };
}

/** Slack mrkdwn treats `&`, `<` and `>` as control characters; alert texts may quote strangers. */
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface SlackPayload {
  text: string;
  blocks: Record<string, unknown>[];
}

const SEVERITY_EMOJI: Record<Severity, string> = {
  watch: ':large_blue_circle:',
  warning: ':large_orange_circle:',
  critical: ':red_circle:',
};

/** A Slack-compatible incoming-webhook body: `text` for notifications, `blocks` for the layout. */
export function slackAlertPayload(message: AlertMessage, severity: Severity | null): SlackPayload {
  const emoji = severity === null ? ':bell:' : SEVERITY_EMOJI[severity];
  const blocks: Record<string, unknown>[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: message.headline.slice(0, 150), emoji: true },
    },
  ];
  if (message.notice !== null)
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*${escapeSlackText(message.notice)}*` } });
  blocks.push({
    type: 'section',
    text: { type: 'mrkdwn', text: `${emoji} ${escapeSlackText(message.summary).slice(0, 2900)}` },
  });
  if (message.facts.length > 0)
    blocks.push({
      type: 'section',
      fields: message.facts.slice(0, 10).map((fact) => ({
        type: 'mrkdwn',
        text: `*${escapeSlackText(fact.label)}*\n${escapeSlackText(fact.value)}`,
      })),
    });
  if (message.footer !== '')
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: escapeSlackText(message.footer) }] });
  return { text: `${emoji} ${escapeSlackText(message.headline)}`, blocks };
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The HTML part of an alert e-mail; every alert text is escaped. */
export function alertEmailHtml(message: AlertMessage): string {
  const facts = message.facts
    .map(
      (fact) => `<tr><th align="left">${escapeHtml(fact.label)}</th><td>${escapeHtml(fact.value)}</td></tr>`,
    )
    .join('');
  return [
    `<!doctype html><html lang="${message.language}"><body>`,
    `<h1>${escapeHtml(message.headline)}</h1>`,
    message.notice === null ? '' : `<p><strong>${escapeHtml(message.notice)}</strong></p>`,
    `<p>${escapeHtml(message.summary).replace(/\n/g, '<br>')}</p>`,
    facts === '' ? '' : `<table>${facts}</table>`,
    message.footer === '' ? '' : `<p>${escapeHtml(message.footer)}</p>`,
    '</body></html>',
  ].join('');
}
