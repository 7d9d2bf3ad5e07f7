import type {
  ConsentPurpose,
  ConsentRecord,
  LawfulBasis,
  Me,
  PrivacyPolicy,
  PrivacyRequest,
} from '@ombud/contract';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/api-client.ts';
import { privacyApi, privacyDownloads, type PolicyUpdate } from '../../api/privacy.api.ts';
import { useLoad } from '../../api/use-load.ts';
import { ErrorAlert, Loading, LoadState } from '../../components/load-state.tsx';
import { ScreenHeading } from '../../components/screen-heading.tsx';
import { TextField } from '../../components/text-field.tsx';
import { formatterFor } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ConsentTextsPanel } from './consent-texts.panel.tsx';
import './privacy.css';

const PURPOSES: readonly ConsentPurpose[] = ['marketing_reuse', 'contact', 'advocate_programme'];
const BASES: readonly LawfulBasis[] = [
  'consent',
  'contract',
  'legal_obligation',
  'vital_interests',
  'public_task',
  'legitimate_interests',
];

/** Consent records grouped by the person they belong to, in the order first seen. */
function byAuthor(records: readonly ConsentRecord[]): Map<string, ConsentRecord[]> {
  const people = new Map<string, ConsentRecord[]>();
  for (const record of records) people.set(record.authorId, [...(people.get(record.authorId) ?? []), record]);
  return people;
}

/** Privacy: redaction policy, retention, consent ledger, data-subject requests and the audit log. */
export function PrivacyScreen() {
  const translator = useI18n();
  const { t } = translator;
  const [me] = useLoad(() => api.me(), 'me');
  const role = me.status === 'ready' ? me.data.role : undefined;
  return (
    <div className="screen privacy-screen">
      <ScreenHeading title={t('nav.privacy')} />
      <p className="lead">{t('privacy.lead')}</p>
      {role === undefined ? (
        <Loading />
      ) : role === 'owner' || role === 'analyst' ? (
        <>
          <PolicyPanel role={role} />
          <ConsentPanel />
          <ConsentTextsPanel />
          <RequestsPanel role={role} />
          {role === 'owner' ? <AuditPanel /> : null}
        </>
      ) : role === 'advocate_manager' ? (
        <>
          <ConsentPanel />
          <ConsentTextsPanel />
        </>
      ) : (
        <p className="notice">{t('privacy.notAllowed')}</p>
      )}
    </div>
  );
}

function PolicyPanel(props: { role: Me['role'] }) {
  const translator = useI18n();
  const { t } = translator;
  const format = formatterFor(translator.locale);
  const [policy, reload] = useLoad((signal) => privacyApi.policy(signal), 'policy');
  const [draft, setDraft] = useState<PolicyUpdate>({});
  const [days, setDays] = useState<string>();
  const [failure, setFailure] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  if (policy.status === 'failed') return <ErrorAlert error={policy.error} />;
  if (policy.status === 'loading') return <Loading />;
  const current: PrivacyPolicy = policy.data;
  const redaction = draft.redaction ?? current.redaction;
  const keepOriginal = draft.keepOriginal ?? current.keepOriginal;
  const action = draft.retentionAction ?? current.retentionAction;
  const daysText = days ?? (current.retentionDays === null ? '' : String(current.retentionDays));
  const owner = props.role === 'owner';
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    setSaved(false);
    const parsed = daysText.trim() === '' ? null : Number(daysText);
    if (parsed !== null && (!Number.isInteger(parsed) || parsed < 1)) {
      setFailure(new Error('days'));
      return;
    }
    try {
      await privacyApi.updatePolicy({
        redaction,
        keepOriginal,
        retentionAction: action,
        retentionDays: parsed,
      });
      setDraft({});
      setDays(undefined);
      setSaved(true);
      reload();
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <section className="panel" aria-labelledby="policy-title">
      <h2 id="policy-title">{t('privacy.policy')}</h2>
      <p className="muted">{t('privacy.policyUpdated', { at: format.dateTime(current.updatedAt) })}</p>
      <form onSubmit={(event) => void save(event)}>
        <fieldset className="choice-group" disabled={!owner}>
          <legend>{t('privacy.redaction')}</legend>
          {(['keep', 'redact', 'pseudonymise'] as const).map((mode) => (
            <label key={mode} className="choice">
              <input
                type="radio"
                name="redaction"
                value={mode}
                checked={redaction === mode}
                onChange={() => setDraft({ ...draft, redaction: mode })}
              />{' '}
              <strong>{t(`privacy.redaction.${mode}`)}</strong>
              <span className="muted"> — {t(`privacy.redactionHint.${mode}`)}</span>
            </label>
          ))}
        </fieldset>
        <fieldset className="choice-group" disabled={!owner}>
          <legend>{t('privacy.retention')}</legend>
          <label className="choice">
            <input
              type="checkbox"
              checked={keepOriginal}
              onChange={(event) => setDraft({ ...draft, keepOriginal: event.target.checked })}
            />{' '}
            {t('privacy.keepOriginal')}
          </label>
          <TextField
            label={t('privacy.retentionDays')}
            hint={t('privacy.retentionDaysHint')}
            inputMode="numeric"
            value={daysText}
            onChange={(event) => setDays(event.target.value)}
          />
          <div className="field">
            <label htmlFor="retention-action">{t('privacy.retentionAction')}</label>
            <select
              id="retention-action"
              value={action}
              onChange={(event) =>
                setDraft({
                  ...draft,
                  retentionAction: event.target.value === 'delete' ? 'delete' : 'anonymise',
                })
              }
            >
              <option value="delete">{t('privacy.retentionAction.delete')}</option>
              <option value="anonymise">{t('privacy.retentionAction.anonymise')}</option>
            </select>
          </div>
          <p className="muted">
            {current.retentionDays === null
              ? t('privacy.retentionNone')
              : t('privacy.retentionSummary', {
                  days: current.retentionDays,
                  action: t(`privacy.retentionAction.${current.retentionAction}`),
                })}
          </p>
        </fieldset>
        {current.customPatterns.length > 0 ? (
          <p className="muted">
            {t('privacy.customPatterns', { types: current.customPatterns.map((p) => p.type).join(', ') })}
          </p>
        ) : null}
        {owner ? (
          <button type="submit" className="button primary">
            {t('privacy.savePolicy')}
          </button>
        ) : (
          <p className="muted">{t('privacy.ownersChange')}</p>
        )}
        {saved ? (
          <p className="form-success" role="status">
            {t('privacy.saved')}
          </p>
        ) : null}
        {failure instanceof Error && failure.message === 'days' ? (
          <p className="form-error" role="alert">
            {t('privacy.daysInvalid')}
          </p>
        ) : failure ? (
          <ErrorAlert error={failure} />
        ) : null}
      </form>
    </section>
  );
}

function ConsentPanel() {
  const translator = useI18n();
  const { t } = translator;
  const format = formatterFor(translator.locale);
  const [consents, reload] = useLoad((signal) => privacyApi.consents(signal), 'consents');
  const [platform, setPlatform] = useState('x');
  const [handle, setHandle] = useState('');
  const [purpose, setPurpose] = useState<ConsentPurpose>('marketing_reuse');
  const [basis, setBasis] = useState<LawfulBasis>('consent');
  const [source, setSource] = useState('');
  const [failure, setFailure] = useState<unknown>();
  const record = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    if (!handle.trim() || !source.trim()) {
      setFailure(new Error('required'));
      return;
    }
    try {
      await privacyApi.recordConsent({
        subject: { platform: platform.trim(), handle: handle.trim() },
        purpose,
        lawfulBasis: basis,
        source: source.trim(),
      });
      setHandle('');
      setSource('');
      reload();
    } catch (error) {
      setFailure(error);
    }
  };
  const withdraw = async (consent: ConsentRecord) => {
    setFailure(undefined);
    try {
      await privacyApi.withdrawConsent(consent.id, t('privacy.withdrawSource'));
      reload();
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <section className="panel" aria-labelledby="consent-title">
      <h2 id="consent-title">{t('privacy.consents')}</h2>
      <LoadState loaded={consents} empty={t('privacy.noConsents')}>
        {(list) =>
          [...byAuthor(list)].map(([authorId, records]) => (
            <div key={authorId} className="consent-person">
              <h3>
                {t('privacy.person', { id: authorId })}{' '}
                <a className="button quiet" href={privacyDownloads.personReceipts(authorId)} download>
                  {t('privacy.allReceipts')}
                </a>
              </h3>
              <div className="table-wrap">
                <table className="data-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('privacy.purpose')}</th>
                      <th scope="col">{t('privacy.basis')}</th>
                      <th scope="col">{t('privacy.source')}</th>
                      <th scope="col">{t('privacy.given')}</th>
                      <th scope="col">{t('privacy.state')}</th>
                      <th scope="col">{t('privacy.actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {records.map((consent) => (
                      <tr key={consent.id}>
                        <td>{t(`privacy.purpose.${consent.purpose}`)}</td>
                        <td>{t(`privacy.basis.${consent.lawfulBasis}`)}</td>
                        <td>{consent.source}</td>
                        <td>{format.dateTime(consent.givenAt)}</td>
                        <td>
                          {consent.withdrawnAt
                            ? t('privacy.withdrawnAt', { at: format.dateTime(consent.withdrawnAt) })
                            : consent.valid
                              ? t('privacy.valid')
                              : t('privacy.expired')}
                        </td>
                        <td className="row-actions">
                          <a
                            className="button quiet"
                            href={privacyDownloads.consentReceipt(consent.id)}
                            download
                          >
                            {t('privacy.receipt')}
                          </a>
                          {consent.withdrawnAt ? null : (
                            <button
                              type="button"
                              className="button quiet"
                              onClick={() => void withdraw(consent)}
                            >
                              {t('privacy.withdraw')}
                            </button>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          ))
        }
      </LoadState>
      <form
        className="form-grid"
        onSubmit={(event) => void record(event)}
        aria-labelledby="consent-add-title"
      >
        <h3 id="consent-add-title" className="wide">
          {t('privacy.recordConsent')}
        </h3>
        <TextField
          label={t('privacy.platform')}
          value={platform}
          onChange={(e) => setPlatform(e.target.value)}
        />
        <TextField label={t('privacy.handle')} value={handle} onChange={(e) => setHandle(e.target.value)} />
        <div className="field">
          <label htmlFor="consent-purpose">{t('privacy.purpose')}</label>
          <select
            id="consent-purpose"
            value={purpose}
            onChange={(e) => setPurpose(PURPOSES.find((p) => p === e.target.value) ?? 'marketing_reuse')}
          >
            {PURPOSES.map((p) => (
              <option key={p} value={p}>
                {t(`privacy.purpose.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="consent-basis">{t('privacy.basis')}</label>
          <select
            id="consent-basis"
            value={basis}
            onChange={(e) => setBasis(BASES.find((b) => b === e.target.value) ?? 'consent')}
          >
            {BASES.map((b) => (
              <option key={b} value={b}>
                {t(`privacy.basis.${b}`)}
              </option>
            ))}
          </select>
        </div>
        <TextField
          label={t('privacy.source')}
          hint={t('privacy.sourceHint')}
          value={source}
          onChange={(e) => setSource(e.target.value)}
        />
        <div className="form-actions">
          <button type="submit" className="button primary">
            {t('privacy.recordConsentButton')}
          </button>
        </div>
      </form>
      {failure instanceof Error && failure.message === 'required' ? (
        <p className="form-error" role="alert">
          {t('form.required')}
        </p>
      ) : failure ? (
        <ErrorAlert error={failure} />
      ) : null}
    </section>
  );
}

function outcomeText(request: PrivacyRequest, t: ReturnType<typeof useI18n>['t']): string {
  const outcome = request.outcome;
  if (!outcome) return '';
  if (request.kind === 'erasure') {
    const erased = typeof outcome.authorsErased === 'number' ? outcome.authorsErased : 0;
    const remaining = typeof outcome.remainingMatches === 'number' ? outcome.remainingMatches : 0;
    return t('privacy.erasureOutcome', { erased, remaining });
  }
  return '';
}

function RequestsPanel(props: { role: Me['role'] }) {
  const translator = useI18n();
  const { t } = translator;
  const format = formatterFor(translator.locale);
  const [requests, reload] = useLoad((signal) => privacyApi.requests(signal), 'requests');
  const [kind, setKind] = useState<'access' | 'erasure'>('access');
  const [platform, setPlatform] = useState('x');
  const [handle, setHandle] = useState('');
  const [confirming, setConfirming] = useState<string>();
  const [confirmText, setConfirmText] = useState('');
  const [failure, setFailure] = useState<unknown>();
  const owner = props.role === 'owner';
  const file = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    if (!handle.trim()) {
      setFailure(new Error('required'));
      return;
    }
    try {
      await privacyApi.createRequest(kind, [{ platform: platform.trim(), handle: handle.trim() }]);
      setHandle('');
      reload();
    } catch (error) {
      setFailure(error);
    }
  };
  const erase = async (request: PrivacyRequest) => {
    setFailure(undefined);
    try {
      await privacyApi.executeErasure(request.id);
      setConfirming(undefined);
      setConfirmText('');
      reload();
    } catch (error) {
      setFailure(error);
    }
  };
  const confirmWord = t('privacy.confirmWord');
  return (
    <section className="panel" aria-labelledby="requests-title">
      <h2 id="requests-title">{t('privacy.requests')}</h2>
      <LoadState loaded={requests} empty={t('privacy.noRequests')}>
        {(list) => (
          <ul className="request-list">
            {list.map((request) => (
              <li key={request.id}>
                <strong>{t(`privacy.kind.${request.kind}`)}</strong>{' '}
                <span className="badge">{t(`privacy.requestStatus.${request.status}`)}</span>{' '}
                {request.subjects
                  ? request.subjects.map((s) => `${s.platform}: ${s.handle}`).join(', ')
                  : t('privacy.subjectsErased')}{' '}
                <span className="muted">{format.dateTime(request.requestedAt)}</span>{' '}
                {outcomeText(request, t)}
                {owner && request.kind === 'access' ? (
                  <span className="row-actions">
                    <a
                      className="button quiet"
                      href={privacyDownloads.subjectExport(request.id, 'json')}
                      download
                    >
                      {t('privacy.exportJson')}
                    </a>
                    <a
                      className="button quiet"
                      href={privacyDownloads.subjectExport(request.id, 'csv')}
                      download
                    >
                      {t('privacy.exportCsv')}
                    </a>
                  </span>
                ) : null}
                {owner && request.kind === 'erasure' && request.status === 'pending' ? (
                  confirming === request.id ? (
                    <div className="erase-confirm" role="group" aria-label={t('privacy.confirmErase')}>
                      <p>{t('privacy.eraseWarning', { word: confirmWord })}</p>
                      <TextField
                        label={t('privacy.confirmLabel', { word: confirmWord })}
                        value={confirmText}
                        onChange={(e) => setConfirmText(e.target.value)}
                      />
                      <button
                        type="button"
                        className="button danger"
                        disabled={confirmText.trim().toLocaleLowerCase() !== confirmWord.toLocaleLowerCase()}
                        onClick={() => void erase(request)}
                      >
                        {t('privacy.eraseNow')}
                      </button>
                      <button type="button" className="button quiet" onClick={() => setConfirming(undefined)}>
                        {t('privacy.cancel')}
                      </button>
                    </div>
                  ) : (
                    <button
                      type="button"
                      className="button"
                      onClick={() => {
                        setConfirming(request.id);
                        setConfirmText('');
                      }}
                    >
                      {t('privacy.erase')}
                    </button>
                  )
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </LoadState>
      <form className="form-grid" onSubmit={(event) => void file(event)} aria-labelledby="request-add-title">
        <h3 id="request-add-title" className="wide">
          {t('privacy.fileRequest')}
        </h3>
        <div className="field">
          <label htmlFor="request-kind">{t('privacy.kind')}</label>
          <select
            id="request-kind"
            value={kind}
            onChange={(e) => setKind(e.target.value === 'erasure' ? 'erasure' : 'access')}
          >
            <option value="access">{t('privacy.kind.access')}</option>
            <option value="erasure">{t('privacy.kind.erasure')}</option>
          </select>
        </div>
        <TextField
          label={t('privacy.platform')}
          value={platform}
          onChange={(e) => setPlatform(e.target.value)}
        />
        <TextField label={t('privacy.handle')} value={handle} onChange={(e) => setHandle(e.target.value)} />
        <div className="form-actions">
          <button type="submit" className="button primary">
            {t('privacy.fileRequestButton')}
          </button>
        </div>
      </form>
      {failure instanceof Error && failure.message === 'required' ? (
        <p className="form-error" role="alert">
          {t('form.required')}
        </p>
      ) : failure ? (
        <ErrorAlert error={failure} />
      ) : null}
    </section>
  );
}

function AuditPanel() {
  const translator = useI18n();
  const { t } = translator;
  const format = formatterFor(translator.locale);
  const [data, reload] = useLoad(async (signal) => {
    const [verification, entries] = await Promise.all([
      privacyApi.verifyAudit(signal),
      privacyApi.audit(signal),
    ]);
    return { verification, entries };
  }, 'audit');
  return (
    <section className="panel" aria-labelledby="audit-title">
      <h2 id="audit-title">{t('privacy.audit')}</h2>
      <LoadState loaded={data}>
        {({ verification, entries }) => (
          <>
            <p
              className={verification.ok ? 'chain-status chain-ok' : 'chain-status chain-broken'}
              data-testid="audit-chain-status"
            >
              {verification.ok
                ? t('privacy.chainVerified', { entries: verification.entries })
                : t('privacy.chainBroken', {
                    seq: verification.brokenAt?.seq ?? '?',
                    reason: verification.brokenAt?.reason ?? '',
                  })}{' '}
              <button type="button" className="button quiet" onClick={reload}>
                {t('privacy.verifyAgain')}
              </button>
            </p>
            <div className="table-wrap">
              <table className="data-table">
                <caption className="sr-only">{t('privacy.auditCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">{t('privacy.when')}</th>
                    <th scope="col">{t('privacy.actor')}</th>
                    <th scope="col">{t('privacy.action')}</th>
                    <th scope="col">{t('privacy.target')}</th>
                    <th scope="col">{t('privacy.hash')}</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((entry) => (
                    <tr key={entry.seq}>
                      <td className="numeric">{entry.seq}</td>
                      <td>{format.dateTime(entry.occurredAt)}</td>
                      <td>{entry.actorKind}</td>
                      <td>
                        <code>{entry.action}</code>
                      </td>
                      <td>{entry.targetKind ? `${entry.targetKind} ${entry.targetId ?? ''}` : '—'}</td>
                      <td>
                        <code title={entry.hash}>{entry.hash.slice(0, 12)}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </LoadState>
    </section>
  );
}
