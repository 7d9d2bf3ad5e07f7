import type { ReadinessAssessmentResponse } from '@ombud/contract';
import { fillTemplate, type ReadinessLocale } from '@ombud/core';
import { READINESS_REPORT_TEXT } from './readiness-report.text.ts';

/**
 * The readiness report as one self-contained HTML document: inline CSS, charts as inline SVG drawn
 * here, no script, no external resource. Every value that comes from users or posts is escaped.
 */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

const PALETTE = ['#1f5fa8', '#c2571a', '#2f8a3b', '#8a3fa0', '#a0862f', '#3f8a8a'];
const LEVEL_COLOURS = { low: '#2f8a3b', medium: '#c29a1a', high: '#b3261e' } as const;
const STATUS_CLASS = { pass: 'ok', partial: 'part', fail: 'bad', not_configured: 'bad' } as const;

interface Series {
  readonly name: string;
  readonly colour: string;
  readonly values: readonly number[];
  readonly low?: readonly number[];
  readonly high?: readonly number[];
  readonly step?: boolean;
  readonly dashed?: boolean;
}

interface ChartOptions {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** Label of x index i. */
  readonly xTick: (index: number) => string;
  readonly xOffset?: number;
  readonly shade?: { readonly from: number; readonly to: number; readonly label: string };
  readonly format: (value: number) => string;
}

const WIDTH = 720;
const HEIGHT = 240;
const PAD = { left: 56, right: 16, top: 16, bottom: 40 };

function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const scaled = value / power;
  const nice = scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 2.5 ? 2.5 : scaled <= 5 ? 5 : 10;
  return nice * power;
}

/** A line chart with optional p10–p90 bands, as an SVG string with a title and a legend. */
function lineChart(series: readonly Series[], options: ChartOptions): string {
  const count = Math.max(1, ...series.map((s) => s.values.length));
  const yMax = niceMax(Math.max(0, ...series.flatMap((s) => [...s.values, ...(s.high ?? [])])));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (count <= 1 ? 0 : (i / (count - 1)) * plotW);
  const y = (v: number) => PAD.top + plotH - (Math.max(0, v) / yMax) * plotH;
  const fixed = (n: number) => n.toFixed(1);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" role="img" aria-label="${escapeHtml(options.title)}">`,
    `<title>${escapeHtml(options.title)}</title>`,
  );
  if (options.shade) {
    const from = x(Math.max(0, options.shade.from));
    const to = x(Math.min(count - 1, options.shade.to));
    parts.push(
      `<rect x="${fixed(from)}" y="${PAD.top}" width="${fixed(Math.max(1, to - from))}" height="${plotH}" fill="#b3261e" fill-opacity="0.08"/>`,
      `<text x="${fixed(from + 4)}" y="${PAD.top + 12}" font-size="10" fill="#b3261e">${escapeHtml(options.shade.label)}</text>`,
    );
  }
  for (let k = 0; k <= 4; k++) {
    const value = (yMax * k) / 4;
    parts.push(
      `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${fixed(y(value))}" y2="${fixed(y(value))}" stroke="#ddd"/>`,
      `<text x="${PAD.left - 6}" y="${fixed(y(value) + 3)}" font-size="10" text-anchor="end" fill="#555">${escapeHtml(options.format(value))}</text>`,
    );
  }
  const ticks = Math.min(8, count);
  for (let k = 0; k < ticks; k++) {
    const index = Math.round((k / Math.max(1, ticks - 1)) * (count - 1));
    parts.push(
      `<text x="${fixed(x(index))}" y="${HEIGHT - PAD.bottom + 14}" font-size="10" text-anchor="${k === 0 ? 'start' : k === ticks - 1 ? 'end' : 'middle'}" fill="#555">${escapeHtml(options.xTick(index))}</text>`,
    );
  }
  parts.push(
    `<text x="${PAD.left + plotW / 2}" y="${HEIGHT - 6}" font-size="11" text-anchor="middle" fill="#333">${escapeHtml(options.xLabel)}</text>`,
    `<text x="12" y="${PAD.top + plotH / 2}" font-size="11" text-anchor="middle" fill="#333" transform="rotate(-90 12 ${PAD.top + plotH / 2})">${escapeHtml(options.yLabel)}</text>`,
  );
  for (const s of series) {
    if (s.low && s.high) {
      const upper = s.high.map((v, i) => `${fixed(x(i))},${fixed(y(v))}`);
      const lower = s.low.map((v, i) => `${fixed(x(i))},${fixed(y(v))}`).reverse();
      parts.push(
        `<polygon points="${[...upper, ...lower].join(' ')}" fill="${s.colour}" fill-opacity="0.15" stroke="none"/>`,
      );
    }
  }
  for (const s of series) {
    const points: string[] = [];
    s.values.forEach((v, i) => {
      if (s.step && i > 0) points.push(`${fixed(x(i))},${fixed(y(s.values[i - 1]!))}`);
      points.push(`${fixed(x(i))},${fixed(y(v))}`);
    });
    parts.push(
      `<polyline points="${points.join(' ')}" fill="none" stroke="${s.colour}" stroke-width="1.6"${s.dashed ? ' stroke-dasharray="5 3"' : ''}/>`,
    );
  }
  parts.push(
    `<rect x="${PAD.left}" y="${PAD.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`,
  );
  parts.push('</svg>');
  const legend = series
    .map(
      (s) =>
        `<span class="key"><span class="swatch" style="background:${s.colour}"></span>${escapeHtml(s.name)}</span>`,
    )
    .join(' ');
  return `<figure>${parts.join('')}<figcaption>${legend}</figcaption></figure>`;
}

/** Horizontal bars: each risk's score, coloured by level. */
function riskBars(
  risks: ReadinessAssessmentResponse['risks'],
  title: string,
  format: (value: number) => string,
): string {
  const rowH = 26;
  const labelW = 220;
  const barW = WIDTH - labelW - 70;
  const height = risks.length * rowH + 10;
  const rows = risks.map((risk, i) => {
    const top = 5 + i * rowH;
    const width = Math.max(2, risk.score * barW);
    return (
      `<text x="${labelW - 8}" y="${top + 16}" font-size="12" text-anchor="end" fill="#222">${escapeHtml(risk.title)}</text>` +
      `<rect x="${labelW}" y="${top + 4}" width="${barW}" height="16" fill="#eee"/>` +
      `<rect x="${labelW}" y="${top + 4}" width="${width.toFixed(1)}" height="16" fill="${LEVEL_COLOURS[risk.level]}"/>` +
      `<text x="${labelW + barW + 6}" y="${top + 16}" font-size="12" fill="#222">${escapeHtml(format(risk.score))}</text>`
    );
  });
  return (
    `<figure><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-label="${escapeHtml(title)}">` +
    `<title>${escapeHtml(title)}</title>${rows.join('')}</svg></figure>`
  );
}

const STYLE = `
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #1b1b1b; font-size: 11.5px; line-height: 1.4; margin: 0 auto; max-width: 980px; padding: 16px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 22px 0 8px; border-bottom: 2px solid #1f5fa8; padding-bottom: 3px; break-after: avoid; }
h3 { font-size: 13px; margin: 14px 0 6px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0; }
th, td { border: 1px solid #ccc; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f1f4f8; }
tr { break-inside: avoid; }
figure { margin: 8px 0; break-inside: avoid; }
figcaption { font-size: 11px; color: #333; }
.key { margin-right: 14px; white-space: nowrap; }
.swatch { display: inline-block; width: 10px; height: 10px; margin-right: 4px; vertical-align: middle; }
.meta { color: #444; margin: 2px 0; }
.gate { padding: 8px 10px; border-radius: 4px; font-weight: bold; margin: 10px 0; }
.gate.blocked { background: #fbe4e2; color: #7d1a14; border: 1px solid #b3261e; }
.gate.open { background: #e3f3e5; color: #1d5a26; border: 1px solid #2f8a3b; }
.ok { color: #1d5a26; font-weight: bold; }
.part { color: #7a5c00; font-weight: bold; }
.bad { color: #7d1a14; font-weight: bold; }
.level-high { color: #7d1a14; font-weight: bold; }
.level-medium { color: #7a5c00; font-weight: bold; }
.level-low { color: #1d5a26; font-weight: bold; }
ul { margin: 0; padding-left: 16px; }
.small { font-size: 10.5px; color: #444; }
footer { margin-top: 24px; font-size: 10px; color: #666; }
`;

/** Renders the report for an assessment, in its locale. */
export function renderReadinessReportHtml(report: ReadinessAssessmentResponse): string {
  const locale: ReadinessLocale = report.locale;
  const t = READINESS_REPORT_TEXT[locale];
  const numberFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const pct = (value: number | null) =>
    value === null
      ? '—'
      : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
  const when = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(
      new Date(iso),
    ) + ' UTC';
  const launch = Date.parse(report.forecast.launchAt);
  const dayTick = (hour: number) =>
    new Intl.DateTimeFormat(locale, {
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      timeZone: 'UTC',
    }).format(new Date(launch + hour * 3_600_000));
  const questionById = new Map(report.questions.map((q) => [q.id, q]));
  const riskTitle = new Map(report.risks.map((r) => [r.risk, r.title]));

  const sections: string[] = [];

  // Header, gate and decision.
  const decision = report.gate.latestDecision;
  sections.push(
    `<header><h1>${escapeHtml(t.title)}</h1>` +
      `<p class="meta">${escapeHtml(t.campaign)}: <strong>${escapeHtml(report.campaignName)}</strong></p>` +
      `<p class="meta">${escapeHtml(t.assessedAt)}: ${escapeHtml(when(report.assessedAt))} · ${escapeHtml(t.overallScore)}: <strong>${escapeHtml(pct(report.score))}</strong></p>` +
      `<div class="gate ${report.gate.blocked ? 'blocked' : 'open'}" id="gate">${escapeHtml(t.gate)}: ${escapeHtml(report.gate.blocked ? t.gateBlocked : t.gateOpen)}</div>` +
      (report.gate.failingCritical.length > 0
        ? `<p>${escapeHtml(t.failingCritical)}:</p><ul>${report.gate.failingCritical
            .map((id) => `<li>${escapeHtml(questionById.get(id)?.question ?? id)}</li>`)
            .join('')}</ul>`
        : '') +
      `<h3>${escapeHtml(t.decision)}</h3>` +
      (decision === null
        ? `<p>${escapeHtml(t.noDecision)}</p>`
        : `<p><strong>${escapeHtml(decision.decision === 'go' ? t.decisionGo : t.decisionNoGo)}</strong> · ${escapeHtml(t.signedBy)}: ${escapeHtml(decision.signedByName)} · ${escapeHtml(when(decision.signedAt))}</p>` +
          `<p>${escapeHtml(t.reason)}: ${escapeHtml(decision.reason)}</p>`) +
      `</header>`,
  );

  // Risk register.
  sections.push(
    `<section id="risk-register"><h2>${escapeHtml(t.riskRegister)}</h2>` +
      riskBars(report.risks, t.riskRegister, pct) +
      `<table><thead><tr><th>${escapeHtml(t.risk)}</th><th>${escapeHtml(t.level)}</th><th>${escapeHtml(t.score)}</th><th>${escapeHtml(t.failing)}</th></tr></thead><tbody>` +
      report.risks
        .map(
          (risk) =>
            `<tr><td><strong>${escapeHtml(risk.title)}</strong><div class="small">${escapeHtml(risk.explanation)}</div></td>` +
            `<td class="level-${risk.level}">${escapeHtml(t.levels[risk.level])}</td>` +
            `<td>${escapeHtml(pct(risk.score))}</td><td>${escapeHtml(risk.failing)}</td></tr>`,
        )
        .join('') +
      `</tbody></table>` +
      `<h3>${escapeHtml(t.questionnaire)}</h3>` +
      `<table><thead><tr><th>${escapeHtml(t.question)}</th><th>${escapeHtml(t.status)}</th><th>${escapeHtml(t.evidence)}</th></tr></thead><tbody>` +
      report.questions
        .map(
          (q) =>
            `<tr><td>${escapeHtml(q.question)}<div class="small">${escapeHtml(riskTitle.get(q.risk) ?? q.risk)} · ${escapeHtml(t.weight)} ${escapeHtml(q.weight)}${q.critical ? ` · ${escapeHtml(t.critical)}` : ''}</div></td>` +
            `<td class="${STATUS_CLASS[q.status]}">${escapeHtml(t.statuses[q.status])}</td>` +
            `<td><ul>${q.evidence.map((e) => `<li>${escapeHtml(e.text)}</li>`).join('')}</ul>` +
            (q.note === null ? '' : `<div class="small">${escapeHtml(t.note)}: ${escapeHtml(q.note)}</div>`) +
            `</td></tr>`,
        )
        .join('') +
      `</tbody></table></section>`,
  );

  // Forecast.
  const forecast = report.forecast;
  const forecastSeries: Series[] = forecast.languages.map((language, i) => ({
    name: language,
    colour: PALETTE[i % PALETTE.length]!,
    values: forecast.hours.map((h) => h.arrivals[language]?.p50 ?? 0),
    low: forecast.hours.map((h) => h.arrivals[language]?.p10 ?? 0),
    high: forecast.hours.map((h) => h.arrivals[language]?.p90 ?? 0),
  }));
  sections.push(
    `<section id="forecast"><h2>${escapeHtml(t.forecast)}</h2>` +
      `<p>${escapeHtml(forecast.source === 'history' ? t.forecastSourceHistory : t.forecastSourceCampaign)}` +
      (forecast.usesDefaults ? ` <strong>${escapeHtml(t.forecastDefaults)}</strong>` : '') +
      `</p>` +
      lineChart(forecastSeries, {
        title: t.forecast,
        xLabel: t.hoursSinceLaunch,
        yLabel: t.itemsPerHour,
        xTick: dayTick,
        format: (v) => numberFormat.format(v),
      }) +
      `<table><thead><tr><th>${escapeHtml(t.language)}</th><th>${escapeHtml(t.expectedItems)}</th><th>${escapeHtml(t.band)}</th></tr></thead><tbody>` +
      forecast.languages
        .map((language) => {
          const total = forecast.totals[language] ?? { p10: 0, p50: 0, p90: 0 };
          return `<tr><td>${escapeHtml(language)}</td><td>${escapeHtml(integer.format(total.p50))}</td><td>${escapeHtml(integer.format(total.p10))}–${escapeHtml(integer.format(total.p90))}</td></tr>`;
        })
        .join('') +
      `</tbody></table></section>`,
  );

  // Staffing.
  const capacity = report.capacity;
  const staffingSeries: Series[] = [
    {
      name: t.agentsNeeded,
      colour: '#1f5fa8',
      values: capacity.staffing.hours.map((h) => h.needed),
      step: true,
    },
    {
      name: t.agentsOnDuty,
      colour: '#c2571a',
      values: capacity.staffing.hours.map((h) => h.onDuty),
      step: true,
      dashed: true,
    },
  ];
  const simulated = capacity.simulated;
  const longestClear = (hours: readonly { timeToClearSeconds: number | null }[]): string => {
    if (hours.some((h) => h.timeToClearSeconds === null)) return '∞';
    const seconds = Math.max(0, ...hours.map((h) => h.timeToClearSeconds ?? 0));
    return `${numberFormat.format(seconds / 60)} min`;
  };
  sections.push(
    `<section id="staffing"><h2>${escapeHtml(t.staffing)}</h2>` +
      `<p>${escapeHtml(t.target)}: ${escapeHtml(pct(capacity.serviceLevelTarget))} ≤ ${escapeHtml(integer.format(capacity.targetSeconds / 60))} min · AHT ${escapeHtml(integer.format(capacity.ahtSeconds))} s</p>` +
      lineChart(staffingSeries, {
        title: t.staffing,
        xLabel: t.hoursSinceLaunch,
        yLabel: t.agentsNeeded,
        xTick: dayTick,
        format: (v) => integer.format(v),
      }) +
      `<table><tbody>` +
      `<tr><th>${escapeHtml(t.peakAgents)}</th><td>${Object.entries(capacity.staffing.peakAgents)
        .map(([language, agents]) => `${escapeHtml(language)} ${escapeHtml(agents)}`)
        .join(', ')}</td></tr>` +
      `<tr><th>${escapeHtml(t.agentHours)}</th><td>${escapeHtml(integer.format(capacity.staffing.totalAgentHours))}</td></tr>` +
      (simulated === null
        ? `<tr><th>${escapeHtml(t.simulatedServiceLevel)}</th><td>${escapeHtml(t.noTeam)}</td></tr>`
        : `<tr><th>${escapeHtml(t.simulatedServiceLevel)}</th><td>${escapeHtml(pct(simulated.serviceLevel))}</td></tr>` +
          `<tr><th>${escapeHtml(t.abandonment)}</th><td>${escapeHtml(pct(simulated.abandonmentRate))}</td></tr>` +
          `<tr><th>${escapeHtml(t.peakBacklog)}</th><td>${escapeHtml(integer.format(simulated.peakBacklog))}</td></tr>` +
          `<tr><th>${escapeHtml(t.hoursBelowTarget)}</th><td>${escapeHtml(simulated.hoursBelowTarget)} / ${escapeHtml(simulated.hours.length)}</td></tr>` +
          `<tr><th>${escapeHtml(t.longestTimeToClear)}</th><td>${escapeHtml(longestClear(simulated.hours))}</td></tr>`) +
      `</tbody></table>` +
      (simulated === null
        ? ''
        : lineChart(
            [
              {
                name: t.simulatedServiceLevel,
                colour: '#2f8a3b',
                values: simulated.hours.map((h) => h.serviceLevel ?? 1),
              },
              {
                name: t.target,
                colour: '#b3261e',
                values: simulated.hours.map(() => capacity.serviceLevelTarget),
                dashed: true,
              },
            ],
            {
              title: t.simulatedServiceLevel,
              xLabel: t.hoursSinceLaunch,
              yLabel: t.simulatedServiceLevel,
              xTick: dayTick,
              format: (v) => pct(v),
            },
          )) +
      `</section>`,
  );

  // Crisis scenario.
  const crisis = report.crisis;
  const offset = crisis.hours[0]?.hour ?? 0;
  sections.push(
    `<section id="crisis"><h2>${escapeHtml(t.crisis)}</h2>` +
      `<p>${escapeHtml(
        fillTemplate(t.crisisSummary, {
          multiplier: crisis.negativeMultiplier,
          hours: crisis.durationHours,
          start: crisis.startHour,
          share: pct(crisis.negativeShare),
        }),
      )}</p>` +
      `<ul>${crisis.evidence.map((e) => `<li><strong>${escapeHtml(e.text)}</strong></li>`).join('')}</ul>` +
      lineChart(
        [
          { name: t.backlogBaseline, colour: '#1f5fa8', values: crisis.hours.map((h) => h.baseline) },
          { name: t.backlogCrisis, colour: '#b3261e', values: crisis.hours.map((h) => h.crisis) },
        ],
        {
          title: t.crisis,
          xLabel: t.hoursSinceLaunch,
          yLabel: t.itemsWaiting,
          xTick: (i) => String(i + offset),
          shade: {
            from: crisis.startHour - offset,
            to: crisis.startHour - offset + crisis.durationHours,
            label: t.crisisWindow,
          },
          format: (v) => integer.format(v),
        },
      ) +
      `</section>`,
  );

  // Open actions.
  sections.push(
    `<section id="open-actions"><h2>${escapeHtml(t.openActions)}</h2>` +
      (report.openActions.length === 0
        ? `<p>${escapeHtml(t.noOpenActions)}</p>`
        : `<table><thead><tr><th>#</th><th>${escapeHtml(t.question)}</th><th>${escapeHtml(t.risk)}</th><th>${escapeHtml(t.fix)}</th></tr></thead><tbody>` +
          report.openActions
            .map((action, i) => {
              const question = questionById.get(action.id);
              return (
                `<tr><td>${i + 1}</td><td>${escapeHtml(question?.question ?? action.id)}` +
                `<div class="small ${STATUS_CLASS[action.status as keyof typeof STATUS_CLASS] ?? 'bad'}">${escapeHtml(
                  t.statuses[action.status as keyof typeof t.statuses] ?? action.status,
                )}${action.critical ? ` · ${escapeHtml(t.critical)}` : ''}</div></td>` +
                `<td>${escapeHtml(riskTitle.get(action.risk) ?? action.risk)}</td><td>${escapeHtml(action.fix)}</td></tr>`
              );
            })
            .join('') +
          `</tbody></table>`) +
      `</section>`,
  );

  return (
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">` +
    `<title>${escapeHtml(t.title)} — ${escapeHtml(report.campaignName)}</title><style>${STYLE}</style></head>` +
    `<body>${sections.join('\n')}<footer>${escapeHtml(t.footer)}</footer></body></html>`
  );
}
