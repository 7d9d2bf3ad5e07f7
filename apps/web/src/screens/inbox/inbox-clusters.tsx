import type { InboxCluster, Me } from '@ombud/contract';
import { useState } from 'react';
import { inboxApi } from '../../api/inbox.api.ts';
import { useLiveEvents } from '../../api/live-events.ts';
import { useLoad } from '../../api/use-load.ts';
import { languageName } from '../../components/language-name.ts';
import { ErrorAlert, Loading } from '../../components/load-state.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatterFor } from '../../i18n/format.ts';
import { PendingApprovals } from './inbox-approvals.tsx';
import { ReplyComposer } from './inbox-reply-composer.tsx';

/** Near-duplicate clusters: representative text, size, growth, languages; one reply answers them all. */
export function ClusterView(props: { canWork: boolean; me: Me | undefined }) {
  const translator = useI18n();
  const { t, locale } = translator;
  const format = formatterFor(locale);
  const [generation, setGeneration] = useState(0);
  const [clusters] = useLoad((signal) => inboxApi.clusters(signal), `clusters:${generation}`);
  const [selectedId, setSelectedId] = useState<string | undefined>(undefined);
  const [message, setMessage] = useState('');
  useLiveEvents({ inbox: () => setGeneration((value) => value + 1) });

  if (clusters.status === 'loading') return <Loading />;
  if (clusters.status === 'failed') return <ErrorAlert error={clusters.error} />;
  const list: InboxCluster[] = clusters.data;
  const selected = list.find((cluster) => cluster.id === selectedId);

  return (
    <div className="inbox-clusters">
      {list.length === 0 ? (
        <p className="empty">{t('inbox.clusters.empty')}</p>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">{t('inbox.clusters.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('inbox.clusters.text')}</th>
              <th scope="col">{t('inbox.clusters.size')}</th>
              <th scope="col">{t('inbox.clusters.open')}</th>
              <th scope="col">{t('inbox.clusters.growth')}</th>
              <th scope="col">{t('inbox.clusters.languages')}</th>
              <th scope="col">{t('inbox.clusters.lastSeen')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('inbox.clusters.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((cluster) => (
              <tr key={cluster.id} aria-selected={cluster.id === selectedId}>
                <td className="cluster-text">{cluster.representativeText ?? t('common.unknown')}</td>
                <td>{format.number(cluster.size)}</td>
                <td>{format.number(cluster.openItems)}</td>
                <td>
                  {t('inbox.clusters.growthValue', {
                    last: cluster.growth.lastHour,
                    previous: cluster.growth.previousHour,
                  })}
                </td>
                <td>{cluster.languages.map((code) => languageName(translator, code)).join(', ')}</td>
                <td>
                  <time dateTime={cluster.lastSeenAt}>{format.dateTime(cluster.lastSeenAt)}</time>
                </td>
                <td>
                  <button
                    type="button"
                    className="button quiet"
                    aria-pressed={cluster.id === selectedId}
                    onClick={() => {
                      setSelectedId(cluster.id);
                      setMessage('');
                    }}
                  >
                    {t('inbox.clusters.select')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {message ? (
        <p className="form-ok" role="status">
          {message}
        </p>
      ) : null}
      {selected && props.me && props.canWork ? (
        <section className="post-detail cluster-detail" aria-label={t('inbox.clusters.detail')}>
          <p className="post-text">{selected.representativeText}</p>
          <PendingApprovals
            me={props.me}
            filter={(reply) => reply.clusterId === selected.id}
            version={generation}
            onChanged={() => setGeneration((value) => value + 1)}
          />
          <ReplyComposer
            key={selected.id}
            target={{ kind: 'cluster', id: selected.id }}
            language={selected.language}
            author={t('inbox.clusters.eachAuthor')}
            me={props.me}
            campaignId={selected.campaignId}
            onSent={(reply) => {
              setMessage(
                reply.status === 'pending_approval'
                  ? t('inbox.done.awaitingApproval')
                  : t('inbox.done.clusterReplied', { count: reply.recipients }),
              );
              setGeneration((value) => value + 1);
            }}
          />
        </section>
      ) : null}
    </div>
  );
}
