import type {
  Campaign,
  IncidentSummary,
  Influencers,
  Narratives,
  Poaching,
  ShareOfVoice,
} from '@ombud/contract';
import { useId, useState, type ReactNode } from 'react';
import { api } from '../../api/api-client.ts';
import { crisisApi } from '../../api/crisis.api.ts';
import { listeningApi, type ListeningRange } from '../../api/listening.api.ts';
import { useLoad } from '../../api/use-load.ts';
import { analysisLabel } from '../../components/analysis-label.ts';
import { ErrorAlert, Loading } from '../../components/load-state.tsx';
import { languageName } from '../../components/language-name.ts';
import { ScreenHeading } from '../../components/screen-heading.tsx';
import { useI18n, type UiLocale } from '../../i18n/i18n.tsx';
import { formatterFor } from '../../i18n/format.ts';
import type { MessageKey } from '../../i18n/messages.en.ts';
import { SentimentBar, ShareOfVoiceChart } from './listening-parts.tsx';
import './listening.css';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PERIODS = ['1d', '7d', '14d', '30d', 'campaign'] as const;
type Period = (typeof PERIODS)[number];
const PERIOD_LABEL: Record<Period, MessageKey> = {
  '1d': 'listening.period.1d',
  '7d': 'listening.period.7d',
  '14d': 'listening.period.14d',
  '30d': 'listening.period.30d',
  campaign: 'listening.period.campaign',
};
const POACHING_LABEL: Record<Poaching['findings'][number]['kind'], MessageKey> = {
  competitor_reply: 'listening.poaching.competitorReply',
  suspected_staff_reply: 'listening.poaching.staffReply',
  switch_announcement: 'listening.poaching.switch',
};
const ROLE_LABEL: Record<Influencers['authors'][number]['role'], MessageKey> = {
  brand: 'listening.influencers.role.brand',
  competitor: 'listening.influencers.role.competitor',
  community: 'listening.influencers.role.community',
};

/** The range a period stands for: a window ending now, the campaign, or the hours around an incident. */
function rangeFor(period: string, campaign: Campaign, incidents: readonly IncidentSummary[], now: number) {
  const days = /^(\d+)d$/.exec(period);
  if (days) return { from: now - Number(days[1]) * DAY, to: now };
  if (period === 'campaign') {
    const from = Date.parse(campaign.startsAt ?? campaign.createdAt);
    const end = campaign.endsAt ? Date.parse(campaign.endsAt) : now;
    return { from, to: Math.max(from + HOUR, Math.min(end, now)) };
  }
  const incident = incidents.find((item) => `incident:${item.id}` === period);
  const started = incident ? Date.parse(incident.startedAt) : now - 7 * DAY;
  return { from: started - 6 * HOUR, to: Math.min(now, started + 30 * HOUR) };
}

function incidentTitle(incident: IncidentSummary, locale: UiLocale): string {
  return incident.titles[locale] || incident.title;
}

/** What the conversation is about: narratives, trending terms, share of voice, competitors, influencers. */
export function ListeningScreen() {
  const translator = useI18n();
  const { t, locale } = translator;
  const format = formatterFor(locale);
  const ids = { campaign: useId(), period: useId() };
  const [chosenCampaign, setChosenCampaign] = useState('');
  const [period, setPeriod] = useState<string>('7d');
  const [now] = useState(() => Date.now());
  const [base] = useLoad(async (signal) => {
    const [campaigns, incidents] = await Promise.all([api.campaigns(), crisisApi.incidents(signal)]);
    return { campaigns, incidents };
  }, 'listening-base');

  if (base.status !== 'ready') {
    return (
      <div className="screen listening">
        <ScreenHeading title={t('listening.title')} />
        {base.status === 'loading' ? <Loading /> : <ErrorAlert error={base.error} />}
      </div>
    );
  }
  const { campaigns } = base.data;
  const campaign = campaigns.find((item) => item.id === chosenCampaign) ?? campaigns[0];
  const incidents = campaign ? base.data.incidents.filter((item) => item.campaignId === campaign.id) : [];
  const range = campaign ? rangeFor(period, campaign, incidents, now) : undefined;

  return (
    <div className="screen listening">
      <ScreenHeading title={t('listening.title')}>
        <div className="listening-controls">
          <div className="field inline">
            <label htmlFor={ids.campaign}>{t('mentions.campaign')}</label>
            <select
              id={ids.campaign}
              value={campaign?.id ?? ''}
              onChange={(e) => setChosenCampaign(e.target.value)}
            >
              {campaigns.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field inline">
            <label htmlFor={ids.period}>{t('listening.period')}</label>
            <select id={ids.period} value={period} onChange={(e) => setPeriod(e.target.value)}>
              {PERIODS.map((item) => (
                <option key={item} value={item}>
                  {t(PERIOD_LABEL[item])}
                </option>
              ))}
              {incidents.map((incident) => (
                <option key={incident.id} value={`incident:${incident.id}`}>
                  {t('listening.period.incident', {
                    title: incidentTitle(incident, locale),
                    date: format.dateTime(incident.startedAt),
                  })}
                </option>
              ))}
            </select>
          </div>
        </div>
      </ScreenHeading>
      {campaign && range ? (
        <ListeningBody
          key={`${campaign.id}/${range.from}/${range.to}`}
          range={{
            campaignId: campaign.id,
            from: new Date(range.from).toISOString(),
            to: new Date(range.to).toISOString(),
          }}
        />
      ) : (
        <p className="empty">{t('overview.noCampaigns')}</p>
      )}
    </div>
  );
}

function ListeningBody(props: { range: ListeningRange }) {
  const { range } = props;
  const span = Date.parse(range.to) - Date.parse(range.from);
  const interval = span <= 3 * DAY ? 'hour' : 'day';
  const [loaded] = useLoad(async (signal) => {
    const [narratives, trending, sov, poaching, influencers] = await Promise.all([
      listeningApi.narratives(range, signal),
      listeningApi.trending(range, signal),
      listeningApi.shareOfVoice(range, interval, signal),
      listeningApi.poaching(range, signal),
      listeningApi.influencers(range, signal),
    ]);
    return { narratives, trending, sov, poaching, influencers };
  }, `${range.campaignId}/${range.from}/${range.to}`);
  if (loaded.status === 'loading') return <Loading />;
  if (loaded.status === 'failed') return <ErrorAlert error={loaded.error} />;
  const data = loaded.data;
  return (
    <div className="listening-body" data-ready="true">
      <NarrativesPanel narratives={data.narratives} />
      <div className="listening-grid">
        <ShareOfVoicePanel sov={data.sov} interval={interval} />
        <TrendingPanel trending={data.trending} />
      </div>
      <AspectsPanel aspects={data.sov.aspects} />
      <div className="listening-grid">
        <PoachingPanel poaching={data.poaching} />
        <InfluencersPanel influencers={data.influencers} />
      </div>
    </div>
  );
}

/** A titled panel of the listening screen. */
function Panel(props: { id: string; title: string; className?: string; children: ReactNode }) {
  return (
    <section
      className={['panel', props.className ?? ''].filter(Boolean).join(' ')}
      aria-labelledby={`${props.id}-title`}
    >
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      {props.children}
    </section>
  );
}

function NumericHeader(props: { children: ReactNode }) {
  return (
    <th scope="col" className="numeric">
      {props.children}
    </th>
  );
}

function NarrativesPanel(props: { narratives: Narratives }) {
  const translator = useI18n();
  const { t, tn, locale } = translator;
  const format = formatterFor(locale);
  const { narratives, languages, sampled } = props.narratives;
  return (
    <Panel id="narratives" title={t('listening.narratives.title')}>
      <p className="muted">
        {languages
          .map((row) =>
            t('listening.narratives.languageCoverage', {
              language: languageName(translator, row.language),
              posts: format.number(row.posts),
              clustered: format.number(row.clustered),
            }),
          )
          .join(' · ')}
        {sampled ? ` ${t('listening.narratives.sampled')}` : ''}
      </p>
      {narratives.length === 0 ? (
        <p className="empty">{t('listening.narratives.none')}</p>
      ) : (
        <ol className="narrative-list">
          {narratives.map((narrative) => (
            <li key={narrative.key} className="narrative" data-language={narrative.language}>
              <div className="narrative-head">
                <h3 className="narrative-label" lang={narrative.language}>
                  {narrative.label}
                </h3>
                <span className="badge">{languageName(translator, narrative.language)}</span>
                {narrative.isNew ? (
                  <span className="badge is-new">{t('listening.narratives.new')}</span>
                ) : (
                  <span className="badge quiet">{t('listening.narratives.known')}</span>
                )}
              </div>
              <dl className="narrative-facts">
                <dt>{t('overview.posts')}</dt>
                <dd>
                  {tn('listening.narratives.posts', narrative.posts)} ({format.percent(narrative.share)})
                </dd>
                <dt>{t('listening.narratives.growth')}</dt>
                <dd>
                  {narrative.isNew
                    ? t('listening.narratives.growthNew', {
                        expected: format.number(Math.round(narrative.baselineExpected)),
                      })
                    : t('listening.narratives.growthRate', { rate: format.score(narrative.growthRate) })}
                </dd>
                <dt>{t('listening.narratives.firstSeen')}</dt>
                <dd>
                  <time dateTime={narrative.firstSeenAt}>{format.dateTime(narrative.firstSeenAt)}</time>
                </dd>
                <dt>{t('overview.sentiment')}</dt>
                <dd>
                  <SentimentBar counts={narrative.sentiment} />
                </dd>
              </dl>
              <ul
                className="chips"
                aria-label={t('listening.narratives.keyPhrases')}
                lang={narrative.language}
              >
                {narrative.keyPhrases.slice(0, 8).map((phrase) => (
                  <li key={phrase.phrase} className="chip">
                    {phrase.phrase} <span className="muted-inline">{format.number(phrase.posts)}</span>
                  </li>
                ))}
              </ul>
              {narrative.representativePosts.length > 0 ? (
                <details className="narrative-posts">
                  <summary>
                    {tn('listening.narratives.examples', narrative.representativePosts.length)}
                  </summary>
                  <ul>
                    {narrative.representativePosts.map((post) => (
                      <li key={post.id}>
                        <p className="post-text" lang={narrative.language}>
                          {post.text}
                        </p>
                        <span className="post-handle">@{post.handle}</span>{' '}
                        <time dateTime={post.createdAt}>{format.dateTime(post.createdAt)}</time>
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}

function ShareOfVoicePanel(props: { sov: ShareOfVoice; interval: 'hour' | 'day' }) {
  const { t, locale } = useI18n();
  const format = formatterFor(locale);
  const { subjects, series } = props.sov;
  const ordered = [...subjects].sort((a, b) => Number(b.isBrand) - Number(a.isBrand) || b.posts - a.posts);
  return (
    <Panel id="sov" title={t('listening.sov.title')} className="share-of-voice">
      {ordered.length === 0 ? (
        <p className="empty">{t('listening.sov.none')}</p>
      ) : (
        <>
          <table className="bar-table sov-table">
            <thead>
              <tr>
                <th scope="col">{t('listening.sov.subject')}</th>
                <NumericHeader>{t('overview.posts')}</NumericHeader>
                <NumericHeader>{t('listening.sov.share')}</NumericHeader>
                <NumericHeader>{t('listening.sov.net')}</NumericHeader>
                <th scope="col">{t('overview.sentiment')}</th>
              </tr>
            </thead>
            <tbody>
              {ordered.map((subject) => (
                <tr key={subject.subject} data-subject={subject.subject}>
                  <th scope="row">
                    <span className="bar-label">
                      {subject.subject}
                      {subject.isBrand ? ` (${t('listening.sov.brand')})` : ''}
                    </span>
                    <span className="bar" aria-hidden="true" style={{ width: `${subject.share * 100}%` }} />
                  </th>
                  <td className="numeric">{format.number(subject.posts)}</td>
                  <td className="numeric">{format.percent(subject.share)}</td>
                  <td className="numeric">{format.score(subject.netSentiment)}</td>
                  <td>
                    <SentimentBar counts={subject.sentiment} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <ShareOfVoiceChart subjects={ordered} series={series} interval={props.interval} />
        </>
      )}
    </Panel>
  );
}

function TrendingPanel(props: { trending: { phrases: TrendingTerm[]; hashtags: TrendingTerm[] } }) {
  const { t } = useI18n();
  return (
    <Panel id="trending" title={t('listening.trending.title')}>
      <TrendingTable title={t('listening.trending.phrases')} terms={props.trending.phrases.slice(0, 12)} />
      <TrendingTable title={t('listening.trending.hashtags')} terms={props.trending.hashtags.slice(0, 8)} />
    </Panel>
  );
}

interface TrendingTerm {
  term: string;
  language: string;
  posts: number;
  expected: number;
  lift: number;
}

function TrendingTable(props: { title: string; terms: TrendingTerm[] }) {
  const translator = useI18n();
  const { t, locale } = translator;
  const format = formatterFor(locale);
  return (
    <>
      <h3 className="detail-section-title">{props.title}</h3>
      {props.terms.length === 0 ? (
        <p className="muted">{t('listening.trending.none')}</p>
      ) : (
        <table className="data-table trending-table">
          <thead>
            <tr>
              <th scope="col">{t('listening.trending.term')}</th>
              <th scope="col">{t('overview.language')}</th>
              <NumericHeader>{t('overview.posts')}</NumericHeader>
              <NumericHeader>{t('listening.trending.expected')}</NumericHeader>
              <NumericHeader>{t('listening.trending.lift')}</NumericHeader>
            </tr>
          </thead>
          <tbody>
            {props.terms.map((term) => (
              <tr key={`${term.language}/${term.term}`}>
                <th scope="row" lang={term.language}>
                  {term.term}
                </th>
                <td>{languageName(translator, term.language)}</td>
                <td className="numeric">{format.number(term.posts)}</td>
                <td className="numeric">{format.score(term.expected)}</td>
                <td className="numeric">
                  {t('listening.trending.times', { lift: format.score(term.lift) })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function AspectsPanel(props: { aspects: ShareOfVoice['aspects'] }) {
  const translator = useI18n();
  const { t, locale } = translator;
  const format = formatterFor(locale);
  const rows = [...props.aspects]
    .filter((row) => row.posts > 0)
    .sort((a, b) => Number(b.signal !== 'none') - Number(a.signal !== 'none') || b.negative - a.negative)
    .slice(0, 20);
  return (
    <Panel id="aspects" title={t('listening.aspects.title')}>
      <p className="muted">{t('listening.aspects.explain')}</p>
      {rows.length === 0 ? (
        <p className="empty">{t('listening.aspects.none')}</p>
      ) : (
        <table className="data-table aspects-table">
          <thead>
            <tr>
              <th scope="col">{t('mentions.aspects')}</th>
              <th scope="col">{t('listening.sov.subject')}</th>
              <NumericHeader>{t('overview.posts')}</NumericHeader>
              <NumericHeader>{t('listening.aspects.negativeShare')}</NumericHeader>
              <NumericHeader>{t('listening.aspects.trend')}</NumericHeader>
              <th scope="col">{t('listening.aspects.signal')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.aspect}/${row.subject}`}>
                <th scope="row">{analysisLabel(translator, 'aspect', row.aspect)}</th>
                <td>{row.subject}</td>
                <td className="numeric">{format.number(row.posts)}</td>
                <td className="numeric">{format.percent(row.negativeShare)}</td>
                <td className="numeric">
                  {row.negativeTrend > 0 ? '+' : ''}
                  {format.number(row.negativeTrend)}
                </td>
                <td>
                  {row.signal === 'none' ? (
                    <span className="muted">{t('common.none')}</span>
                  ) : (
                    <span className={`badge signal-${row.signal}`}>
                      {t(
                        row.signal === 'opportunity'
                          ? 'listening.aspects.opportunity'
                          : 'listening.aspects.risk',
                      )}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

function PoachingPanel(props: { poaching: Poaching }) {
  const { t, locale } = useI18n();
  const format = formatterFor(locale);
  const { totals, findings } = props.poaching;
  return (
    <Panel id="poaching" title={t('listening.poaching.title')}>
      {totals.length === 0 && findings.length === 0 ? (
        <p className="empty">{t('listening.poaching.none')}</p>
      ) : (
        <>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('listening.poaching.competitor')}</th>
                <NumericHeader>{t('listening.poaching.competitorReply')}</NumericHeader>
                <NumericHeader>{t('listening.poaching.staffReply')}</NumericHeader>
                <NumericHeader>{t('listening.poaching.switch')}</NumericHeader>
              </tr>
            </thead>
            <tbody>
              {totals.map((row) => (
                <tr key={row.competitor}>
                  <th scope="row">{row.competitor}</th>
                  <td className="numeric">{format.number(row.competitorReplies)}</td>
                  <td className="numeric">{format.number(row.suspectedStaffReplies)}</td>
                  <td className="numeric">{format.number(row.switchAnnouncements)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <ul className="poaching-findings">
            {findings.slice(0, 10).map((finding) => (
              <li key={`${finding.kind}/${finding.post.id}`} className="poaching-finding">
                <p>
                  <span className="badge">{t(POACHING_LABEL[finding.kind])}</span>{' '}
                  <strong>{finding.competitor}</strong>{' '}
                  <time dateTime={finding.createdAt}>{format.dateTime(finding.createdAt)}</time>
                </p>
                <p className="evidence">{t('listening.poaching.evidence', { evidence: finding.evidence })}</p>
                <blockquote className="post-text">
                  <span className="post-handle">@{finding.post.handle}</span> {finding.post.text}
                </blockquote>
                {finding.target ? (
                  <p className="muted">
                    {t(
                      finding.target.isComplaint
                        ? 'listening.poaching.inReplyToComplaint'
                        : 'listening.poaching.inReplyTo',
                    )}{' '}
                    <span className="post-handle">@{finding.target.handle}</span>: {finding.target.text}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </Panel>
  );
}

function InfluencersPanel(props: { influencers: Influencers }) {
  const { t, locale } = useI18n();
  const format = formatterFor(locale);
  const authors = props.influencers.authors;
  return (
    <Panel id="influencers" title={t('listening.influencers.title')}>
      {authors.length === 0 ? (
        <p className="empty">{t('listening.influencers.none')}</p>
      ) : (
        <table className="data-table influencers-table">
          <thead>
            <tr>
              <th scope="col">{t('listening.influencers.author')}</th>
              <NumericHeader>{t('listening.influencers.reach')}</NumericHeader>
              <NumericHeader>{t('listening.influencers.engagement')}</NumericHeader>
              <NumericHeader>{t('overview.posts')}</NumericHeader>
              <th scope="col">{t('listening.influencers.sentiment')}</th>
            </tr>
          </thead>
          <tbody>
            {authors.map((author) => (
              <tr key={`${author.platform}/${author.handle}`}>
                <th scope="row">
                  {author.displayName ?? author.handle} <span className="post-handle">@{author.handle}</span>
                  {author.role !== 'community' ? (
                    <span className="badge">{t(ROLE_LABEL[author.role])}</span>
                  ) : null}
                  {author.verified ? <span className="badge">{t('mentions.verified')}</span> : null}
                </th>
                <td className="numeric">{format.number(author.followers)}</td>
                <td className="numeric">{format.number(author.engagement)}</td>
                <td className="numeric">{format.number(author.posts)}</td>
                <td>
                  <SentimentBar counts={author.sentiment} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
