import type { Campaign, Me } from '@ombud/contract';
import { useId, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/api-client.ts';
import { readinessApi, type ReadinessAssessment, type ReadinessDecision } from '../../api/readiness.api.ts';
import { useLoad } from '../../api/use-load.ts';
import { errorText } from '../../components/error-text.ts';
import { languageName } from '../../components/language-name.ts';
import { ErrorAlert, Loading, LoadState } from '../../components/load-state.tsx';
import { ScreenHeading } from '../../components/screen-heading.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatterFor } from '../../i18n/format.ts';
import type { MessageKey } from '../../i18n/messages.en.ts';
import { ForecastChart, StaffingChart } from './readiness-charts.tsx';
import './readiness.css';

type Question = ReadinessAssessment['questions'][number];
type Status = Question['status'];

const STATUS_LABEL: Record<Status, MessageKey> = {
  pass: 'readiness.status.pass',
  partial: 'readiness.status.partial',
  fail: 'readiness.status.fail',
  not_configured: 'readiness.status.notConfigured',
};
const LEVEL_LABEL: Record<'low' | 'medium' | 'high', MessageKey> = {
  low: 'readiness.level.low',
  medium: 'readiness.level.medium',
  high: 'readiness.level.high',
};
const BREAK_LABEL: Record<string, MessageKey> = {
  'service-level': 'readiness.break.serviceLevel',
  abandonment: 'readiness.break.abandonment',
  'backlog-never-clears': 'readiness.break.backlog',
};

/** Launch readiness of one campaign: risks, answers with evidence and fixes, forecast, staffing, gate. */
export function ReadinessScreen() {
  const translator = useI18n();
  const { t } = translator;
  const selectId = useId();
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const [base] = useLoad(async () => {
    const [me, campaigns] = await Promise.all([api.me(), api.campaigns()]);
    return { me, campaigns };
  }, 'base');
  const campaigns = base.status === 'ready' ? base.data.campaigns : [];
  const campaignId = chosen ?? campaigns[0]?.id;

  return (
    <div className="screen readiness">
      <ScreenHeading title={t('nav.readiness')}>
        {campaigns.length > 0 ? (
          <div className="field inline">
            <label htmlFor={selectId}>{t('readiness.campaign')}</label>
            <select id={selectId} value={campaignId} onChange={(event) => setChosen(event.target.value)}>
              {campaigns.map((campaign) => (
                <option key={campaign.id} value={campaign.id}>
                  {campaign.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </ScreenHeading>
      <LoadState loaded={base}>
        {({ me }) =>
          campaignId === undefined ? (
            <p className="muted">{t('readiness.noCampaigns')}</p>
          ) : (
            <CampaignReadiness
              key={campaignId}
              campaign={campaigns.find((c) => c.id === campaignId)}
              campaignId={campaignId}
              me={me}
            />
          )
        }
      </LoadState>
    </div>
  );
}

function CampaignReadiness(props: { campaignId: string; campaign: Campaign | undefined; me: Me }) {
  const translator = useI18n();
  const { t, locale } = translator;
  const [loaded, reload] = useLoad(async (signal) => {
    const [assessment, decisions] = await Promise.all([
      readinessApi.assessment(props.campaignId, locale, signal),
      readinessApi.decisions(props.campaignId, signal),
    ]);
    return { assessment, decisions };
  }, `${props.campaignId}/${locale}`);

  if (loaded.status === 'loading') return <Loading text={t('readiness.assessing')} />;
  if (loaded.status === 'failed') return <ErrorAlert error={loaded.error} />;
  const { assessment, decisions } = loaded.data;
  return (
    <div className="readiness-body" data-ready="true">
      <GateSummary assessment={assessment} campaignId={props.campaignId} />
      <RiskTable assessment={assessment} />
      <section className="panel" aria-labelledby="readiness-questions">
        <h2 id="readiness-questions">{t('readiness.questions')}</h2>
        {assessment.risks.map((risk) => (
          <div key={risk.risk} className="readiness-risk-group">
            <h3>{risk.title}</h3>
            <ul className="readiness-questions">
              {assessment.questions
                .filter((question) => question.risk === risk.risk)
                .map((question) => (
                  <QuestionItem key={question.id} question={question} />
                ))}
            </ul>
          </div>
        ))}
      </section>
      <div className="readiness-grid">
        <section className="panel" aria-labelledby="readiness-forecast">
          <h2 id="readiness-forecast">{t('readiness.forecast')}</h2>
          <p className="muted">
            {t(
              assessment.forecast.source === 'history'
                ? 'readiness.sourceHistory'
                : 'readiness.sourceCampaign',
            )}
            {assessment.forecast.usesDefaults ? ` ${t('readiness.usesDefaults')}` : ''}
          </p>
          <ForecastChart forecast={assessment.forecast} />
        </section>
        <section className="panel" aria-labelledby="readiness-staffing">
          <h2 id="readiness-staffing">{t('readiness.staffing')}</h2>
          <CapacityFacts capacity={assessment.capacity} />
          <StaffingChart capacity={assessment.capacity} at={assessment.forecast.hours.map((h) => h.at)} />
        </section>
      </div>
      <CrisisScenario assessment={assessment} />
      <Decisions
        campaignId={props.campaignId}
        decisions={decisions}
        blocked={assessment.gate.blocked}
        canSign={props.me.role === 'owner'}
        onSigned={reload}
      />
    </div>
  );
}

function GateSummary(props: { assessment: ReadinessAssessment; campaignId: string }) {
  const translator = useI18n();
  const { t, locale } = translator;
  const format = formatterFor(locale);
  const { assessment } = props;
  const { gate } = assessment;
  const titles = new Map(assessment.questions.map((q) => [q.id, q.question]));
  return (
    <section className="panel readiness-gate" aria-labelledby="readiness-gate">
      <h2 id="readiness-gate">{t('readiness.gate')}</h2>
      <div className="tiles">
        <div className="tile">
          <span className="tile-value">{format.percent(assessment.score)}</span>
          <span className="tile-label">{t('readiness.score')}</span>
        </div>
        <div
          className={gate.blocked ? 'tile is-alert' : 'tile'}
          data-gate={gate.blocked ? 'blocked' : 'open'}
        >
          <span className="tile-value">
            {t(gate.blocked ? 'readiness.gateBlocked' : 'readiness.gateOpen')}
          </span>
          <span className="tile-label">
            {t('readiness.criticalFailing', { count: gate.failingCritical.length })}
          </span>
        </div>
        <div className="tile">
          <span className="tile-value">
            {gate.latestDecision ? t(`readiness.decision.${gate.latestDecision.decision}`) : '—'}
          </span>
          <span className="tile-label">{t('readiness.latestDecision')}</span>
          {gate.latestDecision ? (
            <span className="tile-note">
              {t('readiness.signedBy', {
                name: gate.latestDecision.signedByName,
                at: format.dateTime(gate.latestDecision.signedAt),
              })}
            </span>
          ) : null}
        </div>
      </div>
      {gate.failingCritical.length > 0 ? (
        <>
          <p>{t('readiness.blockedBy')}</p>
          <ul className="readiness-blockers">
            {gate.failingCritical.map((id) => (
              <li key={id}>{titles.get(id) ?? id}</li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="readiness-reports">
        {t('readiness.report')}{' '}
        <a href={readinessApi.reportUrl(props.campaignId, 'html', locale)} target="_blank" rel="noopener">
          {t('readiness.reportHtml')}
        </a>{' '}
        ·{' '}
        <a href={readinessApi.reportUrl(props.campaignId, 'pdf', locale)} download>
          {t('readiness.reportPdf')}
        </a>
      </p>
      <p className="muted">{t('readiness.assessedAt', { at: format.dateTime(assessment.assessedAt) })}</p>
    </section>
  );
}

function RiskTable(props: { assessment: ReadinessAssessment }) {
  const { t, locale } = useI18n();
  const format = formatterFor(locale);
  return (
    <section className="panel" aria-labelledby="readiness-risks">
      <h2 id="readiness-risks">{t('readiness.risks')}</h2>
      <div className="table-wrap">
        <table className="data-table readiness-risks">
          <thead>
            <tr>
              <th scope="col">{t('readiness.risk')}</th>
              <th scope="col">{t('readiness.level')}</th>
              <th scope="col" className="numeric">
                {t('readiness.score')}
              </th>
              <th scope="col" className="numeric">
                {t('readiness.failing')}
              </th>
              <th scope="col" className="numeric">
                {t('readiness.criticalFailingShort')}
              </th>
            </tr>
          </thead>
          <tbody>
            {props.assessment.risks.map((risk) => (
              <tr key={risk.risk} data-risk={risk.risk}>
                <th scope="row">
                  {risk.title}
                  <span className="risk-explanation">{risk.explanation}</span>
                </th>
                <td>
                  <span className={`badge level-${risk.level}`}>{t(LEVEL_LABEL[risk.level])}</span>
                </td>
                <td className="numeric">{format.percent(risk.score)}</td>
                <td className="numeric">{format.number(risk.failing)}</td>
                <td className="numeric">{format.number(risk.criticalFailing)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function QuestionItem(props: { question: Question }) {
  const { t } = useI18n();
  const { question } = props;
  return (
    <li className={`readiness-question status-${question.status}`} data-question={question.id}>
      <div className="question-head">
        <span className={`badge status-${question.status}`}>{t(STATUS_LABEL[question.status])}</span>
        {question.critical ? <span className="badge critical">{t('readiness.critical')}</span> : null}
        <span className="question-text">{question.question}</span>
      </div>
      <p className="question-explanation">{question.explanation}</p>
      {question.evidence.length > 0 ? (
        <div className="question-evidence">
          <span className="detail-section-title">{t('readiness.evidence')}</span>
          <ul>
            {question.evidence.map((finding, index) => (
              <li key={`${finding.code}-${index}`}>{finding.text}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {question.fix ? (
        <p className="question-fix">
          <strong>{t('readiness.fix')}</strong> {question.fix}
        </p>
      ) : null}
      {question.note ? (
        <p className="question-note">
          <strong>{t('readiness.note')}</strong> {question.note}
        </p>
      ) : null}
    </li>
  );
}

function CapacityFacts(props: { capacity: ReadinessAssessment['capacity'] }) {
  const translator = useI18n();
  const { t } = translator;
  const format = formatterFor(translator.locale);
  const { capacity } = props;
  const sim = capacity.simulated;
  return (
    <dl className="facts readiness-facts">
      <dt>{t('readiness.agents')}</dt>
      <dd>{format.number(capacity.agents)}</dd>
      <dt>{t('readiness.target')}</dt>
      <dd>
        {t('readiness.targetValue', {
          share: format.percent(capacity.serviceLevelTarget),
          minutes: format.number(Math.round(capacity.targetSeconds / 60)),
        })}
      </dd>
      <dt>{t('readiness.handleTime')}</dt>
      <dd>{t('readiness.minutes', { minutes: format.number(Math.round(capacity.ahtSeconds / 6) / 10) })}</dd>
      <dt>{t('readiness.peakAgents')}</dt>
      <dd>
        {Object.entries(capacity.staffing.peakAgents)
          .map(([language, agents]) => `${languageName(translator, language)} ${format.number(agents)}`)
          .join(', ') || t('common.none')}
      </dd>
      <dt>{t('readiness.simulatedLevel')}</dt>
      <dd>{sim && sim.serviceLevel !== null ? format.percent(sim.serviceLevel) : t('readiness.noAgents')}</dd>
      {sim ? (
        <>
          <dt>{t('readiness.abandonment')}</dt>
          <dd>{sim.abandonmentRate !== null ? format.percent(sim.abandonmentRate) : '—'}</dd>
          <dt>{t('readiness.hoursBelowTarget')}</dt>
          <dd>{format.number(sim.hoursBelowTarget)}</dd>
        </>
      ) : null}
    </dl>
  );
}

function CrisisScenario(props: { assessment: ReadinessAssessment }) {
  const translator = useI18n();
  const { t } = translator;
  const format = formatterFor(translator.locale);
  const { crisis, forecast } = props.assessment;
  const breakAt = crisis.firstBreak ? forecast.hours[crisis.firstBreak.hour]?.at : undefined;
  return (
    <section className="panel" aria-labelledby="readiness-crisis">
      <h2 id="readiness-crisis">{t('readiness.crisis')}</h2>
      <p>
        {t('readiness.crisisSetup', {
          multiplier: format.number(crisis.negativeMultiplier),
          hours: crisis.durationHours,
          share: format.percent(crisis.negativeShare),
          start: forecast.hours[crisis.startHour]?.at
            ? format.dateTime(forecast.hours[crisis.startHour]?.at ?? '')
            : String(crisis.startHour),
        })}
      </p>
      <p className={crisis.firstBreak ? 'readiness-break is-alert' : 'readiness-break'} data-first-break>
        <strong>{t('readiness.breaksFirst')}</strong>{' '}
        {crisis.firstBreak
          ? t(BREAK_LABEL[crisis.firstBreak.kind] ?? 'readiness.break.other', {
              kind: crisis.firstBreak.kind,
              at: breakAt ? format.dateTime(breakAt) : String(crisis.firstBreak.hour),
              language: crisis.firstBreak.language
                ? languageName(translator, crisis.firstBreak.language)
                : t('readiness.allLanguages'),
            })
          : t('readiness.nothingBreaks')}
      </p>
      <dl className="facts">
        <dt>{t('readiness.peakBacklog')}</dt>
        <dd>{format.number(Math.round(crisis.peakBacklog))}</dd>
        <dt>{t('readiness.backlogAtEnd')}</dt>
        <dd>{format.number(Math.round(crisis.backlogAtEnd))}</dd>
      </dl>
      {crisis.evidence.length > 0 ? (
        <ul className="readiness-crisis-evidence">
          {crisis.evidence.map((finding, index) => (
            <li key={`${finding.code}-${index}`}>{finding.text}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function Decisions(props: {
  campaignId: string;
  decisions: ReadinessDecision[];
  blocked: boolean;
  canSign: boolean;
  onSigned: () => void;
}) {
  const translator = useI18n();
  const { t } = translator;
  const format = formatterFor(translator.locale);
  const reasonId = useId();
  const [decision, setDecision] = useState<'go' | 'no_go'>('no_go');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length < 3) {
      setError(t('readiness.reasonTooShort'));
      return;
    }
    setBusy(true);
    setError(null);
    readinessApi.sign(props.campaignId, { decision, reason: reason.trim() }).then(
      () => {
        setBusy(false);
        setReason('');
        props.onSigned();
      },
      (failure: unknown) => {
        setBusy(false);
        setError(
          failure instanceof ApiError && failure.status === 409
            ? t('readiness.goRefused', { message: failure.message })
            : errorText(translator, failure),
        );
      },
    );
  };

  return (
    <section className="panel" aria-labelledby="readiness-decisions">
      <h2 id="readiness-decisions">{t('readiness.decisions')}</h2>
      {props.decisions.length === 0 ? (
        <p className="muted">{t('readiness.noDecisions')}</p>
      ) : (
        <ul className="readiness-decision-list">
          {props.decisions.map((d) => (
            <li key={d.id} data-decision={d.decision}>
              <span className={`badge decision-${d.decision}`}>{t(`readiness.decision.${d.decision}`)}</span>{' '}
              {t('readiness.signedBy', { name: d.signedByName, at: format.dateTime(d.signedAt) })}
              <span className="muted-inline">
                {' '}
                {t('readiness.decisionScore', { score: format.percent(d.score) })}
                {d.gateBlocked ? ` · ${t('readiness.wasBlocked')}` : ''}
              </span>
              <p className="decision-reason">{d.reason}</p>
            </li>
          ))}
        </ul>
      )}
      {props.canSign ? (
        <form className="readiness-sign" onSubmit={submit} noValidate>
          <fieldset>
            <legend>{t('readiness.sign')}</legend>
            <label className="radio">
              <input
                type="radio"
                name="decision"
                value="go"
                checked={decision === 'go'}
                onChange={() => setDecision('go')}
              />{' '}
              {t('readiness.decision.go')}
            </label>
            <label className="radio">
              <input
                type="radio"
                name="decision"
                value="no_go"
                checked={decision === 'no_go'}
                onChange={() => setDecision('no_go')}
              />{' '}
              {t('readiness.decision.no_go')}
            </label>
          </fieldset>
          {props.blocked && decision === 'go' ? (
            <p className="field-hint">{t('readiness.goWhileBlocked')}</p>
          ) : null}
          <div className="field">
            <label htmlFor={reasonId}>{t('readiness.reason')}</label>
            <textarea
              id={reasonId}
              rows={3}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          </div>
          {error ? (
            <p className="form-error" role="alert">
              {error}
            </p>
          ) : null}
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={busy}>
              {t('readiness.signButton')}
            </button>
          </div>
        </form>
      ) : (
        <p className="muted">{t('readiness.onlyOwnersSign')}</p>
      )}
    </section>
  );
}
