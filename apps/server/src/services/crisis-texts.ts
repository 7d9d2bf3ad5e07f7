import type { PlaybookStep } from '@ombud/contract';

export type UiLocale = 'en' | 'es' | 'sv';
export const UI_LOCALES: readonly UiLocale[] = ['en', 'es', 'sv'];

/** The playbook a campaign gets until someone edits it: the first hour of a social media crisis. */
export const DEFAULT_PLAYBOOK: readonly PlaybookStep[] = [
  {
    key: 'assign-owner',
    title: {
      en: 'Name one owner for the incident',
      es: 'Nombrar a una persona responsable del incidente',
      sv: 'Utse en ansvarig för incidenten',
    },
  },
  {
    key: 'verify-facts',
    title: {
      en: 'Check the claim with product, quality and legal',
      es: 'Contrastar lo que se dice con producto, calidad y legal',
      sv: 'Stäm av påståendet med produkt, kvalitet och juridik',
    },
  },
  {
    key: 'holding-statement',
    title: {
      en: 'Approve a holding statement in every affected language',
      es: 'Aprobar un comunicado provisional en cada idioma afectado',
      sv: 'Godkänn ett första uttalande på varje berört språk',
    },
  },
  {
    key: 'pause-scheduled',
    title: {
      en: 'Pause scheduled brand and advocate posts',
      es: 'Pausar las publicaciones programadas de la marca y de los embajadores',
      sv: 'Pausa schemalagda inlägg från varumärket och ambassadörerna',
    },
  },
  {
    key: 'brief-team',
    title: {
      en: 'Brief the inbox team and the advocates on what to say',
      es: 'Informar al equipo de la bandeja y a los embajadores de qué decir',
      sv: 'Informera inkorgsteamet och ambassadörerna om vad de ska säga',
    },
  },
  {
    key: 'answer-top-voices',
    title: {
      en: 'Answer the most-shared posts first',
      es: 'Responder primero a las publicaciones más compartidas',
      sv: 'Svara först på de mest delade inläggen',
    },
  },
  {
    key: 'update-stakeholders',
    title: {
      en: 'Update management and customer service every hour',
      es: 'Informar a dirección y atención al cliente cada hora',
      sv: 'Uppdatera ledningen och kundtjänst varje timme',
    },
  },
  {
    key: 'close-review',
    title: {
      en: 'Resolve the incident and write down what we learned',
      es: 'Cerrar el incidente y anotar lo aprendido',
      sv: 'Stäng incidenten och skriv ner vad vi lärde oss',
    },
  },
];

/** A first draft of the holding statement in the language of the posts (English when we have none). */
export function holdingStatementDraft(language: string, campaignName: string): string {
  switch (language) {
    case 'es':
      return `Hemos visto lo que se está publicando sobre ${campaignName}. Lo estamos investigando con la máxima prioridad y compartiremos lo que sepamos en cuanto lo confirmemos. Si tienes dudas, escríbenos por mensaje directo.`;
    case 'sv':
      return `Vi har sett det som skrivs om ${campaignName}. Vi utreder det med högsta prioritet och berättar vad vi vet så snart vi har bekräftat det. Har du frågor, skicka ett direktmeddelande till oss.`;
    default:
      return `We have seen the posts about ${campaignName}. We are looking into it as our top priority and will share what we know as soon as we have confirmed it. If you have questions, send us a direct message.`;
  }
}

const RULE_NAMES: Record<string, Record<UiLocale, string>> = {
  'risk-volume-spike': {
    en: 'crisis vocabulary spike',
    es: 'pico de vocabulario de crisis',
    sv: 'topp av krisord',
  },
  'negative-share-shift': {
    en: 'rise in negative posts',
    es: 'aumento de publicaciones negativas',
    sv: 'ökning av negativa inlägg',
  },
  'negative-volume-spike': {
    en: 'more negative posts',
    es: 'más publicaciones negativas',
    sv: 'fler negativa inlägg',
  },
  'volume-spike': { en: 'volume spike', es: 'pico de volumen', sv: 'volymtopp' },
};

const SEVERITY_NAMES: Record<string, Record<UiLocale, string>> = {
  watch: { en: 'Watch', es: 'Vigilancia', sv: 'Bevakning' },
  warning: { en: 'Warning', es: 'Aviso', sv: 'Varning' },
  critical: { en: 'Critical', es: 'Crítico', sv: 'Kritisk' },
};

/** The incident's title in every UI language, from what drives it. */
export function incidentTitles(input: {
  campaignName: string;
  rule: string;
  languages: readonly string[];
  categories: readonly string[];
}): Record<UiLocale, string> {
  const out = {} as Record<UiLocale, string>;
  for (const locale of UI_LOCALES) {
    const rule = RULE_NAMES[input.rule]?.[locale] ?? input.rule;
    const about = input.categories.length > 0 ? ` (${input.categories.slice(0, 3).join(', ')})` : '';
    out[locale] = `${input.campaignName}: ${rule}${about} · ${input.languages.join(', ')}`;
  }
  return out;
}

/** Alert summary for an incident that opened, escalated or spread. */
export function incidentAlertSummary(
  locale: UiLocale,
  input: {
    severity: string;
    languages: readonly string[];
    reason: string;
    event: 'opened' | 'escalated' | 'spread';
  },
): string {
  const severity = SEVERITY_NAMES[input.severity]?.[locale] ?? input.severity;
  const langs = input.languages.join(', ');
  const lead: Record<typeof input.event, Record<UiLocale, string>> = {
    opened: { en: 'Incident opened', es: 'Incidente abierto', sv: 'Incident öppnad' },
    escalated: { en: 'Incident escalated', es: 'Incidente escalado', sv: 'Incident eskalerad' },
    spread: {
      en: 'Incident spread to another language',
      es: 'El incidente se ha extendido a otro idioma',
      sv: 'Incidenten har spridit sig till ett annat språk',
    },
  };
  return `${lead[input.event][locale]} [${severity}] (${langs}): ${input.reason}`;
}
