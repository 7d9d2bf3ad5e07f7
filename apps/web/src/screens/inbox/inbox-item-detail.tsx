import type { InboxAgent, InboxItemDetail, InboxReply, Me } from '@ombud/contract';
import { useId, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { inboxApi } from '../../api/inbox.api.ts';
import { useLoad } from '../../api/use-load.ts';
import { errorText } from '../../components/error-text.ts';
import { languageName } from '../../components/language-name.ts';
import { ErrorAlert, Loading } from '../../components/load-state.tsx';
import { useEvidenceText } from '../../components/evidence/evidence-text.ts';
import { PostEvidenceView } from '../../components/evidence/post-evidence.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatterFor } from '../../i18n/format.ts';
import { ReplyComposer, type ComposerHandle } from './inbox-reply-composer.tsx';
import { PendingApprovals } from './inbox-approvals.tsx';

/** What the screen's keyboard shortcuts do to the open item. */
export interface DetailHandle {
  open: () => void;
  reply: () => void;
  claim: () => void;
  resolve: () => void;
}

/** One item: the post (text only), priority with its evidence, SLA clocks, assignment, replies. */
export function ItemDetail(props: {
  ref: Ref<DetailHandle>;
  itemId: string;
  version: number;
  me: Me;
  canWork: boolean;
  onChanged: () => void;
  /** Says what an action did; shown by the screen, since the item may leave the list. */
  onNotice: (text: string) => void;
}) {
  const translator = useI18n();
  const { t, locale } = translator;
  const format = formatterFor(locale);
  const ev = useEvidenceText();
  const [state, reload] = useLoad(
    (signal) => inboxApi.item(props.itemId, signal),
    `${props.itemId}:${props.version}`,
  );
  const [agents] = useLoad(() => inboxApi.agents(), 'agents');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [agentChoice, setAgentChoice] = useState('');
  const [note, setNote] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const composer = useRef<ComposerHandle>(null);
  const ids = { agent: useId(), note: useId() };
  const item = state.status === 'ready' ? state.data : undefined;

  const act = async (run: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(undefined);
    try {
      await run();
      props.onNotice(done);
      reload();
      props.onChanged();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const claim = () => void act(() => inboxApi.claim(props.itemId), t('inbox.done.claimed'));
  const resolve = () => void act(() => inboxApi.resolve(props.itemId), t('inbox.done.resolved'));
  useImperativeHandle(props.ref, () => ({
    open: () => heading.current?.focus(),
    reply: () => composer.current?.focus(),
    claim: () => {
      if (props.canWork && item?.status === 'open') claim();
    },
    resolve: () => {
      if (props.canWork && item && item.status !== 'resolved') resolve();
    },
  }));

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'failed') return <ErrorAlert error={state.error} />;
  const detail: InboxItemDetail = state.data;
  const agentList: InboxAgent[] = agents.status === 'ready' ? agents.data : [];
  const agentName = (id: string | null) =>
    id === null
      ? t('inbox.assignee.none')
      : id === props.me.id
        ? props.me.displayName
        : (agentList.find((agent) => agent.userId === id)?.displayName ?? t('inbox.assignee.someone'));
  const replyStatusText = (status: string) =>
    status === 'pending_approval' || status === 'sent' || status === 'rejected'
      ? t(`inbox.replyStatus.${status}`)
      : status;
  const speaks = agentList.filter((agent) => agent.languages.includes(detail.language) && agent.available);
  const evidence =
    detail.currentPriority.evidence.length > 0 ? detail.currentPriority.evidence : detail.priorityEvidence;

  return (
    <article className="inbox-item" data-item-id={detail.id} data-status={detail.status}>
      <h2 className="post-detail-author" ref={heading} tabIndex={-1}>
        @{detail.authorHandle} <span className="muted-inline">{detail.platform}</span>
      </h2>
      {/* A stranger's words: rendered as text, never as HTML, with the words behind its analysis marked. */}
      <PostEvidenceView postId={detail.postId} text={detail.text} lang={detail.language} />
      <dl className="facts">
        <dt>{t('inbox.detail.posted')}</dt>
        <dd>
          <time dateTime={detail.postCreatedAt}>{format.dateTime(detail.postCreatedAt)}</time>
        </dd>
        <dt>{t('inbox.filter.language')}</dt>
        <dd>{languageName(translator, detail.language)}</dd>
        <dt>{t('inbox.filter.status')}</dt>
        <dd className="inbox-status">
          {t(`inbox.status.${detail.status}`)}
          {detail.resolution ? ` · ${t(`inbox.resolution.${detail.resolution}`)}` : ''}
        </dd>
        <dt>{t('inbox.detail.assignee')}</dt>
        <dd className="inbox-assignee">{agentName(detail.assigneeId)}</dd>
        {detail.cluster ? (
          <>
            <dt>{t('inbox.detail.cluster')}</dt>
            <dd>{t('inbox.detail.clusterSize', { size: detail.cluster.size })}</dd>
          </>
        ) : null}
      </dl>

      <h3 className="detail-section-title">{t('inbox.detail.priority')}</h3>
      <p>
        <span className={`priority-badge is-${detail.currentPriority.level}`}>
          {t(`inbox.priority.${detail.currentPriority.level}`)}
        </span>{' '}
        <span className="muted-inline">
          {t('inbox.detail.score', { score: Math.round(detail.currentPriority.score) })}
        </span>
      </p>
      <ul className="evidence-list" aria-label={t('inbox.detail.evidence')}>
        {evidence.map((entry, index) => (
          <li key={`${entry.rule}-${index}`} data-rule={entry.rule} data-code={entry.code}>
            {ev.judgement(entry)}
            {entry.points === undefined ? null : (
              <span className="muted-inline">
                {' '}
                {t('inbox.detail.points', { points: Math.round(entry.points) })}
              </span>
            )}
          </li>
        ))}
        {detail.riskFlags.map((flag) => (
          <li key={flag} className="is-risk">
            {t('inbox.detail.riskFlag')} {ev.riskFlag(flag)}
          </li>
        ))}
      </ul>
      {detail.reasons.length > 0 ? (
        <>
          <h3 className="detail-section-title">{t('inbox.detail.reasons')}</h3>
          <ul className="evidence-list">
            {detail.reasons.map((entry, index) => (
              <li key={`${entry.rule}-${index}`} data-rule={entry.rule} data-code={entry.code}>
                {ev.judgement(entry)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {detail.assignmentEvidence.length > 0 ? (
        <>
          <h3 className="detail-section-title">{ev.m('evidence.assignment')}</h3>
          <ul className="evidence-list assignment-evidence">
            {detail.assignmentEvidence.map((entry, index) => (
              <li key={`${entry.rule}-${index}`} data-rule={entry.rule} data-code={entry.code}>
                {ev.judgement(entry)}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h3 className="detail-section-title">{t('inbox.detail.sla')}</h3>
      <dl className="facts sla-facts">
        {(['firstResponse', 'resolution'] as const).map((kind) => {
          const clock = detail.sla[kind];
          return (
            <div key={kind} className={`sla-clock is-${clock.state}`}>
              <dt>{t(`inbox.sla.${kind}`)}</dt>
              <dd>
                {t(`inbox.sla.state.${clock.state}`)} ·{' '}
                {clock.state === 'breached'
                  ? t('inbox.sla.overBy', { duration: format.duration(-clock.remainingMinutes) })
                  : clock.state === 'met'
                    ? t('inbox.sla.took', { duration: format.duration(clock.elapsedMinutes) })
                    : t('inbox.sla.left', {
                        left: format.duration(clock.remainingMinutes),
                        target: format.duration(clock.targetMinutes),
                      })}
              </dd>
            </div>
          );
        })}
      </dl>

      {error ? (
        <p className="form-error" role="alert">
          {errorText(translator, error)}
        </p>
      ) : null}

      {props.canWork ? (
        <>
          <h3 className="detail-section-title">{t('inbox.detail.assignment')}</h3>
          <div className="inbox-actions">
            <button
              type="button"
              className="button"
              disabled={busy || detail.status !== 'open' || detail.assigneeId === props.me.id}
              onClick={claim}
              aria-keyshortcuts="a"
            >
              {t('inbox.action.claim')}
            </button>
            <label htmlFor={ids.agent}>{t('inbox.action.assignTo')}</label>
            <select
              id={ids.agent}
              value={agentChoice}
              onChange={(event) => setAgentChoice(event.target.value)}
            >
              <option value="">{t('inbox.assignee.queue')}</option>
              {speaks.map((agent) => (
                <option key={agent.userId} value={agent.userId}>
                  {t('inbox.assignee.option', {
                    name: agent.displayName,
                    load: agent.load,
                    max: agent.maxLoad,
                  })}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button"
              disabled={busy || detail.status === 'resolved'}
              onClick={() =>
                void act(() => inboxApi.assign(props.itemId, agentChoice || null), t('inbox.done.assigned'))
              }
            >
              {t('inbox.action.assign')}
            </button>
          </div>

          <PendingApprovals
            me={props.me}
            filter={(reply: InboxReply) =>
              reply.itemId === detail.id ||
              (detail.clusterId !== null && reply.clusterId === detail.clusterId)
            }
            version={props.version}
            onChanged={() => {
              reload();
              props.onChanged();
            }}
          />

          {detail.status !== 'resolved' ? (
            <ReplyComposer
              ref={composer}
              target={{ kind: 'item', id: detail.id }}
              language={detail.language}
              author={detail.authorHandle}
              me={props.me}
              campaignId={detail.campaignId}
              onSent={(reply) => {
                props.onNotice(
                  reply.status === 'pending_approval'
                    ? t('inbox.done.awaitingApproval')
                    : t('inbox.done.replied'),
                );
                reload();
                props.onChanged();
              }}
            />
          ) : null}

          <h3 className="detail-section-title">{t('inbox.detail.close')}</h3>
          {detail.status === 'resolved' ? (
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => void act(() => inboxApi.reopen(props.itemId), t('inbox.done.reopened'))}
            >
              {t('inbox.action.reopen')}
            </button>
          ) : (
            <div className="inbox-actions">
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={resolve}
                aria-keyshortcuts="e"
              >
                {t('inbox.action.resolve')}
              </button>
              <label htmlFor={ids.note}>{t('inbox.action.elsewhereNote')}</label>
              <input
                id={ids.note}
                value={note}
                maxLength={500}
                onChange={(event) => setNote(event.target.value)}
              />
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() =>
                  void act(() => inboxApi.answeredElsewhere(props.itemId, note), t('inbox.done.elsewhere'))
                }
              >
                {t('inbox.action.answeredElsewhere')}
              </button>
            </div>
          )}
        </>
      ) : (
        <p className="muted">{t('inbox.readOnly')}</p>
      )}

      {detail.replies.length > 0 ? (
        <>
          <h3 className="detail-section-title">{t('inbox.detail.replies')}</h3>
          <ul className="reply-list">
            {detail.replies.map((reply) => (
              <li key={reply.id} data-reply-status={reply.status}>
                <span className="badge">{replyStatusText(reply.status)}</span>{' '}
                <time dateTime={reply.createdAt}>{format.dateTime(reply.createdAt)}</time>
                <p className="reply-body">{reply.body}</p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </article>
  );
}
