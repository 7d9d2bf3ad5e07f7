import type { IncidentDetail } from '@ombud/contract';
import type { SignalPoint } from '../../api/crisis.api.ts';
import { languageName } from '../../components/language-name.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatterFor } from '../../i18n/format.ts';
import type { MessageKey } from '../../i18n/messages.en.ts';

const WIDTH = 720;
const HEIGHT = 180;
const PAD = { left: 36, right: 10, top: 16, bottom: 22 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;
const HOUR = 3_600_000;

export interface Marker {
  at: string;
  label: MessageKey;
  language?: string;
}

/** The incident's moments worth a line on the chart: start, detection per language, acknowledgement, resolution. */
export function incidentMarkers(incident: IncidentDetail): Marker[] {
  const markers: Marker[] = [{ at: incident.startedAt, label: 'crisis.marker.started' }];
  for (const episode of incident.episodes) {
    markers.push({ at: episode.detectedAt, label: 'crisis.marker.detected', language: episode.language });
  }
  if (incident.acknowledgedAt)
    markers.push({ at: incident.acknowledgedAt, label: 'crisis.marker.acknowledged' });
  if (incident.resolvedAt) markers.push({ at: incident.resolvedAt, label: 'crisis.marker.resolved' });
  return markers;
}

/** Posts per hour around the incident (crisis-vocabulary posts darker), with its moments as markers. */
export function IncidentVolumeChart(props: {
  points: readonly SignalPoint[];
  from: number;
  to: number;
  markers: readonly Marker[];
}) {
  const translator = useI18n();
  const { t } = translator;
  const format = formatterFor(translator.locale);
  const hours = Math.max(1, Math.round((props.to - props.from) / HOUR));
  const byHour = new Map<number, { posts: number; risk: number }>();
  for (const point of props.points) {
    const index = Math.floor((Date.parse(point.time) - props.from) / HOUR);
    if (index < 0 || index >= hours) continue;
    const slot = byHour.get(index) ?? { posts: 0, risk: 0 };
    slot.posts += point.posts;
    slot.risk += point.riskPosts;
    byHour.set(index, slot);
  }
  const max = Math.max(1, ...[...byHour.values()].map((slot) => slot.posts));
  const slot = PLOT_W / hours;
  const x = (time: number) => PAD.left + ((time - props.from) / (props.to - props.from)) * PLOT_W;
  const y = (value: number) => PAD.top + PLOT_H - (value / max) * PLOT_H;
  const total = [...byHour.values()].reduce((sum, s) => sum + s.posts, 0);
  const risk = [...byHour.values()].reduce((sum, s) => sum + s.risk, 0);
  const markerText = (marker: Marker) =>
    `${t(marker.label, { language: marker.language ? languageName(translator, marker.language) : '' })} ${format.dateTime(marker.at)}`;
  const summary = t('crisis.chartSummary', {
    from: format.dateTime(new Date(props.from).toISOString()),
    to: format.dateTime(new Date(props.to).toISOString()),
    total,
    risk,
    peak: max,
    markers: props.markers.map(markerText).join('; '),
  });
  const dayFormat = new Intl.DateTimeFormat(translator.locale, { day: 'numeric', month: 'short' });
  const ticks: number[] = [];
  const firstMidnight = Math.ceil(props.from / (24 * HOUR)) * 24 * HOUR;
  for (let at = firstMidnight; at < props.to; at += 24 * HOUR) ticks.push(at);
  return (
    <figure className="crisis-chart">
      <svg className="crisis-chart-svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary}>
        <text className="chart-max" x={PAD.left - 4} y={PAD.top + 8} textAnchor="end" aria-hidden="true">
          {format.number(max)}
        </text>
        {[...byHour.entries()].map(([index, value]) => (
          <g key={index}>
            <rect
              className="bar-posts"
              x={PAD.left + index * slot}
              y={y(value.posts)}
              width={Math.max(0.5, slot - 0.5)}
              height={PAD.top + PLOT_H - y(value.posts)}
            />
            {value.risk > 0 ? (
              <rect
                className="bar-risk"
                x={PAD.left + index * slot}
                y={y(value.risk)}
                width={Math.max(0.5, slot - 0.5)}
                height={PAD.top + PLOT_H - y(value.risk)}
              />
            ) : null}
          </g>
        ))}
        <g className="chart-axis" aria-hidden="true">
          <line x1={PAD.left} x2={WIDTH - PAD.right} y1={PAD.top + PLOT_H} y2={PAD.top + PLOT_H} />
          {ticks.map((at) => (
            <text key={at} x={x(at)} y={HEIGHT - 6} textAnchor="middle">
              {dayFormat.format(new Date(at))}
            </text>
          ))}
        </g>
        {props.markers.map((marker, index) => {
          const at = Date.parse(marker.at);
          if (at < props.from || at > props.to) return null;
          return (
            <g
              key={`${marker.label}-${index}`}
              className={`incident-marker ${marker.label.replace(/\./g, '-')}`}
            >
              <title>{markerText(marker)}</title>
              <line x1={x(at)} x2={x(at)} y1={PAD.top - 6} y2={PAD.top + PLOT_H} />
              <text x={x(at) + 3} y={PAD.top - 6 + (index % 2) * 10} aria-hidden="true">
                {index + 1}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="legend">
          <li>
            <span className="swatch bar-posts" />
            {t('crisis.legendPosts')}
          </li>
          <li>
            <span className="swatch bar-risk" />
            {t('crisis.legendRisk')}
          </li>
        </ul>
        <ol className="marker-list">
          {props.markers.map((marker, index) => (
            <li key={`${marker.label}-${index}`}>{markerText(marker)}</li>
          ))}
        </ol>
      </figcaption>
    </figure>
  );
}
