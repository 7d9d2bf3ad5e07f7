import type { IncidentDetail, IncidentStatus, IncidentSummary, Me } from '@ombud/contract';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { api } from '../../api/api-client.ts';
import {
  crisisApi,
  type CircuitBreaker,
  type DriverPost,
  type IncidentUpdate,
  type TeamMember as UserSummary,
} from '../../api/crisis.api.ts';
import { useLoad } from '../../api/use-load.ts';
import { errorText } from '../../components/error-text.ts';
import { languageName } from '../../components/language-name.ts';
import { ErrorAlert, Loading, LoadState } from '../../components/load-state.tsx';
import { useEvidenceText } from '../../components/evidence/evidence-text.ts';
import { ScreenHeading } from '../../components/screen-heading.tsx';
import { useI18n, type Translator } from '../../i18n/i18n.tsx';
import { formatterFor } from '../../i18n/format.ts';
import type { MessageKey } from '../../i18n/messages.en.ts';
import { IncidentVolumeChart, incidentMarkers } from './incident-volume-chart.tsx';
import './crisis.css';

const HOUR = 3_600_000;
const SEVERITY: Record<IncidentSummary['severity'], MessageKey> = {
  watch: 'crisis.severity.watch',
  warning: 'crisis.severity.warning',
  critical: 'crisis.severity.critical',
};
const STATUS: Record<IncidentStatus, MessageKey> = {
  open: 'crisis.status.open',
  acknowledged: 'crisis.status.acknowledged',
  resolved: 'crisis.status.resolved',
};
const EVENT: Record<string, MessageKey> = {
  opened: 'crisis.event.opened',
  signal: 'crisis.event.signal',
  alert_raised: 'crisis.event.alertRaised',
  language_joined: 'crisis.event.languageJoined',
  escalated: 'crisis.event.escalated',
  circuit_breaker: 'crisis.event.circuitBreaker',
  playbook_step: 'crisis.event.playbookStep',
  status_changed: 'crisis.event.statusChanged',
  owner_changed: 'crisis.event.ownerChanged',
  note: 'crisis.event.note',
  statement_drafted: 'crisis.event.statementDrafted',
  statement_approved: 'crisis.event.statementApproved',
  response: 'crisis.event.response',
};
const RULE: Record<string, MessageKey> = {
  'risk-volume-spike': 'crisis.rule.riskVolume',
  'negative-share-shift': 'crisis.rule.negativeShare',
  'negative-volume-spike': 'crisis.rule.negativeVolume',
  'volume-spike': 'crisis.rule.volume',
};
const MANAGERS: readonly Me['role'][] = ['owner', 'analyst'];
const WORKERS: readonly Me['role'][] = ['owner', 'analyst', 'agent'];

function incidentTitle(incident: IncidentSummary, translator: Translator): string {
  return incident.titles[translator.locale] || incident.title;
}

/** Names of people by id; only owners may list the team, so others see "a team member" or "you". */
function personName(
  id: string | null,
  me: Me,
  users: readonly UserSummary[],
  translator: Translator,
): string {
  if (id === null) return translator.t('crisis.system');
  if (id === me.id) return translator.t('crisis.you');
  return users.find((user) => user.id === id)?.displayName ?? translator.t('crisis.teamMember');
}

/** The crisis room: incidents, and for the chosen one its evidence, drivers, playbook, statements and breaker. */
export function CrisisScreen() {
  const translator = useI18n();
  const { t } = translator;
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const [base, reloadBase] = useLoad(async (signal) => {
    const me = await api.me();
    const [incidents, users] = await Promise.all([
      crisisApi.incidents(signal),
      me.role === 'owner' ? api.users() : Promise.resolve([] as UserSummary[]),
    ]);
    return { me, incidents, users };
  }, 'crisis');
  const incidents = base.status === 'ready' ? base.data.incidents : [];
  const selectedId =
    chosen ?? (incidents.find((incident) => incident.status !== 'resolved') ?? incidents[0])?.id;

  return (
    <div className="screen crisis">
      <ScreenHeading title={t('nav.crisis')} />
      <LoadState loaded={base}>
        {({ me, users }) =>
          incidents.length === 0 ? (
            <div className="notice">
              <p className="notice-title">{t('crisis.noIncidents')}</p>
              <p>{t('crisis.noIncidentsHint')}</p>
            </div>
          ) : (
            <div className="crisis-layout">
              <IncidentList incidents={incidents} selectedId={selectedId} onSelect={setChosen} />
              {selectedId ? (
                <IncidentRoom key={selectedId} id={selectedId} me={me} users={users} onChanged={reloadBase} />
              ) : null}
            </div>
          )
        }
      </LoadState>
    </div>
  );
}

function IncidentList(props: {
  incidents: readonly IncidentSummary[];
  selectedId: string | undefined;
  onSelect: (id: string) => void;
}) {
  const translator = useI18n();
  const { t } = translator;
  const format = formatterFor(translator.locale);
  return (
    <nav className="incident-list panel" aria-labelledby="incident-list-title">
      <h2 id="incident-list-title">{t('crisis.incidents')}</h2>
      <ul>
        {props.incidents.map((incident) => (
          <li key={incident.id}>
            <button
              type="button"
              className={incident.id === props.selectedId ? 'incident-item is-selected' : 'incident-item'}
              aria-current={incident.id === props.selectedId ? 'true' : undefined}
              data-incident={incident.id}
              onClick={() => props.onSelect(incident.id)}
            >
              <span className="incident-item-title">{incidentTitle(incident, translator)}</span>
              <span className="incident-item-meta">
                <span className={`badge severity-${incident.severity}`}>
                  {t(SEVERITY[incident.severity])}
                </span>{' '}
                <span className={`badge status-${incident.status}`}>{t(STATUS[incident.status])}</span>
              </span>
              <span className="incident-item-meta">
                {incident.languages.map((code) => languageName(translator, code)).join(', ')}
                {incident.markets.length > 0 ? ` · ${incident.markets.join(', ')}` : ''}
              </span>
              <span className="incident-item-meta">
                {t('crisis.openedAt', { at: format.dateTime(incident.detectedAt) })}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function IncidentRoom(props: { id: string; me: Me; users: readonly UserSummary[]; onChanged: () => void }) {
  const translator = useI18n();
  const { t } = translator;
  const [loaded] = useLoad(async (signal) => {
    const [incident, drivers] = await Promise.all([
      crisisApi.incident(props.id, signal),
      crisisApi.drivers(props.id, signal),
    ]);
    const from = Date.parse(incident.startedAt) - 48 * HOUR;
    const lastMoment = Math.max(
      Date.parse(incident.lastSignalAt),
      Date.parse(incident.resolvedAt ?? incident.lastSignalAt),
    );
    const to = Math.min(Date.now(), lastMoment + 24 * HOUR);
    const hourFloor = (ms: number) => Math.floor(ms / HOUR) * HOUR;
    const window = { from: hourFloor(from), to: hourFloor(to) + HOUR };
    const [points, breaker] = await Promise.all([
      crisisApi.signals(
        {
          campaignId: incident.campaignId,
          from: new Date(window.from).toISOString(),
          to: new Date(window.to).toISOString(),
          resolution: 'hour',
        },
        signal,
      ),
      crisisApi.breaker(incident.campaignId, signal),
    ]);
    return { incident, drivers, points, window, breaker };
  }, props.id);
  const [incident, setIncident] = useState<IncidentDetail | null>(null);
  const [breaker, setBreaker] = useState<CircuitBreaker | null>(null);
  useEffect(() => {
    if (loaded.status === 'ready') {
      setIncident(loaded.data.incident);
      setBreaker(loaded.data.breaker);
    }
  }, [loaded]);

  if (loaded.status === 'loading' || (loaded.status === 'ready' && !incident)) return <Loading />;
  if (loaded.status === 'failed') return <ErrorAlert error={loaded.error} />;
  if (!incident) return null;
  const changed = (next: IncidentDetail) => {
    setIncident(next);
    props.onChanged();
  };
  return (
    <article className="incident-room" aria-labelledby="incident-title" data-incident={incident.id}>
      <IncidentHeader incident={incident} me={props.me} users={props.users} onChanged={changed} />
      <section className="panel" aria-labelledby="incident-volume">
        <h3 id="incident-volume">{t('crisis.volume')}</h3>
        <IncidentVolumeChart
          points={loaded.data.points}
          from={loaded.data.window.from}
          to={loaded.data.window.to}
          markers={incidentMarkers(incident)}
        />
      </section>
      <div className="crisis-grid">
        <Playbook incident={incident} me={props.me} users={props.users} onChanged={setIncident} />
        <Statements incident={incident} me={props.me} onChanged={setIncident} />
      </div>
      <Evidence incident={incident} />
      <Drivers incident={incident} posts={loaded.data.drivers} />
      {breaker ? <Breaker breaker={breaker} me={props.me} onChanged={setBreaker} /> : null}
      <Timeline incident={incident} me={props.me} users={props.users} />
    </article>
  );
}

function IncidentHeader(props: {
  incident: IncidentDetail;
  me: Me;
  users: readonly UserSummary[];
  onChanged: (next: IncidentDetail) => void;
}) {
  const translator = useI18n();
  const { t } = translator;
  const format = formatterFor(translator.locale);
  const { incident, me } = props;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const canManage = MANAGERS.includes(me.role);
  const update = (body: IncidentUpdate) => {
    setBusy(true);
    setError(null);
    crisisApi.update(incident.id, body).then(
      (next) => {
        setBusy(false);
        props.onChanged(next);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(errorText(translator, failure));
      },
    );
  };
  return (
    <section className="panel incident-header">
      <h2 id="incident-title">{incidentTitle(incident, translator)}</h2>
      <p className="incident-badges">
        <span className={`badge severity-${incident.severity}`}>{t(SEVERITY[incident.severity])}</span>{' '}
        <span className={`badge status-${incident.status}`} data-status={incident.status}>
          {t(STATUS[incident.status])}
        </span>
      </p>
      <dl className="facts">
        <dt>{t('crisis.languages')}</dt>
        <dd>{incident.languages.map((code) => languageName(translator, code)).join(', ')}</dd>
        <dt>{t('crisis.markets')}</dt>
        <dd>{incident.markets.length > 0 ? incident.markets.join(', ') : t('common.none')}</dd>
        <dt>{t('crisis.owner')}</dt>
        <dd>
          {incident.ownerId ? personName(incident.ownerId, me, props.users, translator) : t('crisis.noOwner')}
        </dd>
        <dt>{t('crisis.started')}</dt>
        <dd>{format.dateTime(incident.startedAt)}</dd>
        <dt>{t('crisis.detected')}</dt>
        <dd>{format.dateTime(incident.detectedAt)}</dd>
        {incident.firstResponseAt ? (
          <>
            <dt>{t('crisis.firstResponse')}</dt>
            <dd>{format.dateTime(incident.firstResponseAt)}</dd>
          </>
        ) : null}
      </dl>
      {canManage ? (
        <div className="form-actions incident-actions">
          {incident.ownerId !== me.id ? (
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => update({ ownerId: me.id })}
            >
              {t('crisis.takeOwnership')}
            </button>
          ) : null}
          {incident.status === 'open' ? (
            <button
              type="button"
              className="button primary"
              disabled={busy}
              onClick={() => update({ status: 'acknowledged' })}
            >
              {t('crisis.acknowledge')}
            </button>
          ) : null}
          {incident.status !== 'resolved' ? (
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => update({ status: 'resolved' })}
            >
              {t('crisis.resolve')}
            </button>
          ) : (
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => update({ status: 'open' })}
            >
              {t('crisis.reopen')}
            </button>
          )}
        </div>
      ) : (
        <p className="muted">{t('crisis.onlyManagers')}</p>
      )}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}

function Playbook(props: {
  incident: IncidentDetail;
  me: Me;
  users: readonly UserSummary[];
  onChanged: (next: IncidentDetail) => void;
}) {
  const translator = useI18n();
  const { t } = translator;
  const format = formatterFor(translator.locale);
  const { incident } = props;
  const canTick = WORKERS.includes(props.me.role);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const done = incident.playbook.filter((step) => step.doneAt !== null).length;
  const tick = (key: string, value: boolean) => {
    setPending(key);
    setError(null);
    crisisApi.setStep(incident.id, key, value).then(
      (next) => {
        setPending(null);
        props.onChanged(next);
      },
      (failure: unknown) => {
        setPending(null);
        setError(errorText(translator, failure));
      },
    );
  };
  return (
    <section className="panel playbook" aria-labelledby="playbook-title">
      <h3 id="playbook-title">{t('crisis.playbook')}</h3>
      <p className="muted">{t('crisis.playbookProgress', { done, total: incident.playbook.length })}</p>
      <ul className="playbook-steps">
        {incident.playbook.map((step) => {
          const title = step.title[translator.locale] ?? step.title['en'] ?? step.key;
          return (
            <li key={step.key} data-step={step.key} data-done={step.doneAt ? 'true' : 'false'}>
              <label>
                <input
                  type="checkbox"
                  checked={step.doneAt !== null}
                  disabled={!canTick || pending === step.key}
                  onChange={(event) => tick(step.key, event.target.checked)}
                />{' '}
                {title}
              </label>
              {step.doneAt ? (
                <span className="muted-inline step-done">
                  {t('crisis.doneBy', {
                    name: personName(step.doneBy, props.me, props.users, translator),
                    at: format.dateTime(step.doneAt),
                  })}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}

function Statements(props: { incident: IncidentDetail; me: Me; onChanged: (next: IncidentDetail) => void }) {
  const translator = useI18n();
  const { t } = translator;
  const { incident } = props;
  const canManage = MANAGERS.includes(props.me.role);
  const languages = [...new Set([...incident.languages, ...incident.statements.map((s) => s.language)])];
  return (
    <section className="panel statements" aria-labelledby="statements-title">
      <h3 id="statements-title">{t('crisis.statements')}</h3>
      <p className="muted">{t('crisis.fourEyes')}</p>
      {languages.map((language) => (
        <StatementEditor
          key={language}
          incident={incident}
          language={language}
          me={props.me}
          canManage={canManage}
          onChanged={props.onChanged}
        />
      ))}
      {languages.length === 0 ? <p className="muted">{t('common.none')}</p> : null}
    </section>
  );
}

function StatementEditor(props: {
  incident: IncidentDetail;
  language: string;
  me: Me;
  canManage: boolean;
  onChanged: (next: IncidentDetail) => void;
}) {
  const translator = useI18n();
  const { t } = translator;
  const format = formatterFor(translator.locale);
  const id = useId();
  const statement = props.incident.statements.find((s) => s.language === props.language);
  const [text, setText] = useState(statement?.text ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setText(statement?.text ?? ''), [statement?.text]);
  const run = (call: Promise<IncidentDetail>) => {
    setBusy(true);
    setError(null);
    call.then(
      (next) => {
        setBusy(false);
        props.onChanged(next);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(errorText(translator, failure));
      },
    );
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    run(crisisApi.saveStatement(props.incident.id, props.language, text.trim()));
  };
  const ownDraft = statement?.draftedBy === props.me.id;
  const changedSinceSave = text.trim() !== (statement?.text ?? '');
  return (
    <form className="statement" onSubmit={save} data-language={props.language}>
      <div className="field">
        <label htmlFor={id}>
          {languageName(translator, props.language)}{' '}
          {statement ? (
            <span className={`badge statement-${statement.status}`}>
              {t(statement.status === 'approved' ? 'crisis.approved' : 'crisis.draft')}
            </span>
          ) : (
            <span className="badge">{t('crisis.noStatement')}</span>
          )}
        </label>
        <textarea
          id={id}
          rows={3}
          lang={props.language}
          value={text}
          readOnly={!props.canManage}
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      {statement?.status === 'approved' && statement.approvedAt ? (
        <p className="muted">{t('crisis.approvedAt', { at: format.dateTime(statement.approvedAt) })}</p>
      ) : null}
      {props.canManage ? (
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy || !changedSinceSave || !text.trim()}>
            {t('crisis.saveDraft')}
          </button>
          {statement && statement.status === 'draft' ? (
            <button
              type="button"
              className="button primary"
              disabled={busy || changedSinceSave}
              onClick={() => run(crisisApi.approveStatement(props.incident.id, props.language))}
            >
              {t('crisis.approve')}
            </button>
          ) : null}
          {statement && statement.status === 'draft' && ownDraft ? (
            <span className="field-hint">{t('crisis.ownDraftHint')}</span>
          ) : null}
        </div>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

function Evidence(props: { incident: IncidentDetail }) {
  const translator = useI18n();
  const { t } = translator;
  const format = formatterFor(translator.locale);
  const entries = props.incident.evidence.filter(
    (entry): entry is { at?: string; language?: string; level?: string; signals?: unknown[] } =>
      typeof entry === 'object' && entry !== null,
  );
  return (
    <section className="panel" aria-labelledby="evidence-title">
      <h3 id="evidence-title">{t('crisis.evidence')}</h3>
      <ul className="crisis-evidence">
        {entries.map((entry, index) => (
          <li key={index}>
            <strong>
              {entry.language ? languageName(translator, entry.language) : t('common.unknown')}
              {entry.at ? ` · ${format.dateTime(entry.at)}` : ''}
            </strong>
            <ul>
              {(entry.signals ?? []).map((raw, signalIndex) => {
                const s = raw as { rule?: string; observed?: number | null; baseline?: number | null };
                const rule = s.rule ?? '';
                return (
                  <li key={signalIndex}>
                    {t(RULE[rule] ?? 'crisis.rule.other', { rule })}
                    {s.observed != null && s.baseline != null
                      ? `: ${t('crisis.observedVsBaseline', {
                          observed: format.score(s.observed),
                          baseline: format.score(s.baseline),
                        })}`
                      : ''}
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ul>
      {Object.keys(props.incident.story).length > 0 ? (
        <>
          <p className="detail-section-title">{t('crisis.story')}</p>
          <ul className="chips">
            {Object.entries(props.incident.story)
              .sort((a, b) => b[1] - a[1])
              .slice(0, 12)
              .map(([feature, count]) => (
                <li key={feature} className="chip">
                  {feature} · {format.number(count)}
                </li>
              ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function Drivers(props: { incident: IncidentDetail; posts: readonly DriverPost[] }) {
  const translator = useI18n();
  const { t } = translator;
  const format = formatterFor(translator.locale);
  const ev = useEvidenceText();
  const reasons = new Map(props.incident.posts.map((p) => [p.postId, p]));
  return (
    <section className="panel" aria-labelledby="drivers-title">
      <h3 id="drivers-title">{t('crisis.drivers')}</h3>
      {props.posts.length === 0 ? (
        <p className="muted">{t('crisis.noDrivers')}</p>
      ) : (
        <ol className="driver-posts">
          {props.posts.map((post) => {
            const driver = reasons.get(post.id);
            return (
              <li key={post.id} className="driver-post" data-post={post.id}>
                <p className="driver-meta">
                  <span className="post-author">{post.author.displayName ?? post.author.handle}</span>{' '}
                  <span className="muted-inline">
                    @{post.author.handle} · {languageName(translator, post.language)} ·{' '}
                    {format.dateTime(post.createdAt)}
                  </span>
                </p>
                {/* Strangers' words: React text, never HTML. */}
                <p className="post-text driver-text" lang={post.language ?? undefined}>
                  {post.text}
                </p>
                {driver ? (
                  <p className="driver-why muted">
                    {t('crisis.driverWhy', {
                      score: format.score(driver.score),
                      reasons: driver.reasons.map(ev.driverReason).join(', '),
                    })}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

function Breaker(props: { breaker: CircuitBreaker; me: Me; onChanged: (next: CircuitBreaker) => void }) {
  const translator = useI18n();
  const { t } = translator;
  const format = formatterFor(translator.locale);
  const ev = useEvidenceText();
  const reasonId = useId();
  const { breaker } = props;
  const canSwitch = MANAGERS.includes(props.me.role);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const flip = (which: 'publishingPaused' | 'preModeration') => {
    if (!reason.trim()) {
      setError(t('crisis.breakerReasonNeeded'));
      return;
    }
    setBusy(true);
    setError(null);
    crisisApi.switchBreaker(breaker.campaignId, { [which]: !breaker[which], reason: reason.trim() }).then(
      (next) => {
        setBusy(false);
        setReason('');
        props.onChanged(next);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(errorText(translator, failure));
      },
    );
  };
  const switches: { id: 'publishingPaused' | 'preModeration'; label: MessageKey }[] = [
    { id: 'publishingPaused', label: 'crisis.breakerPublishing' },
    { id: 'preModeration', label: 'crisis.breakerPreModeration' },
  ];
  return (
    <section className="panel breaker" aria-labelledby="breaker-title">
      <h3 id="breaker-title">{t('crisis.breaker')}</h3>
      <p className="muted">{t('crisis.breakerHint')}</p>
      <ul className="breaker-switches">
        {switches.map((item) => (
          <li key={item.id}>
            <button
              type="button"
              role="switch"
              aria-checked={breaker[item.id]}
              className={breaker[item.id] ? 'switch is-on' : 'switch'}
              disabled={!canSwitch || busy}
              onClick={() => flip(item.id)}
            >
              <span className="switch-track" aria-hidden="true" />
              {t(item.label)}
            </button>
            <span className="muted-inline"> {t(breaker[item.id] ? 'crisis.on' : 'crisis.off')}</span>
          </li>
        ))}
      </ul>
      {canSwitch ? (
        <div className="field">
          <label htmlFor={reasonId}>{t('crisis.breakerReason')}</label>
          <input
            id={reasonId}
            type="text"
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
        </div>
      ) : (
        <p className="muted">{t('crisis.onlyManagers')}</p>
      )}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <p className="detail-section-title">{t('crisis.breakerLog')}</p>
      {breaker.switches.length === 0 ? (
        <p className="muted">{t('crisis.breakerNever')}</p>
      ) : (
        <ul className="breaker-log">
          {breaker.switches.map((entry, index) => (
            <li key={`${entry.at}-${index}`}>
              {format.dateTime(entry.at)} ·{' '}
              {t(
                entry.switch === 'publishing_paused'
                  ? 'crisis.breakerPublishing'
                  : 'crisis.breakerPreModeration',
              )}{' '}
              → {t(entry.turnedOn ? 'crisis.on' : 'crisis.off')} ·{' '}
              {entry.actorId ? t('crisis.byPerson') : t('crisis.byEngine')} ·{' '}
              {entry.reasonCode
                ? ev.judgement({ code: entry.reasonCode, params: entry.reasonParams, detail: entry.reason })
                : entry.reason}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Timeline(props: { incident: IncidentDetail; me: Me; users: readonly UserSummary[] }) {
  const translator = useI18n();
  const { t } = translator;
  const format = formatterFor(translator.locale);
  const events = [...props.incident.timeline].reverse();
  return (
    <section className="panel" aria-labelledby="timeline-title">
      <h3 id="timeline-title">{t('crisis.timeline')}</h3>
      <ol className="crisis-timeline" tabIndex={0} aria-labelledby="timeline-title">
        {events.map((event) => (
          <li key={event.id} data-kind={event.kind}>
            <time dateTime={event.at}>{format.dateTime(event.at)}</time>{' '}
            <span className="timeline-kind">
              {t(EVENT[event.kind] ?? 'crisis.event.other', { kind: event.kind })}
            </span>
            {event.language ? ` · ${languageName(translator, event.language)}` : ''}
            {event.severity && event.severity in SEVERITY
              ? ` · ${t(SEVERITY[event.severity as IncidentSummary['severity']])}`
              : ''}
            {` · ${personName(event.actorId, props.me, props.users, translator)}`}
            {typeof event.data['note'] === 'string' ? (
              <span className="timeline-note"> — {event.data['note']}</span>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
