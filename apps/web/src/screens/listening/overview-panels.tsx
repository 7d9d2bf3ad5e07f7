import type { Campaign, IncidentSummary, InboxSlaReport, Overview, ShareOfVoice } from '@ombud/contract';
import { useState } from 'react';
import { crisisApi } from '../../api/crisis.api.ts';
import { listeningApi } from '../../api/listening.api.ts';
import { useLoad } from '../../api/use-load.ts';
import { LoadState } from '../../components/load-state.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatterFor } from '../../i18n/format.ts';
import type { MessageKey } from '../../i18n/messages.en.ts';
import { InAppLink, SentimentBar, ShareOfVoiceChart } from './listening-parts.tsx';
import './listening.css';

const SEVERITY_LABEL: Record<IncidentSummary['severity'], MessageKey> = {
  watch: 'listening.overview.severity.watch',
  warning: 'listening.overview.severity.warning',
  critical: 'listening.overview.severity.critical',
};
const STATUS_LABEL: Record<IncidentSummary['status'], MessageKey> = {
  open: 'listening.overview.status.open',
  acknowledged: 'listening.overview.status.acknowledged',
  resolved: 'listening.overview.status.resolved',
};

/**
 * The overview's panels from other capabilities: share of voice of the busiest campaign, open
 * incidents and SLA health, each loaded on its own so the overview is interactive before they arrive.
 */
export function OverviewListeningPanels(props: { campaigns: Campaign[]; overview: Overview }) {
  const { campaigns, overview } = props;
  const busiest = [...overview.perCampaign].sort((a, b) => b.posts - a.posts)[0];
  const campaign = campaigns.find((item) => item.id === busiest?.campaignId) ?? campaigns[0];
  const firstDay = overview.perDay[0]?.day;
  const from = firstDay ? new Date(`${firstDay}T00:00:00`) : new Date(Date.now() - 30 * 86_400_000);
  return (
    <div className="overview-links">
      {campaign ? <ShareOfVoiceTile campaign={campaign} from={from.toISOString()} /> : null}
      <IncidentsTile />
      <SlaTile />
    </div>
  );
}

function ShareOfVoiceTile(props: { campaign: Campaign; from: string }) {
  const { t, locale } = useI18n();
  const format = formatterFor(locale);
  const [to] = useState(() => new Date().toISOString());
  const [loaded] = useLoad(
    (signal) =>
      listeningApi.shareOfVoice({ campaignId: props.campaign.id, from: props.from, to }, 'day', signal),
    `${props.campaign.id}/${props.from}`,
  );
  return (
    <section className="panel overview-sov" aria-labelledby="overview-sov-title">
      <h2 id="overview-sov-title">{t('listening.sov.title')}</h2>
      <p className="muted">{props.campaign.name}</p>
      <LoadState loaded={loaded}>
        {(sov: ShareOfVoice) => {
          const subjects = [...sov.subjects].sort(
            (a, b) => Number(b.isBrand) - Number(a.isBrand) || b.posts - a.posts,
          );
          if (subjects.length === 0) return <p className="muted">{t('listening.sov.none')}</p>;
          return (
            <>
              <table className="bar-table sov-table">
                <tbody>
                  {subjects.map((subject) => (
                    <tr key={subject.subject} data-subject={subject.subject}>
                      <th scope="row">
                        <span className="bar-label">{subject.subject}</span>
                        <span
                          className="bar"
                          aria-hidden="true"
                          style={{ width: `${subject.share * 100}%` }}
                        />
                      </th>
                      <td className="numeric">{format.percent(subject.share)}</td>
                      <td>
                        <SentimentBar counts={subject.sentiment} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <ShareOfVoiceChart subjects={subjects} series={sov.series} interval="day" />
            </>
          );
        }}
      </LoadState>
      <InAppLink to="/listening" className="panel-link">
        {t('listening.overview.toListening')}
      </InAppLink>
    </section>
  );
}

function IncidentsTile() {
  const { t, tn, locale } = useI18n();
  const format = formatterFor(locale);
  const [loaded] = useLoad((signal) => crisisApi.incidents(signal), 'overview-incidents');
  return (
    <section className="panel overview-incidents" aria-labelledby="overview-incidents-title">
      <h2 id="overview-incidents-title">{t('listening.overview.incidents')}</h2>
      <LoadState loaded={loaded}>
        {(incidents: IncidentSummary[]) => {
          const open = incidents.filter((incident) => incident.status !== 'resolved');
          return (
            <>
              <p className={open.length > 0 ? 'tile-value is-alert' : 'tile-value'}>
                {tn('listening.overview.openIncidents', open.length)}
              </p>
              <ul className="incident-list">
                {open.slice(0, 5).map((incident) => (
                  <li key={incident.id}>
                    <span className={`badge severity-${incident.severity}`}>
                      {t(SEVERITY_LABEL[incident.severity])}
                    </span>{' '}
                    {incident.titles[locale] || incident.title}{' '}
                    <span className="muted-inline">
                      {t(STATUS_LABEL[incident.status])} · {format.dateTime(incident.startedAt)}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          );
        }}
      </LoadState>
      <InAppLink to="/crisis" className="panel-link">
        {t('listening.overview.toCrisis')}
      </InAppLink>
    </section>
  );
}

function SlaTile() {
  const { t, locale } = useI18n();
  const format = formatterFor(locale);
  const [loaded] = useLoad((signal) => listeningApi.slaReport(signal), 'overview-sla');
  const share = (value: number | null) => (value === null ? '—' : format.percent(value));
  return (
    <section className="panel overview-sla" aria-labelledby="overview-sla-title">
      <h2 id="overview-sla-title">{t('listening.overview.sla')}</h2>
      <LoadState loaded={loaded}>
        {(report: InboxSlaReport) => (
          <dl className="narrative-facts">
            <dt>{t('listening.overview.firstResponseMet')}</dt>
            <dd
              className={
                report.firstResponse.metShare !== null && report.firstResponse.metShare < 0.8
                  ? 'is-alert'
                  : undefined
              }
            >
              {share(report.firstResponse.metShare)}
            </dd>
            <dt>{t('listening.overview.p50')}</dt>
            <dd>
              {report.firstResponse.p50Minutes === null
                ? '—'
                : t('listening.overview.minutes', {
                    minutes: format.number(Math.round(report.firstResponse.p50Minutes)),
                  })}
            </dd>
            <dt>{t('listening.overview.resolutionMet')}</dt>
            <dd>{share(report.resolution.metShare)}</dd>
            <dt>{t('listening.overview.backlog')}</dt>
            <dd>
              {t('listening.overview.backlogValue', {
                open: format.number(report.backlog.open),
                breached: format.number(report.backlog.breached),
                unassigned: format.number(report.backlog.unassigned),
              })}
            </dd>
          </dl>
        )}
      </LoadState>
      <InAppLink to="/inbox" className="panel-link">
        {t('listening.overview.toInbox')}
      </InAppLink>
    </section>
  );
}
