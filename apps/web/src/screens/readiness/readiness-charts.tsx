import { useI18n } from '../../i18n/i18n.tsx';
import { formatterFor } from '../../i18n/format.ts';
import { languageName } from '../../components/language-name.ts';
import type { ReadinessAssessment } from '../../api/readiness.api.ts';

const WIDTH = 720;
const HEIGHT = 200;
const PAD = { left: 40, right: 40, top: 10, bottom: 22 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;
/** Colour-blind-safe series colours (Okabe–Ito), darkened for contrast on white. */
const SERIES = ['#0b6ea8', '#b35c00', '#0f7a5a', '#a1387a', '#5b5b00', '#6b4aa8'];

function xAt(index: number, count: number): number {
  return PAD.left + (count <= 1 ? 0 : (index / (count - 1)) * PLOT_W);
}
function yAt(value: number, max: number): number {
  return PAD.top + PLOT_H - (max <= 0 ? 0 : (value / max) * PLOT_H);
}
function linePath(values: readonly number[], max: number): string {
  return values
    .map((v, i) => `${i === 0 ? 'M' : 'L'}${xAt(i, values.length).toFixed(1)},${yAt(v, max).toFixed(1)}`)
    .join('');
}
function bandPath(low: readonly number[], high: readonly number[], max: number): string {
  if (low.length === 0) return '';
  const top = high.map(
    (v, i) => `${i === 0 ? 'M' : 'L'}${xAt(i, high.length).toFixed(1)},${yAt(v, max).toFixed(1)}`,
  );
  const bottom = low.map((v, i) => `L${xAt(i, low.length).toFixed(1)},${yAt(v, max).toFixed(1)}`).reverse();
  return `${top.join('')}${bottom.join('')}Z`;
}

/** Day boundaries along the hour axis, labelled in the user's locale. */
function DayTicks(props: { at: readonly string[] }) {
  const { locale } = useI18n();
  const format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' });
  const count = props.at.length;
  const step = Math.max(24, Math.ceil(count / 8 / 24) * 24);
  const ticks: { index: number; label: string }[] = [];
  for (let index = 0; index < count; index += step) {
    const at = props.at[index];
    if (at) ticks.push({ index, label: format.format(new Date(at)) });
  }
  return (
    <g className="chart-axis" aria-hidden="true">
      <line x1={PAD.left} x2={WIDTH - PAD.right} y1={PAD.top + PLOT_H} y2={PAD.top + PLOT_H} />
      {ticks.map((tick) => (
        <text key={tick.index} x={xAt(tick.index, count)} y={HEIGHT - 6} textAnchor="middle">
          {tick.label}
        </text>
      ))}
    </g>
  );
}

/** Hourly arrivals per language: the p50 line inside its p10–p90 band. */
export function ForecastChart(props: { forecast: ReadinessAssessment['forecast'] }) {
  const translator = useI18n();
  const { t } = translator;
  const format = formatterFor(translator.locale);
  const { forecast } = props;
  const hours = forecast.hours;
  const max = Math.max(1, ...hours.flatMap((hour) => Object.values(hour.arrivals).map((band) => band.p90)));
  const totals = forecast.languages.map((language) => ({
    language,
    band: forecast.totals[language] ?? { p10: 0, p50: 0, p90: 0 },
  }));
  const summary = t('readiness.forecastSummary', {
    hours: hours.length,
    totals: totals
      .map(
        (row) =>
          `${languageName(translator, row.language)} ${format.number(Math.round(row.band.p50))} (${format.number(
            Math.round(row.band.p10),
          )}–${format.number(Math.round(row.band.p90))})`,
      )
      .join(', '),
  });
  return (
    <figure className="readiness-chart">
      <svg
        className="readiness-chart-svg forecast-chart"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={summary}
      >
        <text className="chart-max" x={PAD.left - 4} y={PAD.top + 8} textAnchor="end" aria-hidden="true">
          {format.number(Math.round(max))}
        </text>
        {forecast.languages.map((language, index) => {
          const colour = SERIES[index % SERIES.length] ?? '#0b6ea8';
          const bands = hours.map((hour) => hour.arrivals[language] ?? { p10: 0, p50: 0, p90: 0 });
          return (
            <g key={language}>
              <path
                d={bandPath(
                  bands.map((b) => b.p10),
                  bands.map((b) => b.p90),
                  max,
                )}
                fill={colour}
                fillOpacity={0.15}
                stroke="none"
              />
              <path
                d={linePath(
                  bands.map((b) => b.p50),
                  max,
                )}
                fill="none"
                stroke={colour}
                strokeWidth={1.5}
              />
            </g>
          );
        })}
        <DayTicks at={hours.map((hour) => hour.at)} />
      </svg>
      <figcaption>
        <ul className="legend">
          {forecast.languages.map((language, index) => (
            <li key={language}>
              <span className="swatch" style={{ background: SERIES[index % SERIES.length] }} />
              {languageName(translator, language)}
            </li>
          ))}
          <li>
            <span className="swatch band-swatch" />
            {t('readiness.bandLegend')}
          </li>
        </ul>
      </figcaption>
      <details className="chart-table">
        <summary>{t('readiness.showTotals')}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('readiness.language')}</th>
              <th scope="col" className="numeric">
                {t('readiness.p10')}
              </th>
              <th scope="col" className="numeric">
                {t('readiness.p50')}
              </th>
              <th scope="col" className="numeric">
                {t('readiness.p90')}
              </th>
            </tr>
          </thead>
          <tbody>
            {totals.map((row) => (
              <tr key={row.language}>
                <th scope="row">{languageName(translator, row.language)}</th>
                <td className="numeric">{format.number(Math.round(row.band.p10))}</td>
                <td className="numeric">{format.number(Math.round(row.band.p50))}</td>
                <td className="numeric">{format.number(Math.round(row.band.p90))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** Agents needed (Erlang C) against agents on duty per hour, with the simulated service level. */
export function StaffingChart(props: { capacity: ReadinessAssessment['capacity']; at: readonly string[] }) {
  const translator = useI18n();
  const { t } = translator;
  const format = formatterFor(translator.locale);
  const { capacity } = props;
  const hours = capacity.staffing.hours;
  const needed = hours.map((h) => h.needed);
  const onDuty = hours.map((h) => h.onDuty);
  const max = Math.max(1, ...needed, ...onDuty);
  const simulated = capacity.simulated;
  const levels = simulated ? simulated.hours.map((h) => h.serviceLevel) : [];
  const short = hours.filter((h) => h.onDuty < h.needed).length;
  const summary = t('readiness.staffingSummary', {
    hours: hours.length,
    peak: format.number(Math.max(0, ...needed)),
    short,
    level:
      simulated && simulated.serviceLevel !== null
        ? format.percent(simulated.serviceLevel)
        : t('common.unknown'),
    target: format.percent(capacity.serviceLevelTarget),
  });
  // Service level on its own 0–100 % scale, drawn as a dashed line; hours without arrivals are gaps.
  const levelPath = levels
    .map((level, i) =>
      level === null
        ? ''
        : `${i === 0 || levels[i - 1] === null ? 'M' : 'L'}${xAt(i, levels.length).toFixed(1)},${yAt(level, 1).toFixed(1)}`,
    )
    .join('');
  return (
    <figure className="readiness-chart">
      <svg
        className="readiness-chart-svg staffing-chart"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={summary}
      >
        <text className="chart-max" x={PAD.left - 4} y={PAD.top + 8} textAnchor="end" aria-hidden="true">
          {format.number(max)}
        </text>
        <text className="chart-max" x={WIDTH - PAD.right + 4} y={PAD.top + 8} aria-hidden="true">
          {format.percent(1)}
        </text>
        <line
          className="target-line"
          x1={PAD.left}
          x2={WIDTH - PAD.right}
          y1={yAt(capacity.serviceLevelTarget, 1)}
          y2={yAt(capacity.serviceLevelTarget, 1)}
        />
        <path d={linePath(onDuty, max)} fill="none" stroke="#0f7a5a" strokeWidth={1.5} />
        <path d={linePath(needed, max)} fill="none" stroke="#a3262a" strokeWidth={1.5} />
        {levelPath ? (
          <path d={levelPath} fill="none" stroke="#0b6ea8" strokeWidth={1.2} strokeDasharray="4 3" />
        ) : null}
        <DayTicks at={props.at.slice(0, hours.length)} />
      </svg>
      <figcaption>
        <ul className="legend">
          <li>
            <span className="swatch" style={{ background: '#a3262a' }} />
            {t('readiness.needed')}
          </li>
          <li>
            <span className="swatch" style={{ background: '#0f7a5a' }} />
            {t('readiness.onDuty')}
          </li>
          <li>
            <span className="swatch dashed-swatch" />
            {t('readiness.serviceLevel')}
          </li>
          <li>
            <span className="swatch target-swatch" />
            {t('readiness.serviceTarget', { target: format.percent(capacity.serviceLevelTarget) })}
          </li>
        </ul>
      </figcaption>
    </figure>
  );
}
