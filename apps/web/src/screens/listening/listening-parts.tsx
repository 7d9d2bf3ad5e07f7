import type { MouseEvent, ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatterFor } from '../../i18n/format.ts';

/** A link to another screen that stays in the app (the router listens to `popstate`). */
export function InAppLink(props: { to: string; className?: string; children: ReactNode }) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
    event.preventDefault();
    window.history.pushState(null, '', props.to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  };
  return (
    <a href={props.to} className={props.className} onClick={follow}>
      {props.children}
    </a>
  );
}

/** Negative / neutral / positive shares as a bar, with the numbers in words for screen readers. */
export function SentimentBar(props: { counts: { positive: number; neutral: number; negative: number } }) {
  const { t, locale } = useI18n();
  const format = formatterFor(locale);
  const { positive, neutral, negative } = props.counts;
  const total = positive + neutral + negative;
  if (total === 0) return <span className="muted">{t('sentiment.notAnalysedYet')}</span>;
  const parts = [
    { id: 'negative', value: negative, label: t('sentiment.negative') },
    { id: 'neutral', value: neutral, label: t('sentiment.neutral') },
    { id: 'positive', value: positive, label: t('sentiment.positive') },
  ];
  const description = parts.map((part) => `${part.label} ${format.percent(part.value / total)}`).join(', ');
  return (
    <span className="sentiment-stack" role="img" aria-label={description} title={description}>
      {parts.map((part) =>
        part.value > 0 ? (
          <span
            key={part.id}
            className={`bar-${part.id}`}
            style={{ width: `${(part.value / total) * 100}%` }}
          />
        ) : null,
      )}
    </span>
  );
}

export interface SovPoint {
  at: string;
  subject: string;
  posts: number;
  negative: number;
}

const WIDTH = 600;
const HEIGHT = 160;
const PAD = 4;

/**
 * Posts per bucket for each subject (the brand first) as lines, one colour each, with a legend, a
 * summary for screen readers and the same numbers as a table.
 */
export function ShareOfVoiceChart(props: {
  subjects: readonly { subject: string; isBrand: boolean }[];
  series: readonly SovPoint[];
  interval: 'hour' | 'day';
}) {
  const { t, locale } = useI18n();
  const format = formatterFor(locale);
  const times = [...new Set(props.series.map((point) => point.at))].sort();
  const bySubject = new Map<string, Map<string, SovPoint>>();
  for (const point of props.series) {
    const row = bySubject.get(point.subject) ?? new Map<string, SovPoint>();
    row.set(point.at, point);
    bySubject.set(point.subject, row);
  }
  const max = Math.max(1, ...props.series.map((point) => point.posts));
  const x = (index: number) =>
    times.length <= 1 ? WIDTH / 2 : PAD + (index / (times.length - 1)) * (WIDTH - 2 * PAD);
  const y = (posts: number) => HEIGHT - PAD - (posts / max) * (HEIGHT - 2 * PAD);
  const label = (at: string) =>
    props.interval === 'day' ? format.day(at.slice(0, 10)) : format.dateTime(at);
  const summary = t('listening.sov.chartSummary', {
    subjects: props.subjects.map((subject) => subject.subject).join(', '),
    from: times[0] ? label(times[0]) : '',
    to: times.at(-1) ? label(times.at(-1) ?? '') : '',
  });
  return (
    <figure className="sov-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={summary}>
        {props.subjects.map((subject, index) => {
          const row = bySubject.get(subject.subject);
          const points = times.map((at, i) => `${x(i).toFixed(1)},${y(row?.get(at)?.posts ?? 0).toFixed(1)}`);
          return (
            <polyline
              key={subject.subject}
              points={points.join(' ')}
              className={`sov-line sov-color-${subject.isBrand ? 'brand' : String(index % 4)}`}
              vectorEffect="non-scaling-stroke"
            />
          );
        })}
      </svg>
      <figcaption className="day-chart-axis">
        <span>{times[0] ? label(times[0]) : ''}</span>
        <ul className="legend" aria-hidden="true">
          {props.subjects.map((subject, index) => (
            <li key={subject.subject}>
              <span className={`swatch sov-color-${subject.isBrand ? 'brand' : String(index % 4)}`} />
              {subject.subject}
            </li>
          ))}
        </ul>
        <span>{times.at(-1) ? label(times.at(-1) ?? '') : ''}</span>
      </figcaption>
      <details className="chart-table">
        <summary>{t('overview.showTable')}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('listening.sov.when')}</th>
              {props.subjects.map((subject) => (
                <th scope="col" className="numeric" key={subject.subject}>
                  {t('listening.sov.postsNegative', { subject: subject.subject })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {times.map((at) => (
              <tr key={at}>
                <td>{label(at)}</td>
                {props.subjects.map((subject) => {
                  const point = bySubject.get(subject.subject)?.get(at);
                  return (
                    <td className="numeric" key={subject.subject}>
                      {`${format.number(point?.posts ?? 0)} / ${format.number(point?.negative ?? 0)}`}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
