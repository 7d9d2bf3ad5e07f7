import { JUDGEMENT_CODES, readJudgement, type JudgementParamKind } from '@ombud/contract';
import { useMemo } from 'react';
import {
  CATALOGUES,
  interpolate,
  useI18n,
  type MessageVars,
  type Translator,
  type UiLocale,
} from '../../i18n/i18n.tsx';
import { formatterFor } from '../../i18n/format.ts';
import type { MessageKey } from '../../i18n/messages.en.ts';
import { analysisLabel } from '../analysis-label.ts';
import { languageName } from '../language-name.ts';
import { evidenceEn, type EvidenceMessageKey } from './messages.en.ts';
import { evidenceEs } from './messages.es.ts';
import { evidenceSv } from './messages.sv.ts';

/** This area's catalogues: judgements by code, rule names, risk names and the evidence panel. */
export const EVIDENCE_CATALOGUES: Record<UiLocale, Record<EvidenceMessageKey, string>> = {
  en: evidenceEn,
  es: evidenceEs,
  sv: evidenceSv,
};

export interface EvidenceText {
  m: (key: EvidenceMessageKey, vars?: MessageVars) => string;
  /** A judgement in the reader's language; the server's English `detail` when the code is unknown (old rows). */
  judgement: (entry: { code?: string | undefined; params?: unknown; detail: string }) => string;
  /** `lexicon+negation` → "sentiment word · negation"; unknown parts are shown as written. */
  ruleLabel: (rule: string) => string;
  riskFlag: (flag: string) => string;
  /** Why a post drives an incident: `negative` or `risk:<category>`. */
  driverReason: (reason: string) => string;
}

function has(locale: UiLocale, key: string): key is EvidenceMessageKey {
  return Object.hasOwn(EVIDENCE_CATALOGUES[locale], key);
}

/** Builds the evidence wording for one translator (locale). */
export function evidenceText(translator: Translator): EvidenceText {
  const { locale } = translator;
  const format = formatterFor(locale);
  const messages = EVIDENCE_CATALOGUES[locale];
  const m = (key: EvidenceMessageKey, vars?: MessageVars) => interpolate(messages[key], vars, locale);
  const lookup = (key: string, fallback: string) => (has(locale, key) ? m(key) : fallback);
  const riskFlag = (flag: string) => lookup(`riskFlag.${flag}`, flag.replaceAll('_', ' '));
  const level = (value: string) => {
    const key = `inbox.priority.${value}`;
    return key in CATALOGUES.en ? translator.t(key as MessageKey) : value;
  };
  const param = (kind: JudgementParamKind, value: string | number): string => {
    switch (kind) {
      case 'count':
      case 'minutes':
        return typeof value === 'number' ? format.number(value) : value;
      case 'score':
        return typeof value === 'number' ? format.score(value) : value;
      case 'share':
        return typeof value === 'number' ? format.percent(value) : value;
      case 'intent':
        return analysisLabel(translator, 'intent', String(value));
      case 'riskFlag':
        return riskFlag(String(value));
      case 'level':
        return level(String(value));
      case 'language':
        return languageName(translator, String(value));
      case 'claimCue':
        return lookup(`claimCue.${value}`, String(value));
      case 'text':
        return String(value);
    }
  };
  return {
    m,
    judgement: (entry) => {
      const known = readJudgement(entry.code, entry.params);
      if (!known) return entry.detail;
      const kinds: Record<string, JudgementParamKind> = JUDGEMENT_CODES[known.code];
      const vars: MessageVars = {};
      for (const [name, value] of Object.entries(known.params)) {
        const kind = kinds[name];
        if (kind) vars[name] = param(kind, value);
      }
      return m(`judgement.${known.code}`, vars);
    },
    ruleLabel: (rule) =>
      rule
        .split('+')
        .map((part) => lookup(`rule.${part}`, part))
        .join(' · '),
    riskFlag,
    driverReason: (reason) =>
      reason === 'negative'
        ? m('driver.negative')
        : reason.startsWith('risk:')
          ? m('driver.risk', {
              category: lookup(`riskCategory.${reason.slice(5)}`, reason.slice(5).replaceAll('_', ' ')),
            })
          : reason,
  };
}

export function useEvidenceText(): EvidenceText {
  const translator = useI18n();
  return useMemo(() => evidenceText(translator), [translator]);
}
