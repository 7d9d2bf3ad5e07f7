import type { Campaign, Overview } from '@ombud/contract';
import { useEffect, useId, useState } from 'react';
import { api } from '../api/api-client.ts';
import { useLoad } from '../api/use-load.ts';
import { DayChart } from '../components/day-chart.tsx';
import { languageName } from '../components/language-name.ts';
import { LoadState } from '../components/load-state.tsx';
import { ScreenHeading } from '../components/screen-heading.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { formatterFor } from '../i18n/format.ts';
import { InAppLink } from './listening/listening-parts.tsx';
import { OverviewListeningPanels } from './listening/overview-panels.tsx';

const PERIODS = [7, 14, 30, 90] as const;
type Period = (typeof PERIODS)[number];

export function OverviewScreen() {
  const translator = useI18n();
  const { t } = translator;
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [days, setDays] = useState<Period>(30);
  const periodId = useId();
  const [loaded] = useLoad(async (signal) => {
    const [campaigns, overview] = await Promise.all([
      api.campaigns(),
      api.overview({ days, timeZone }, signal),
    ]);
    return { campaigns, overview };
  }, `${timeZone}/${days}`);

  useEffect(() => {
    // The browser test reads this mark as the overview's time to interactive.
    if (loaded.status === 'ready') performance.mark('ombud:overview-ready');
  }, [loaded.status]);

  return (
    <div className="screen overview" data-ready={loaded.status === 'ready' ? 'true' : undefined}>
      <ScreenHeading title={t('overview.title')}>
        <div className="field inline period">
          <label htmlFor={periodId}>{t('overview.period')}</label>
          <select
            id={periodId}
            value={days}
            onChange={(event) => setDays(Number(event.target.value) as Period)}
          >
            {PERIODS.map((period) => (
              <option key={period} value={period}>
                {t('overview.lastDays', { days: period })}
              </option>
            ))}
          </select>
        </div>
      </ScreenHeading>
      <LoadState loaded={loaded}>
        {(data) => (
          <OverviewBody
            campaigns={data.campaigns}
            overview={data.overview}
            days={data.overview.perDay.length}
          />
        )}
      </LoadState>
    </div>
  );
}

function OverviewBody(props: { campaigns: Campaign[]; overview: Overview; days: number }) {
  const translator = useI18n();
  const { t, tn, locale } = translator;
  const format = formatterFor(locale);
  const { campaigns, overview, days } = props;
  const inWindow = overview.perDay.reduce((sum, day) => sum + day.posts, 0);
  const analysed = overview.perLanguage.reduce(
    (sum, row) => sum + row.positive + row.neutral + row.negative,
    0,
  );
  const negative = overview.perLanguage.reduce((sum, row) => sum + row.negative, 0);
  const postsByCampaign = new Map(overview.perCampaign.map((row) => [row.campaignId, row.posts]));
  const biggestLanguage = Math.max(1, ...overview.perLanguage.map((row) => row.posts));
  return (
    <>
      <section className="tiles" aria-label={t('overview.keyFigures')}>
        <Tile label={t('overview.totalPosts')} value={format.number(overview.totalPosts)} />
        <Tile label={t('overview.postsLastDays', { days })} value={format.number(inWindow)} />
        <Tile
          label={t('overview.negativeShare')}
          value={analysed ? format.percent(negative / analysed) : '—'}
          note={t('overview.analysedOf', { analysed: overview.analysedPosts, total: overview.totalPosts })}
          tone={analysed && negative / analysed >= 0.3 ? 'alert' : undefined}
        />
        <Tile label={t('overview.languages')} value={format.number(overview.perLanguage.length)} />
        <Tile label={t('overview.campaigns')} value={format.number(campaigns.length)} />
      </section>

      <div className="overview-grid">
        <section className="panel" aria-labelledby="per-day-title">
          <h2 id="per-day-title">{t('overview.perDay', { days })}</h2>
          <DayChart days={overview.perDay} />
          <InAppLink to="/mentions" className="panel-link">
            {t('listening.overview.toMentions')}
          </InAppLink>
        </section>

        <section className="panel" aria-labelledby="per-language-title">
          <h2 id="per-language-title">{t('overview.perLanguage')}</h2>
          {overview.perLanguage.length === 0 ? (
            <p className="muted">{t('overview.noPosts')}</p>
          ) : (
            <table className="bar-table">
              <thead>
                <tr>
                  <th scope="col">{t('overview.language')}</th>
                  <th scope="col" className="numeric">
                    {t('overview.posts')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('overview.share')}
                  </th>
                  <th scope="col">{t('overview.sentiment')}</th>
                </tr>
              </thead>
              <tbody>
                {overview.perLanguage.map((row) => (
                  <tr key={row.language}>
                    <th scope="row">
                      <span className="bar-label">{languageName(translator, row.language)}</span>
                      <span
                        className="bar"
                        aria-hidden="true"
                        style={{ width: `${(row.posts / biggestLanguage) * 100}%` }}
                      />
                    </th>
                    <td className="numeric">{format.number(row.posts)}</td>
                    <td className="numeric">
                      {format.percent(overview.totalPosts ? row.posts / overview.totalPosts : 0)}
                    </td>
                    <td>
                      <SentimentStack counts={row} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <InAppLink to="/listening" className="panel-link">
            {t('listening.overview.toListening')}
          </InAppLink>
        </section>
      </div>

      <OverviewListeningPanels campaigns={campaigns} overview={overview} />

      <section className="panel" aria-labelledby="campaigns-title">
        <h2 id="campaigns-title">{tn('overview.campaignCount', campaigns.length)}</h2>
        {campaigns.length === 0 ? (
          <p className="muted">{t('overview.noCampaigns')}</p>
        ) : (
          <ul className="campaign-cards">
            {campaigns.map((campaign) => (
              <li key={campaign.id} className="campaign-card">
                <h3>{campaign.name}</h3>
                <p className="campaign-posts">
                  {tn('overview.postCount', postsByCampaign.get(campaign.id) ?? 0)}
                </p>
                <dl>
                  <dt>{t('campaign.hashtags')}</dt>
                  <dd>
                    {campaign.hashtags.length ? (
                      <ul className="chips">
                        {campaign.hashtags.map((tag) => (
                          <li key={tag} className="chip">
                            {tag}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      t('common.none')
                    )}
                  </dd>
                  <dt>{t('campaign.languages')}</dt>
                  <dd>
                    {campaign.languages.map((code) => languageName(translator, code)).join(', ') ||
                      t('common.none')}
                  </dd>
                </dl>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function Tile(props: { label: string; value: string; note?: string; tone?: 'alert' | undefined }) {
  return (
    <div className={props.tone === 'alert' ? 'tile is-alert' : 'tile'}>
      <span className="tile-value">{props.value}</span>
      <span className="tile-label">{props.label}</span>
      {props.note ? <span className="tile-note">{props.note}</span> : null}
    </div>
  );
}

/** Negative / neutral / positive shares of the analysed posts, as a bar with the numbers in words. */
function SentimentStack(props: { counts: { positive: number; neutral: number; negative: number } }) {
  const { t, locale } = useI18n();
  const format = formatterFor(locale);
  const { positive, neutral, negative } = props.counts;
  const analysed = positive + neutral + negative;
  if (analysed === 0) return <span className="muted">{t('sentiment.notAnalysedYet')}</span>;
  const parts = [
    { id: 'negative', value: negative, label: t('sentiment.negative') },
    { id: 'neutral', value: neutral, label: t('sentiment.neutral') },
    { id: 'positive', value: positive, label: t('sentiment.positive') },
  ];
  const description = parts
    .map((part) => `${part.label} ${format.percent(part.value / analysed)}`)
    .join(', ');
  return (
    <span className="sentiment-stack" role="img" aria-label={description} title={description}>
      {parts.map((part) =>
        part.value > 0 ? (
          <span
            key={part.id}
            className={`bar-${part.id}`}
            style={{ width: `${(part.value / analysed) * 100}%` }}
          />
        ) : null,
      )}
    </span>
  );
}
