import type { InboxReply, Me } from '@ombud/contract';
import { useState } from 'react';
import { inboxApi } from '../../api/inbox.api.ts';
import { useLoad } from '../../api/use-load.ts';
import { errorText } from '../../components/error-text.ts';
import { useEvidenceText } from '../../components/evidence/evidence-text.ts';
import { useI18n } from '../../i18n/i18n.tsx';

/** The two-person rule: replies waiting for approval; someone other than the author approves or rejects. */
export function PendingApprovals(props: {
  me: Me;
  filter: (reply: InboxReply) => boolean;
  version: number;
  onChanged: () => void;
}) {
  const translator = useI18n();
  const ev = useEvidenceText();
  const { t } = translator;
  const [generation, setGeneration] = useState(0);
  const [pending] = useLoad(() => inboxApi.pendingReplies(), `pending:${props.version}:${generation}`);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const replies = pending.status === 'ready' ? pending.data.filter(props.filter) : [];
  if (replies.length === 0 && !error) return null;

  const decide = async (reply: InboxReply, approve: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      await (approve ? inboxApi.approve(reply.id) : inboxApi.reject(reply.id));
      setGeneration((value) => value + 1);
      props.onChanged();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="pending-approvals" aria-label={t('inbox.approval.title')}>
      <h3 className="detail-section-title">{t('inbox.approval.title')}</h3>
      {error ? (
        <p className="form-error" role="alert">
          {errorText(translator, error)}
        </p>
      ) : null}
      <ul>
        {replies.map((reply) => (
          <li key={reply.id} className="pending-reply">
            <p className="reply-body">{reply.body}</p>
            <ul className="evidence-list">
              {reply.riskReasons.map((reason, index) => (
                <li key={`${reason.rule}-${index}`} data-rule={reason.rule} data-code={reason.code}>
                  {ev.judgement(reason)}
                </li>
              ))}
            </ul>
            {reply.authorId === props.me.id ? (
              <p className="muted">{t('inbox.approval.yours')}</p>
            ) : (
              <div className="inbox-actions">
                <button
                  type="button"
                  className="button primary"
                  disabled={busy}
                  onClick={() => void decide(reply, true)}
                >
                  {t('inbox.approval.approve')}
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={busy}
                  onClick={() => void decide(reply, false)}
                >
                  {t('inbox.approval.reject')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
