import type { Advocate, AdvocatePortalStatus, Campaign, Draft } from '@ombud/contract';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/api-client.ts';
import { advocatesApi, type AdvocateInvitation } from '../../api/advocates.api.ts';
import { useLoad } from '../../api/use-load.ts';
import { errorText } from '../../components/error-text.ts';
import { ErrorAlert, LoadState } from '../../components/load-state.tsx';
import { ScreenHeading } from '../../components/screen-heading.tsx';
import { TextField } from '../../components/text-field.tsx';
import { formatterFor } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.en.ts';
import { BrandCheckForm } from './brand-check-form.tsx';
import { BrandFindingsView } from './brand-findings.tsx';
import './advocates.css';

const LANGUAGES = ['en', 'es', 'sv'] as const;
const DRAFT_STATUS: Record<Draft['status'], MessageKey> = {
  in_review: 'advocates.draftStatus.in_review',
  approved: 'advocates.draftStatus.approved',
  rejected: 'advocates.draftStatus.rejected',
};

/** Advocates and approvals: brand check, roster, invitations, drafts under review, matched posts, corrections. */
export function AdvocatesScreen() {
  const translator = useI18n();
  const { t } = translator;
  const [campaignId, setCampaignId] = useState<string>();
  const [campaigns] = useLoad(() => api.campaigns(), 'campaigns');
  const list: readonly Campaign[] = campaigns.status === 'ready' ? campaigns.data : [];
  const chosen = campaignId ?? list[0]?.id;
  return (
    <div className="screen advocates-screen">
      <ScreenHeading title={t('nav.advocates')} />
      <p className="lead">{t('advocates.lead')}</p>
      {campaigns.status === 'failed' ? <ErrorAlert error={campaigns.error} /> : null}
      {list.length > 0 ? (
        <div className="field">
          <label htmlFor="advocates-campaign">{t('advocates.campaign')}</label>
          <select
            id="advocates-campaign"
            value={chosen}
            onChange={(event) => setCampaignId(event.target.value)}
          >
            {list.map((campaign) => (
              <option key={campaign.id} value={campaign.id}>
                {campaign.name}
              </option>
            ))}
          </select>
        </div>
      ) : campaigns.status === 'ready' ? (
        <p className="notice">{t('advocates.noCampaign')}</p>
      ) : null}
      {chosen ? (
        <>
          <BrandCheckPanel campaignId={chosen} />
          <AdvocateWork key={chosen} campaignId={chosen} />
        </>
      ) : null}
    </div>
  );
}

function LanguageSelect(props: { id: string; value: string; onChange: (value: string) => void }) {
  const translator = useI18n();
  const { t } = translator;
  const format = formatterFor(translator.locale);
  return (
    <div className="field">
      <label htmlFor={props.id}>{t('advocates.language')}</label>
      <select id={props.id} value={props.value} onChange={(event) => props.onChange(event.target.value)}>
        <option value="">{t('advocates.languageAuto')}</option>
        {LANGUAGES.map((code) => (
          <option key={format.language(code) ?? code} value={code}>
            {code}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Paste a draft, see the brand check's findings in its text. Stores nothing. */
function BrandCheckPanel(props: { campaignId: string }) {
  const { t } = useI18n();
  const [language, setLanguage] = useState('');
  const [market, setMarket] = useState('');
  return (
    <BrandCheckForm
      titleId="brand-check-title"
      textId="brand-check-text"
      texts={{
        title: t('advocates.brandCheck'),
        lead: t('advocates.brandCheckLead'),
        draft: t('advocates.draftText'),
        check: t('advocates.check'),
        result: t('advocates.brandCheckResult'),
      }}
      check={(text) =>
        advocatesApi.brandCheck({
          campaignId: props.campaignId,
          text,
          ...(language ? { language } : {}),
          ...(market.trim() ? { market: market.trim().toUpperCase() } : {}),
        })
      }
      fields={
        <>
          <LanguageSelect id="brand-check-language" value={language} onChange={setLanguage} />
          <TextField
            label={t('advocates.market')}
            hint={t('advocates.marketHint')}
            value={market}
            maxLength={2}
            onChange={(event) => setMarket(event.target.value)}
          />
        </>
      }
    />
  );
}

/** Roster, drafts, posts and corrections of one campaign. */
function AdvocateWork(props: { campaignId: string }) {
  const translator = useI18n();
  const { t } = translator;
  const [roster, reloadRoster] = useLoad((signal) => advocatesApi.advocates(signal), 'roster');
  const [drafts, reloadDrafts] = useLoad(
    (signal) => advocatesApi.drafts({ campaignId: props.campaignId }, signal),
    `drafts:${props.campaignId}`,
  );
  const advocates = roster.status === 'ready' ? roster.data : [];
  return (
    <>
      <RosterPanel roster={roster} reload={reloadRoster} />
      <section className="panel" aria-labelledby="drafts-title">
        <h2 id="drafts-title">{t('advocates.drafts')}</h2>
        {advocates.length > 0 ? (
          <SubmitDraftForm campaignId={props.campaignId} advocates={advocates} onSubmitted={reloadDrafts} />
        ) : null}
        <LoadState loaded={drafts} empty={t('advocates.noDrafts')}>
          {(list) => (
            <ul className="draft-list">
              {list.map((draft) => (
                <DraftCard key={draft.id} draft={draft} advocates={advocates} onChanged={reloadDrafts} />
              ))}
            </ul>
          )}
        </LoadState>
      </section>
      {advocates.length > 0 ? <PostsPanel advocates={advocates} /> : null}
      <CorrectionsPanel campaignId={props.campaignId} />
      <JoinLinkPanel campaignId={props.campaignId} />
    </>
  );
}

/** A link where people join the campaign on their own (self-joined, untrusted), shown once. */
function JoinLinkPanel(props: { campaignId: string }) {
  const translator = useI18n();
  const { t } = translator;
  const format = formatterFor(translator.locale);
  const [link, setLink] = useState<{ url: string; expiresAt: string }>();
  const [note, setNote] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const run = async (action: 'create' | 'withdraw') => {
    setFailure(undefined);
    setNote(undefined);
    setLink(undefined);
    try {
      if (action === 'create') {
        const created = await advocatesApi.createJoinLink(props.campaignId);
        setLink({ url: `${window.location.origin}${created.path}`, expiresAt: created.expiresAt });
      } else {
        const { revoked } = await advocatesApi.withdrawJoinLinks(props.campaignId);
        setNote(t('advocates.joinWithdrawn', { count: revoked }));
      }
    } catch (error) {
      setFailure(errorText(translator, error));
    }
  };
  return (
    <section className="panel" aria-labelledby="join-link-title">
      <h2 id="join-link-title">{t('advocates.join')}</h2>
      <p className="muted">{t('advocates.joinLead')}</p>
      <div className="form-actions">
        <button type="button" className="button" onClick={() => void run('create')}>
          {t('advocates.joinCreate')}
        </button>
        <button type="button" className="button quiet" onClick={() => void run('withdraw')}>
          {t('advocates.joinWithdraw')}
        </button>
      </div>
      {link ? (
        <div className="key-reveal" role="status">
          <p>{t('advocates.joinShownOnce', { expires: format.dateTime(link.expiresAt) })}</p>
          <code className="secret join-link">{link.url}</code>
        </div>
      ) : null}
      {note ? <p role="status">{note}</p> : null}
      {failure ? (
        <p className="form-error" role="alert">
          {failure}
        </p>
      ) : null}
    </section>
  );
}

function RosterPanel(props: { roster: ReturnType<typeof useLoad<Advocate[]>>[0]; reload: () => void }) {
  const translator = useI18n();
  const { t } = translator;
  const format = formatterFor(translator.locale);
  const [invitation, setInvitation] = useState<{ name: string; invitation: AdvocateInvitation }>();
  const [failure, setFailure] = useState<string>();
  const [portal, reloadPortal] = useLoad((signal) => advocatesApi.portalStatus(signal), 'portal-status');
  const [portalLink, setPortalLink] = useState<{ name: string; url: string; expiresAt: string }>();
  const [portalNote, setPortalNote] = useState<string>();
  const portalOf = (advocateId: string): AdvocatePortalStatus | undefined =>
    portal.status === 'ready' ? portal.data.find((p) => p.advocateId === advocateId) : undefined;
  const createPortalLink = async (advocate: Advocate) => {
    setFailure(undefined);
    setPortalNote(undefined);
    try {
      const link = await advocatesApi.createPortalLink(advocate.id);
      setPortalLink({
        name: advocate.displayName,
        url: `${window.location.origin}${link.path}`,
        expiresAt: link.expiresAt,
      });
      reloadPortal();
    } catch (error) {
      setFailure(errorText(translator, error));
    }
  };
  const revokePortalLinks = async (advocate: Advocate) => {
    setFailure(undefined);
    setPortalLink(undefined);
    try {
      const { revoked } = await advocatesApi.revokePortalLinks(advocate.id);
      setPortalNote(t('advocates.portalRevoked', { name: advocate.displayName, count: revoked }));
      reloadPortal();
    } catch (error) {
      setFailure(errorText(translator, error));
    }
  };
  const invite = async (advocate: Advocate) => {
    setFailure(undefined);
    try {
      setInvitation({ name: advocate.displayName, invitation: await advocatesApi.invite(advocate.id) });
      props.reload();
    } catch (error) {
      setFailure(errorText(translator, error));
    }
  };
  const { roster } = props;
  return (
    <section className="panel" aria-labelledby="roster-title">
      <h2 id="roster-title">{t('advocates.roster')}</h2>
      <LoadState loaded={roster} empty={t('advocates.noAdvocates')}>
        {(advocates) => (
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('advocates.name')}</th>
                  <th scope="col">{t('advocates.handles')}</th>
                  <th scope="col">{t('advocates.markets')}</th>
                  <th scope="col">{t('advocates.languages')}</th>
                  <th scope="col">{t('advocates.consent')}</th>
                  <th scope="col">{t('advocates.trust')}</th>
                  <th scope="col">{t('advocates.training')}</th>
                  <th scope="col">{t('advocates.status')}</th>
                  <th scope="col">{t('advocates.portal')}</th>
                  <th scope="col">{t('advocates.corrections.delivery')}</th>
                  <th scope="col">{t('advocates.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {advocates.map((advocate) => (
                  <tr key={advocate.id}>
                    <td>{advocate.displayName}</td>
                    <td>{advocate.handles.map((h) => `${h.platform}: @${h.handle}`).join(', ')}</td>
                    <td>{advocate.markets.join(', ')}</td>
                    <td>{advocate.languages.map((code) => format.language(code) ?? code).join(', ')}</td>
                    <td>
                      {advocate.consent.given
                        ? t('advocates.consentGiven', {
                            at: advocate.consent.at ? format.dateTime(advocate.consent.at) : '—',
                          })
                        : t('advocates.consentMissing')}
                    </td>
                    <td>{t(`advocates.trustLevel.${advocate.trustLevel}`)}</td>
                    <td>{t(`advocates.trainingStatus.${advocate.trainingStatus}`)}</td>
                    <td>{t(`advocates.advocateStatus.${advocate.status}`)}</td>
                    <td className="portal-link-status">
                      <PortalLinkStatus status={portalOf(advocate.id)} />
                    </td>
                    <td className="notice-delivery-status">
                      <NoticeDeliveryStatus status={portalOf(advocate.id)} />
                    </td>
                    <td>
                      <button type="button" className="button quiet" onClick={() => void invite(advocate)}>
                        {t('advocates.invite')}
                      </button>
                      <button
                        type="button"
                        className="button quiet"
                        onClick={() => void createPortalLink(advocate)}
                        aria-label={`${t('advocates.portalCreate')}: ${advocate.displayName}`}
                      >
                        {t('advocates.portalCreate')}
                      </button>
                      {portalOf(advocate.id)?.portal.status === 'active' ? (
                        <button
                          type="button"
                          className="button quiet"
                          onClick={() => void revokePortalLinks(advocate)}
                          aria-label={`${t('advocates.portalRevoke')}: ${advocate.displayName}`}
                        >
                          {t('advocates.portalRevoke')}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </LoadState>
      {failure ? (
        <p className="form-error" role="alert">
          {failure}
        </p>
      ) : null}
      {invitation ? (
        <div className="key-reveal" role="status">
          <p>
            {t('advocates.invitationShownOnce', {
              name: invitation.name,
              expires: format.dateTime(invitation.invitation.expiresAt),
            })}
          </p>
          <code className="secret">{invitation.invitation.token}</code>
          <p className="muted">{t('advocates.invitationHow')}</p>
        </div>
      ) : null}
      {portalLink ? (
        <div className="key-reveal" role="status">
          <p>
            {t('advocates.portalShownOnce', {
              name: portalLink.name,
              expires: format.dateTime(portalLink.expiresAt),
            })}
          </p>
          <code className="secret portal-link">{portalLink.url}</code>
        </div>
      ) : null}
      {portalNote ? <p role="status">{portalNote}</p> : null}
      <AddAdvocateForm onAdded={props.reload} />
    </section>
  );
}

function PortalLinkStatus(props: { status: AdvocatePortalStatus | undefined }) {
  const translator = useI18n();
  const format = formatterFor(translator.locale);
  const portal = props.status?.portal;
  if (!portal) return <>—</>;
  return (
    <>
      {portal.status === 'active' && portal.expiresAt !== null
        ? translator.t('advocates.portalStatus.active', { date: format.dateTime(portal.expiresAt) })
        : translator.t(`advocates.portalStatus.${portal.status}`)}
    </>
  );
}

function NoticeDeliveryStatus(props: { status: AdvocatePortalStatus | undefined }) {
  const { t } = useI18n();
  const notices = props.status?.notices;
  if (!notices || notices.total === 0) return <>{t('advocates.corrections.none')}</>;
  return (
    <>
      {t('advocates.corrections.summary', { ...notices, lastError: '' })}
      {notices.lastError !== null && notices.failed > 0 ? (
        <span className="muted"> {t('advocates.corrections.lastError', { error: notices.lastError })}</span>
      ) : null}
    </>
  );
}

function AddAdvocateForm(props: { onAdded: () => void }) {
  const translator = useI18n();
  const { t } = translator;
  const [name, setName] = useState('');
  const [languages, setLanguages] = useState('es');
  const [markets, setMarkets] = useState('ES');
  const [handle, setHandle] = useState('');
  const [platform, setPlatform] = useState('x');
  const [consent, setConsent] = useState(false);
  const [reference, setReference] = useState('');
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const split = (value: string) =>
    value
      .split(/[\s,]+/)
      .map((part) => part.trim())
      .filter(Boolean);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim() || split(languages).length === 0) {
      setFailure(t('form.required'));
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      await advocatesApi.createAdvocate({
        displayName: name.trim(),
        languages: split(languages).map((code) => code.toLowerCase()),
        markets: split(markets).map((code) => code.toUpperCase()),
        handles: handle.trim() ? [{ platform, handle: handle.trim() }] : [],
        consent: { given: consent, reference: consent && reference.trim() ? reference.trim() : null },
      });
      setName('');
      setHandle('');
      setConsent(false);
      setReference('');
      props.onAdded();
    } catch (error) {
      setFailure(errorText(translator, error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form-grid" onSubmit={(event) => void submit(event)} aria-labelledby="add-advocate-title">
      <h3 id="add-advocate-title" className="wide">
        {t('advocates.add')}
      </h3>
      <TextField
        label={t('advocates.name')}
        value={name}
        maxLength={200}
        onChange={(e) => setName(e.target.value)}
      />
      <TextField
        label={t('advocates.languages')}
        hint={t('advocates.codesHint')}
        value={languages}
        onChange={(e) => setLanguages(e.target.value)}
      />
      <TextField
        label={t('advocates.markets')}
        hint={t('advocates.codesHint')}
        value={markets}
        onChange={(e) => setMarkets(e.target.value)}
      />
      <TextField
        label={t('advocates.platform')}
        value={platform}
        onChange={(e) => setPlatform(e.target.value)}
      />
      <TextField label={t('advocates.handle')} value={handle} onChange={(e) => setHandle(e.target.value)} />
      <div className="field checkbox">
        <label>
          <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />{' '}
          {t('advocates.consentRecorded')}
        </label>
      </div>
      <TextField
        label={t('advocates.consentReference')}
        value={reference}
        onChange={(e) => setReference(e.target.value)}
      />
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy}>
          {t('advocates.addSubmit')}
        </button>
      </div>
      {failure ? (
        <p className="form-error wide" role="alert">
          {failure}
        </p>
      ) : null}
    </form>
  );
}

function SubmitDraftForm(props: {
  campaignId: string;
  advocates: readonly Advocate[];
  onSubmitted: () => void;
}) {
  const translator = useI18n();
  const { t } = translator;
  const [advocateId, setAdvocateId] = useState(props.advocates[0]?.id ?? '');
  const [text, setText] = useState('');
  const [language, setLanguage] = useState('');
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim() || !advocateId) {
      setFailure(t('form.required'));
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      await advocatesApi.submitDraft(advocateId, {
        campaignId: props.campaignId,
        text: text.trim(),
        ...(language ? { language } : {}),
      });
      setText('');
      props.onSubmitted();
    } catch (error) {
      setFailure(errorText(translator, error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form-grid" onSubmit={(event) => void submit(event)} aria-labelledby="submit-draft-title">
      <h3 id="submit-draft-title" className="wide">
        {t('advocates.submitDraft')}
      </h3>
      <div className="field">
        <label htmlFor="draft-advocate">{t('advocates.advocate')}</label>
        <select id="draft-advocate" value={advocateId} onChange={(e) => setAdvocateId(e.target.value)}>
          {props.advocates.map((advocate) => (
            <option key={advocate.id} value={advocate.id}>
              {advocate.displayName}
            </option>
          ))}
        </select>
      </div>
      <LanguageSelect id="draft-language" value={language} onChange={setLanguage} />
      <div className="field wide">
        <label htmlFor="draft-text">{t('advocates.draftText')}</label>
        <textarea id="draft-text" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy}>
          {t('advocates.submitDraftButton')}
        </button>
      </div>
      {failure ? (
        <p className="form-error wide" role="alert">
          {failure}
        </p>
      ) : null}
    </form>
  );
}

function DraftCard(props: { draft: Draft; advocates: readonly Advocate[]; onChanged: () => void }) {
  const translator = useI18n();
  const { t } = translator;
  const format = formatterFor(translator.locale);
  const { draft } = props;
  const current =
    draft.versions.find((version) => version.version === draft.currentVersion) ?? draft.versions.at(-1);
  const [reason, setReason] = useState('');
  const [override, setOverride] = useState('');
  const [text, setText] = useState(current?.text ?? '');
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const name =
    props.advocates.find((a) => a.id === draft.advocateId)?.displayName ?? t('advocates.unknownAdvocate');
  const act = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setFailure(undefined);
    try {
      await action();
      props.onChanged();
    } catch (error) {
      setFailure(errorText(translator, error));
    } finally {
      setBusy(false);
    }
  };
  const title = t('advocates.draftTitle', { name, version: draft.currentVersion });
  return (
    <li className="draft-card" data-draft={draft.id} data-status={draft.status}>
      <h3>
        {title} <span className="badge">{t(DRAFT_STATUS[draft.status])}</span>
      </h3>
      {current ? (
        <>
          <BrandFindingsView text={current.text} findings={current.findings} label={title} />
          {current.reason ? (
            <p className="muted">{t('advocates.rejectedBecause', { reason: current.reason })}</p>
          ) : null}
        </>
      ) : null}
      {draft.versions.length > 1 ? (
        <details>
          <summary>{t('advocates.history', { count: draft.versions.length })}</summary>
          <ol>
            {draft.versions.map((version) => (
              <li key={version.version}>
                {t('advocates.versionLine', {
                  version: version.version,
                  at: format.dateTime(version.submittedAt),
                  decision: version.decision ? t(DRAFT_STATUS[version.decision]) : t(DRAFT_STATUS.in_review),
                  errors: version.errors,
                })}
                {version.reason ? ` — ${version.reason}` : ''}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      {draft.status === 'in_review' ? (
        <div className="draft-actions">
          {current && current.errors > 0 ? (
            <TextField
              label={t('advocates.overrideReason')}
              hint={t('advocates.overrideHint', { errors: current.errors })}
              value={override}
              onChange={(e) => setOverride(e.target.value)}
            />
          ) : null}
          <button
            type="button"
            className="button primary"
            disabled={busy}
            onClick={() =>
              void act(() =>
                advocatesApi.approve(draft.id, override.trim() ? { overrideFindings: override.trim() } : {}),
              )
            }
          >
            {t('advocates.approve')}
          </button>
          <TextField
            label={t('advocates.rejectReason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() =>
              reason.trim().length < 3
                ? setFailure(t('advocates.reasonRequired'))
                : void act(() => advocatesApi.reject(draft.id, reason.trim()))
            }
          >
            {t('advocates.reject')}
          </button>
        </div>
      ) : (
        <div className="draft-actions">
          {draft.status === 'approved' && draft.publishAt ? (
            <p className="muted">{t('advocates.publishAt', { at: format.dateTime(draft.publishAt) })}</p>
          ) : null}
          <div className="field wide">
            <label htmlFor={`resubmit-${draft.id}`}>{t('advocates.newVersion')}</label>
            <textarea
              id={`resubmit-${draft.id}`}
              rows={3}
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
          </div>
          <button
            type="button"
            className="button"
            disabled={busy || !text.trim()}
            onClick={() => void act(() => advocatesApi.resubmit(draft.id, text.trim()))}
          >
            {t('advocates.resubmit')}
          </button>
        </div>
      )}
      {failure ? (
        <p className="form-error" role="alert">
          {failure}
        </p>
      ) : null}
    </li>
  );
}

function PostsPanel(props: { advocates: readonly Advocate[] }) {
  const translator = useI18n();
  const { t } = translator;
  const format = formatterFor(translator.locale);
  const [advocateId, setAdvocateId] = useState(props.advocates[0]?.id ?? '');
  const [data] = useLoad(async (signal) => {
    const [posts, compliance] = await Promise.all([
      advocatesApi.posts(advocateId, signal),
      advocatesApi.compliance(advocateId, signal),
    ]);
    return { posts, compliance };
  }, `posts:${advocateId}`);
  return (
    <section className="panel" aria-labelledby="posts-title">
      <h2 id="posts-title">{t('advocates.publishedPosts')}</h2>
      <div className="field">
        <label htmlFor="posts-advocate">{t('advocates.advocate')}</label>
        <select id="posts-advocate" value={advocateId} onChange={(e) => setAdvocateId(e.target.value)}>
          {props.advocates.map((advocate) => (
            <option key={advocate.id} value={advocate.id}>
              {advocate.displayName}
            </option>
          ))}
        </select>
      </div>
      <LoadState loaded={data}>
        {({ posts, compliance }) => (
          <>
            <p className="muted">
              {t('advocates.complianceLine', {
                posts: compliance.posts,
                rate: compliance.complianceRate === null ? '—' : format.percent(compliance.complianceRate),
                edited: compliance.editedAfterApproval,
                removed: compliance.disclosureRemoved,
              })}
            </p>
            {posts.length === 0 ? (
              <p className="empty">{t('advocates.noPosts')}</p>
            ) : (
              <div className="table-wrap">
                <table className="data-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('advocates.publishedAt')}</th>
                      <th scope="col">{t('advocates.outcome')}</th>
                      <th scope="col">{t('advocates.similarity')}</th>
                      <th scope="col">{t('advocates.disclosure')}</th>
                      <th scope="col">{t('advocates.contradicted')}</th>
                      <th scope="col">{t('advocates.evidenceColumn')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {posts.map((post) => (
                      <tr key={post.postId}>
                        <td>{format.dateTime(post.publishedAt)}</td>
                        <td>{t(`advocates.outcomeName.${post.outcome}`)}</td>
                        <td className="numeric">
                          {post.similarity === null ? '—' : format.score(post.similarity)}
                        </td>
                        <td>
                          {post.disclosureRemoved
                            ? t('advocates.disclosureRemoved')
                            : post.disclosureOk
                              ? t('advocates.disclosureInPlace')
                              : t('advocates.disclosureProblem')}
                        </td>
                        <td className="numeric">{format.number(post.contradictedClaims)}</td>
                        <td>
                          <EvidenceWords evidence={post.evidence} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </LoadState>
    </section>
  );
}

function EvidenceWords(props: { evidence: Record<string, unknown> }) {
  const { t } = useI18n();
  const words = (key: string) => {
    const value = props.evidence[key];
    return Array.isArray(value) ? value.filter((w): w is string => typeof w === 'string') : [];
  };
  const added = words('added');
  const removed = words('removed');
  if (added.length === 0 && removed.length === 0) return <>—</>;
  return (
    <>
      {added.length > 0 ? <span>{t('advocates.wordsAdded', { words: added.join(' ') })} </span> : null}
      {removed.length > 0 ? <span>{t('advocates.wordsRemoved', { words: removed.join(' ') })}</span> : null}
    </>
  );
}

function CorrectionsPanel(props: { campaignId: string }) {
  const translator = useI18n();
  const { t } = translator;
  const format = formatterFor(translator.locale);
  const [corrections, reload] = useLoad(
    (signal) => advocatesApi.corrections(props.campaignId, signal),
    `corrections:${props.campaignId}`,
  );
  const [claim, setClaim] = useState('');
  const [failure, setFailure] = useState<string>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (claim.trim().length < 3) {
      setFailure(t('form.required'));
      return;
    }
    setFailure(undefined);
    try {
      await advocatesApi.createCorrection({ campaignId: props.campaignId, claimText: claim.trim() });
      setClaim('');
      reload();
    } catch (error) {
      setFailure(errorText(translator, error));
    }
  };
  return (
    <section className="panel" aria-labelledby="corrections-title">
      <h2 id="corrections-title">{t('advocates.corrections')}</h2>
      <form className="inline-form" onSubmit={(event) => void submit(event)}>
        <TextField
          label={t('advocates.wrongClaim')}
          hint={t('advocates.wrongClaimHint')}
          value={claim}
          maxLength={500}
          onChange={(e) => setClaim(e.target.value)}
        />
        <button type="submit" className="button">
          {t('advocates.createCorrection')}
        </button>
      </form>
      {failure ? (
        <p className="form-error" role="alert">
          {failure}
        </p>
      ) : null}
      <LoadState loaded={corrections} empty={t('advocates.noCorrections')}>
        {(list) => (
          <ul className="correction-list">
            {list.map((correction) => (
              <li key={correction.id}>
                <strong>{correction.claimText ?? correction.factId}</strong>{' '}
                {t('advocates.correctionLine', {
                  at: format.dateTime(correction.createdAt),
                  scanned: correction.scanned,
                  matches: correction.matches.length,
                  notices: correction.notices.length,
                })}
                {correction.notices.length > 0 ? (
                  <ul>
                    {correction.notices.map((notice) => (
                      <li key={notice.id}>
                        {t('advocates.noticeLine', {
                          name: notice.advocateName,
                          language: notice.language,
                          status: `${t(`advocates.noticeStatus.${notice.status}`)} · ${t(`advocates.delivery.${notice.delivery.status}`)}`,
                        })}
                        <details>
                          <summary>{notice.subject}</summary>
                          <p className="post-text">{notice.body}</p>
                        </details>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </LoadState>
    </section>
  );
}
