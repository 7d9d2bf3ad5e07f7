import { useI18n } from '../i18n/i18n.tsx';
import { formatterFor } from '../i18n/format.ts';
import type { MessageKey } from '../i18n/messages.en.ts';

const HEIGHT = 120;
const SLOT = 12;
const BAR_GAP = 2;

export interface DayVolume {
  day: string;
  posts: number;
  positive: number;
  neutral: number;
  negative: number;
}

type Segment = 'negative' | 'neutral' | 'positive' | 'unanalysed';
const SEGMENTS: readonly { id: Segment; label: MessageKey }[] = [
  { id: 'negative', label: 'sentiment.negative' },
  { id: 'neutral', label: 'sentiment.neutral' },
  { id: 'positive', label: 'sentiment.positive' },
  { id: 'unanalysed', label: 'sentiment.unanalysed' },
];

function segmentValue(day: DayVolume, segment: Segment): number {
  return segment === 'unanalysed' ? day.posts - day.positive - day.neutral - day.negative : day[segment];
}

/** Posts per calendar day stacked by sentiment, with a table of the same numbers for screen readers. */
export function DayChart(props: { days: readonly DayVolume[] }) {
  const { t, locale } = useI18n();
  const format = formatterFor(locale);
  const days = props.days;
  const peak = days.reduce<DayVolume | undefined>(
    (best, day) => (!best || day.posts > best.posts ? day : best),
    undefined,
  );
  const max = Math.max(1, peak?.posts ?? 0);
  const width = Math.max(1, days.length) * SLOT;
  const first = days[0];
  const last = days.at(-1);
  const summary =
    first && last && peak
      ? t('overview.perDaySummary', {
          from: format.day(first.day),
          to: format.day(last.day),
          total: days.reduce((sum, day) => sum + day.posts, 0),
          peak: peak.posts,
          peakDay: format.day(peak.day),
        })
      : t('overview.noPosts');
  return (
    <figure className="day-chart">
      <svg
        viewBox={`0 0 ${width} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={summary}
        className="day-chart-svg"
      >
        {days.map((day, index) => {
          let top = HEIGHT;
          return (
            <g key={day.day}>
              <title>
                {`${format.day(day.day)}: ${format.number(day.posts)} — ${SEGMENTS.map(
                  (segment) => `${t(segment.label)} ${format.number(segmentValue(day, segment.id))}`,
                ).join(', ')}`}
              </title>
              {SEGMENTS.map((segment) => {
                const value = segmentValue(day, segment.id);
                if (value <= 0) return null;
                const height = (value / max) * (HEIGHT - 4);
                top -= height;
                return (
                  <rect
                    key={segment.id}
                    x={index * SLOT + BAR_GAP / 2}
                    y={top}
                    width={SLOT - BAR_GAP}
                    height={height}
                    className={`bar-${segment.id}`}
                  />
                );
              })}
            </g>
          );
        })}
      </svg>
      <figcaption className="day-chart-axis">
        <span>{first ? format.day(first.day) : ''}</span>
        <ul className="legend" aria-hidden="true">
          {SEGMENTS.map((segment) => (
            <li key={segment.id}>
              <span className={`swatch bar-${segment.id}`} />
              {t(segment.label)}
            </li>
          ))}
        </ul>
        <span>{last ? format.day(last.day) : ''}</span>
      </figcaption>
      <details className="chart-table">
        <summary>{t('overview.showTable')}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('overview.day')}</th>
              <th scope="col" className="numeric">
                {t('overview.posts')}
              </th>
              {SEGMENTS.map((segment) => (
                <th scope="col" className="numeric" key={segment.id}>
                  {t(segment.label)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {days.map((day) => (
              <tr key={day.day}>
                <td>{format.day(day.day, 'long')}</td>
                <td className="numeric">{format.number(day.posts)}</td>
                {SEGMENTS.map((segment) => (
                  <td className="numeric" key={segment.id}>
                    {format.number(segmentValue(day, segment.id))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
