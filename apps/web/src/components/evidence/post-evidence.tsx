import type { PostEvidence } from '@ombud/contract';
import { Fragment } from 'react';
import { evidenceApi } from '../../api/evidence.api.ts';
import { useLoad } from '../../api/use-load.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatterFor } from '../../i18n/format.ts';
import { analysisLabel } from '../analysis-label.ts';
import { isSummaryRule, piecesOf, spansOf, type EvidenceSpan } from './evidence-spans.ts';
import { useEvidenceText, type EvidenceText } from './evidence-text.ts';
import './evidence.css';

interface Group {
  key: string;
  title: string;
  tone: EvidenceSpan['tone'];
  evidence: { rule: string; match: string; weight: number }[];
}

function groupsOf(data: PostEvidence, ev: EvidenceText, label: ReturnType<typeof useI18n>): Group[] {
  const groups: Group[] = [];
  if (data.sentiment)
    groups.push({
      key: 'sentiment',
      title: ev.m('evidence.sentiment', { label: analysisLabel(label, 'sentiment', data.sentiment.label) }),
      tone: data.sentiment.label === 'neutral' ? 'neutral' : data.sentiment.label,
      evidence: data.sentiment.evidence,
    });
  for (const intent of data.intents)
    groups.push({
      key: `intent:${intent.label}`,
      title: ev.m('evidence.intent', { label: analysisLabel(label, 'intent', intent.label) }),
      tone: 'neutral',
      evidence: intent.evidence,
    });
  for (const aspect of data.aspects)
    groups.push({
      key: `aspect:${aspect.aspect}`,
      title: ev.m('evidence.aspect', { label: analysisLabel(label, 'aspect', aspect.aspect) }),
      tone: 'neutral',
      evidence: aspect.evidence,
    });
  for (const finding of data.toxicity)
    groups.push({
      key: `toxicity:${finding.category}`,
      title: ev.m('evidence.toxicity', { label: ev.ruleLabel(finding.category) }),
      tone: 'negative',
      evidence: finding.evidence,
    });
  return groups;
}

/** The post's words (text, never HTML) with the evidence behind each judgement marked. */
function MarkedText(props: { text: string; spans: readonly EvidenceSpan[]; label: string; lang?: string }) {
  return (
    <p className="post-text evidence-text" title={props.label} lang={props.lang}>
      {piecesOf(props.text, props.spans).map((piece) => {
        if (piece.covering.length === 0) return <Fragment key={piece.start}>{piece.text}</Fragment>;
        const tone = piece.covering.some((s) => s.tone === 'negative')
          ? 'negative'
          : piece.covering.some((s) => s.tone === 'positive')
            ? 'positive'
            : 'neutral';
        const labels = [...new Set(piece.covering.map((s) => s.label))].join(' · ');
        return (
          <mark key={piece.start} className={`evidence-mark is-${tone}`} title={labels}>
            {piece.text}
          </mark>
        );
      })}
    </p>
  );
}

/**
 * A post with the words behind its sentiment, intents, aspects and toxicity marked in the text and
 * listed with translated rule names. Until the evidence arrives (or if it cannot) the plain text shows.
 */
export function PostEvidenceView(props: { postId: string; text: string; lang?: string | undefined }) {
  const translator = useI18n();
  const ev = useEvidenceText();
  const format = formatterFor(translator.locale);
  const [state] = useLoad((signal) => evidenceApi.post(props.postId, signal), props.postId);
  const lang = props.lang && props.lang !== 'und' ? props.lang : undefined;
  if (state.status !== 'ready')
    return (
      <p className="post-text" lang={lang}>
        {props.text}
      </p>
    );
  const data = state.data;
  const groups = groupsOf(data, ev, translator);
  const spans = groups.flatMap((group) =>
    spansOf(
      props.text,
      group.evidence.map((e) => ({
        rule: e.rule,
        match: e.match,
        tone:
          group.key === 'sentiment'
            ? e.weight < 0
              ? 'negative'
              : e.weight > 0
                ? 'positive'
                : 'neutral'
            : group.tone,
        label: `${group.title}: ${ev.ruleLabel(e.rule)}`,
      })),
    ),
  );
  return (
    <div className="post-evidence" data-post-evidence={data.postId}>
      <MarkedText
        text={props.text}
        spans={spans}
        label={ev.m('evidence.marked')}
        {...(lang ? { lang } : {})}
      />
      <h3 className="detail-section-title">{ev.m('evidence.title')}</h3>
      {!data.analysed ? (
        <p className="muted">{ev.m('evidence.notAnalysed')}</p>
      ) : (
        <ul className="evidence-groups">
          {groups.map((group) => (
            <li key={group.key} data-judgement={group.key}>
              <strong>{group.title}</strong>
              {group.evidence.length === 0 ? (
                <span className="muted-inline"> — {ev.m('evidence.none')}</span>
              ) : (
                <ul className="evidence-words">
                  {group.evidence.map((e, index) => (
                    <li key={`${e.rule}-${index}`} data-rule={e.rule}>
                      <span className="evidence-rule">{ev.ruleLabel(e.rule)}</span>{' '}
                      {isSummaryRule(e.rule) ? null : (
                        <span className="evidence-word">{ev.m('evidence.word', { words: e.match })}</span>
                      )}{' '}
                      <span className="muted-inline">
                        {ev.m('evidence.weight', { weight: format.score(e.weight) })}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
