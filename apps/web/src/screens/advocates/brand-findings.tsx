import type { BrandFindings } from '@ombud/contract';
import { Fragment } from 'react';
import { evidenceText } from '../../components/evidence/evidence-text.ts';
import { useI18n, type Translator } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.en.ts';

/** One finding of a brand check, placed in the draft text where it can be (a span), with its evidence. */
export interface Finding {
  number: number;
  kind: 'contradicted' | 'unverified' | 'supported' | 'banned' | 'disclosure' | 'disclosure-ok' | 'issue';
  severity: 'error' | 'warning' | 'info';
  title: string;
  detail: string;
  spans: Array<[number, number]>;
}

const ISSUE: Record<string, MessageKey> = {
  KEY_MESSAGE_MISSING: 'advocates.issue.keyMessageMissing',
  BANNED_PHRASE: 'advocates.issue.bannedPhrase',
  PROFANITY: 'advocates.issue.profanity',
  AGGRESSIVE_LANGUAGE: 'advocates.issue.aggressive',
  COMPETITOR_MENTION: 'advocates.issue.competitor',
  INFORMAL_TONE: 'advocates.issue.informal',
};

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Every place `needle` occurs in `text`, ignoring case. */
function occurrences(text: string, needle: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  if (needle.trim().length < 2) return found;
  const haystack = text.toLocaleLowerCase();
  const wanted = needle.toLocaleLowerCase();
  let from = 0;
  for (;;) {
    const at = haystack.indexOf(wanted, from);
    if (at < 0 || found.length >= 20) return found;
    found.push([at, at + wanted.length]);
    from = at + wanted.length;
  }
}

/** Turns the server's findings into a numbered list with the spans of the text each one is about. */
export function findingsOf(text: string, findings: BrandFindings, translator: Translator): Finding[] {
  const { t } = translator;
  const ev = evidenceText(translator);
  // The server's reason as a code + parameters in the reader's language; its English for old rows.
  const reasonOf = (evidence: Record<string, unknown>) =>
    ev.judgement({
      code: str(evidence.reasonCode),
      params: evidence.reasonParams,
      detail: str(evidence.reason) ?? '',
    });
  const list: Omit<Finding, 'number'>[] = [];
  for (const claim of findings.claims) {
    const span = claim.evidence.span;
    const spans: Array<[number, number]> =
      Array.isArray(span) && typeof span[0] === 'number' && typeof span[1] === 'number'
        ? [[span[0], span[1]]]
        : occurrences(text, claim.text).slice(0, 1);
    const approved = str(claim.evidence.approved);
    const reason = reasonOf(claim.evidence);
    if (claim.verdict === 'contradicted') {
      list.push({
        kind: 'contradicted',
        severity: 'error',
        title: t('advocates.finding.contradicted', { claim: claim.text }),
        detail:
          approved !== undefined
            ? t('advocates.finding.contradictsFact', { fact: claim.factId ?? '', approved, reason })
            : t('advocates.finding.reason', { reason }),
        spans,
      });
    } else if (claim.verdict === 'unverified') {
      list.push({
        kind: 'unverified',
        severity: 'warning',
        title: t('advocates.finding.unverified', { claim: claim.text }),
        detail: t('advocates.finding.reason', { reason }),
        spans,
      });
    } else {
      list.push({
        kind: 'supported',
        severity: 'info',
        title: t('advocates.finding.supported', { claim: claim.text }),
        detail: t('advocates.finding.supportedBy', { fact: claim.factId ?? '', approved: approved ?? '' }),
        spans,
      });
    }
  }
  for (const issue of findings.issues) {
    if (issue.code !== 'BANNED_CLAIM') continue;
    const quoted = str(issue.messageParams?.['words']) ?? /"([^"]+)"/.exec(issue.message)?.[1];
    list.push({
      kind: 'banned',
      severity: 'error',
      title: t('advocates.finding.bannedClaim', { claim: quoted ?? '' }),
      detail: ev.judgement({ code: issue.messageCode, params: issue.messageParams, detail: issue.message }),
      spans: quoted ? occurrences(text, quoted) : [],
    });
  }
  const disclosure = findings.disclosure;
  const found = disclosure.evidence.found as { text?: unknown; offset?: unknown } | undefined;
  const disclosureSpans: Array<[number, number]> =
    found && typeof found.offset === 'number' && typeof found.text === 'string'
      ? [[found.offset, found.offset + found.text.length]]
      : [];
  const disclosureReason = reasonOf(disclosure.evidence);
  if (disclosure.required || disclosure.present) {
    list.push({
      kind: disclosure.ok ? 'disclosure-ok' : 'disclosure',
      severity: disclosure.ok ? 'info' : 'error',
      title: disclosure.ok
        ? t('advocates.finding.disclosureOk', { market: disclosure.market })
        : disclosure.present
          ? t('advocates.finding.disclosureMisplaced', { market: disclosure.market })
          : t('advocates.finding.disclosureMissing', { market: disclosure.market }),
      detail: t('advocates.finding.reason', { reason: disclosureReason }),
      spans: disclosureSpans,
    });
  }
  for (const issue of findings.onMessage.issues) {
    const key = ISSUE[issue.code];
    list.push({
      kind: 'issue',
      severity: issue.severity,
      title: key ? t(key) : issue.code,
      detail:
        issue.evidence.length > 0
          ? t('advocates.finding.evidence', { evidence: issue.evidence.join(', ') })
          : ev.judgement({ code: issue.messageCode, params: issue.messageParams, detail: issue.message }),
      spans:
        issue.code === 'KEY_MESSAGE_MISSING' ? [] : issue.evidence.flatMap((word) => occurrences(text, word)),
    });
  }
  return list.map((finding, index) => ({ ...finding, number: index + 1 }));
}

const RANK: Record<Finding['kind'], number> = {
  contradicted: 6,
  banned: 5,
  disclosure: 4,
  unverified: 3,
  issue: 2,
  'disclosure-ok': 1,
  supported: 0,
};

/** The draft as text, with each finding's words marked and numbered; nothing in it is read as HTML. */
export function HighlightedText(props: { text: string; findings: readonly Finding[] }) {
  const { t } = useI18n();
  const { text } = props;
  const cuts = new Set<number>([0, text.length]);
  for (const finding of props.findings)
    for (const [start, end] of finding.spans) {
      if (start >= 0 && end <= text.length && start < end) {
        cuts.add(start);
        cuts.add(end);
      }
    }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i + 1 < points.length; i += 1) {
    const start = points[i] ?? 0;
    const end = points[i + 1] ?? 0;
    const covering = props.findings.filter((finding) =>
      finding.spans.some(([s, e]) => s <= start && e >= end && s < e),
    );
    const piece = text.slice(start, end);
    if (covering.length === 0) {
      pieces.push(<Fragment key={start}>{piece}</Fragment>);
      continue;
    }
    const top = covering.reduce((best, f) => (RANK[f.kind] > RANK[best.kind] ? f : best));
    const numbers = covering.map((f) => f.number).join(', ');
    const endsHere = covering.filter((f) => f.spans.some(([, e]) => e === end));
    pieces.push(
      <Fragment key={start}>
        <mark className={`finding-mark finding-${top.kind}`} title={covering.map((f) => f.title).join(' · ')}>
          {piece}
        </mark>
        {endsHere.length > 0 ? (
          <sup className="finding-ref">
            <span className="sr-only">{t('advocates.findingRef', { numbers })}</span>
            <span aria-hidden="true">{endsHere.map((f) => f.number).join(',')}</span>
          </sup>
        ) : null}
      </Fragment>,
    );
  }
  return <p className="draft-text">{pieces}</p>;
}

/** The numbered findings, each with its evidence. */
export function FindingList(props: { findings: readonly Finding[] }) {
  const { t } = useI18n();
  if (props.findings.length === 0) return <p className="muted">{t('advocates.noFindings')}</p>;
  return (
    <ol className="finding-list">
      {props.findings.map((finding) => (
        <li key={finding.number} className={`finding finding-${finding.severity}`} value={finding.number}>
          <span className={`badge finding-badge-${finding.kind}`}>
            {t(`advocates.severity.${finding.severity}`)}
          </span>{' '}
          <strong>{finding.title}</strong>
          <span className="finding-detail">{finding.detail}</span>
        </li>
      ))}
    </ol>
  );
}

/** Text, highlights and findings together, with the on-message score. */
export function BrandFindingsView(props: { text: string; findings: BrandFindings; label: string }) {
  const translator = useI18n();
  const { t } = translator;
  const list = findingsOf(props.text, props.findings, translator);
  const errors = list.filter((f) => f.severity === 'error').length;
  return (
    <div className="brand-findings" aria-label={props.label} role="group">
      <p className="muted">
        {t('advocates.checkSummary', {
          language: props.findings.language,
          market: props.findings.market ?? '—',
          score: Math.round(props.findings.onMessage.score * 100),
          errors,
        })}
      </p>
      <HighlightedText text={props.text} findings={list} />
      <FindingList findings={list} />
      {props.findings.onMessage.coverage.missing.length > 0 ? (
        <p className="muted">
          {t('advocates.missingMessages', { ids: props.findings.onMessage.coverage.missing.join(', ') })}
        </p>
      ) : null}
    </div>
  );
}
