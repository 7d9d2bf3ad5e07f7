import type { PortalDraft, PortalMe, PortalNotice } from '@ombud/contract';
import { useEffect, useState, type FormEvent } from 'react';
import { portalApi } from '../../api/portal.api.ts';
import { useLoad } from '../../api/use-load.ts';
import { errorText } from '../../components/error-text.ts';
import { ErrorAlert, Loading, LoadState } from '../../components/load-state.tsx';
import { LanguageSwitcher } from '../../components/language-switcher.tsx';
import { formatterFor } from '../../i18n/format.ts';
import { I18nProvider, isUiLocale, useI18n, type UiLocale } from '../../i18n/i18n.tsx';
import { BrandCheckForm } from '../advocates/brand-check-form.tsx';
import { JoinScreen } from './join-screen.tsx';
import '../advocates/advocates.css';
import './portal.css';

type Api = ReturnType<typeof portalApi>;

const LOCALE_KEY = 'ombud.portal.locale';

/**
 * The advocate's own pages, reached by `/portal/<token>` without a team sign-in (and `/portal/join/<token>`
 * to join a campaign). Every call carries the link token; the language follows the advocate's profile
 * and can be switched.
 */
export function PortalApp(props: { path: string }) {
  // A language the advocate picked is kept on this device; otherwise their profile's language is used.
  const [stored] = useState(() => {
    try {
      return window.localStorage.getItem(LOCALE_KEY);
    } catch {
      return null;
    }
  });
  const [locale, setLocale] = useState<UiLocale>(isUiLocale(stored) ? stored : 'en');
  const [chosen, setChosen] = useState(isUiLocale(stored));
  const join = /^\/portal\/join\/([^/]+)\/?$/.exec(props.path)?.[1];
  const token = join === undefined ? /^\/portal\/([^/]+)\/?$/.exec(props.path)?.[1] : undefined;
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const change = (next: UiLocale) => {
    setChosen(true);
    try {
      window.localStorage.setItem(LOCALE_KEY, next);
    } catch {
      // Storage refused (private mode): the choice lasts until the page is left.
    }
    setLocale(next);
  };
  return (
    <I18nProvider locale={locale}>
      <div className="portal-layout">
        <header className="auth-header">
          <span className="brand">Ombud</span>
          <LanguageSwitcher onChange={change} />
        </header>
        <main className="portal-main" id="main">
          {join !== undefined ? (
            <JoinScreen token={join} />
          ) : token !== undefined ? (
            <Portal
              api={portalApi(token)}
              onProfileLanguage={(language) => {
                if (!chosen && isUiLocale(language)) setLocale(language);
              }}
            />
          ) : (
            <BadLink />
          )}
        </main>
      </div>
    </I18nProvider>
  );
}

function BadLink() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('portal.title')}</h1>
      <p className="form-error" role="alert">
        {t('portal.badLink')}
      </p>
    </>
  );
}

function Portal(props: { api: Api; onProfileLanguage: (language: string) => void }) {
  const [me, reloadMe] = useLoad((signal) => props.api.me(signal), 'me');
  const { onProfileLanguage } = props;
  useEffect(() => {
    if (me.status === 'ready') onProfileLanguage(me.data.advocate.language);
  }, [me, onProfileLanguage]);
  if (me.status === 'loading') return <Loading />;
  if (me.status === 'failed')
    return (me.error as { status?: number }).status === 401 ? <BadLink /> : <ErrorAlert error={me.error} />;
  return <PortalHome api={props.api} me={me.data} onChanged={reloadMe} />;
}

function PortalHome(props: { api: Api; me: PortalMe; onChanged: () => void }) {
  const translator = useI18n();
  const { t } = translator;
  const format = formatterFor(translator.locale);
  const { me, api } = props;
  const [campaignId, setCampaignId] = useState(me.campaigns[0]?.id ?? '');
  const [drafts, reloadDrafts] = useLoad((signal) => api.drafts(signal), 'drafts');
  return (
    <div className="screen portal">
      <h1>{t('portal.title')}</h1>
      <p>{t('portal.welcome', { name: me.advocate.displayName })}</p>
      <p className="muted">{t('portal.linkExpires', { date: format.dateTime(me.linkExpiresAt) })}</p>
      {me.campaigns.length === 0 ? (
        <p className="empty">{t('portal.noCampaign')}</p>
      ) : (
        <>
          {me.campaigns.length > 1 ? (
            <div className="field">
              <label htmlFor="portal-campaign">{t('portal.campaign')}</label>
              <select id="portal-campaign" value={campaignId} onChange={(e) => setCampaignId(e.target.value)}>
                {me.campaigns.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <BriefPanel key={`${campaignId}:${translator.locale}`} api={api} campaignId={campaignId} />
          <CheckPanel api={api} campaignId={campaignId} onSubmitted={reloadDrafts} />
        </>
      )}
      <section className="panel" aria-labelledby="portal-drafts-title">
        <h2 id="portal-drafts-title">{t('portal.drafts')}</h2>
        <LoadState loaded={drafts} empty={t('portal.noDrafts')}>
          {(list) => (
            <ul className="draft-list">
              {list.map((draft) => (
                <DraftItem key={draft.id} api={api} draft={draft} onChanged={reloadDrafts} />
              ))}
            </ul>
          )}
        </LoadState>
      </section>
      <NoticesPanel api={api} />
      <ContactPanel api={api} me={me} onChanged={props.onChanged} />
    </div>
  );
}

function BriefPanel(props: { api: Api; campaignId: string }) {
  const translator = useI18n();
  const { t } = translator;
  const [brief] = useLoad(
    (signal) => props.api.brief(props.campaignId, translator.locale, signal),
    `${props.campaignId}:${translator.locale}`,
  );
  return (
    <section className="panel" aria-labelledby="portal-brief-title">
      <h2 id="portal-brief-title">{t('portal.brief')}</h2>
      <LoadState loaded={brief}>
        {(data) => (
          <div className="portal-brief" lang={data.language}>
            <p className="muted">
              {data.brand} · {t('portal.briefFor', { language: data.language, market: data.market ?? '—' })}
            </p>
            <h3>{t('portal.disclosure')}</h3>
            <p className="portal-disclosure">
              {data.disclosure === null
                ? t('portal.disclosure.none')
                : t(`portal.disclosure.${data.disclosure.placement}`, {
                    tags: data.disclosure.tags.map((tag) => `“${tag}”`).join(' / '),
                    chars: data.disclosure.firstChars ?? 0,
                  })}
            </p>
            <h3>{t('portal.keyMessages')}</h3>
            <ul>
              {data.keyMessages.map((m) => (
                <li key={m.id}>{m.text}</li>
              ))}
            </ul>
            <h3>{t('portal.facts')}</h3>
            <ul>
              {data.facts.map((f) => (
                <li key={f.id}>{f.text}</li>
              ))}
            </ul>
            {data.bannedPhrases.length > 0 ? (
              <>
                <h3>{t('portal.bannedPhrases')}</h3>
                <p>{data.bannedPhrases.join(' · ')}</p>
              </>
            ) : null}
            {data.hashtags.length > 0 ? (
              <>
                <h3>{t('portal.hashtags')}</h3>
                <p>{data.hashtags.join(' ')}</p>
              </>
            ) : null}
          </div>
        )}
      </LoadState>
    </section>
  );
}

/** Guide before publishing: check a pasted draft, then submit it for review. */
function CheckPanel(props: { api: Api; campaignId: string; onSubmitted: () => void }) {
  const { t } = useI18n();
  return (
    <BrandCheckForm
      titleId="portal-check-title"
      textId="portal-draft-text"
      texts={{
        title: t('portal.check'),
        lead: t('portal.checkLead'),
        draft: t('portal.draftText'),
        check: t('portal.checkButton'),
        result: t('portal.checkResult'),
      }}
      check={(text) => props.api.check({ campaignId: props.campaignId, text })}
      submit={{
        label: t('portal.submit'),
        done: t('portal.submitted'),
        send: async (text) => {
          await props.api.submit({ campaignId: props.campaignId, text });
          props.onSubmitted();
        },
      }}
    />
  );
}

function DraftItem(props: { api: Api; draft: PortalDraft; onChanged: () => void }) {
  const translator = useI18n();
  const { t } = translator;
  const format = formatterFor(translator.locale);
  const { draft } = props;
  const current = draft.versions.at(-1);
  const [text, setText] = useState(current?.text ?? '');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const resubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) {
      setFailure(t('form.required'));
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      await props.api.resubmit(draft.id, text.trim());
      props.onChanged();
    } catch (error) {
      setFailure(errorText(translator, error));
    } finally {
      setBusy(false);
    }
  };
  const inputId = `resubmit-${draft.id}`;
  return (
    <li className="draft-card portal-draft" data-status={draft.status}>
      <p>
        <strong className={`status-${draft.status}`}>{t(`portal.draftStatus.${draft.status}`)}</strong>
      </p>
      <ol className="portal-versions">
        {draft.versions.map((v) => (
          <li key={v.version}>
            <p className="muted">
              {t('portal.version', { version: v.version, date: format.dateTime(v.submittedAt) })}
            </p>
            <p className="draft-text">{v.text}</p>
            {v.decision !== null && v.decidedAt !== null ? (
              <p>
                {t(`portal.decision.${v.decision}`, { date: format.dateTime(v.decidedAt) })}
                {v.reason ? (
                  <>
                    {' — '}
                    <span className="portal-reason">{t('portal.reason', { reason: v.reason })}</span>
                  </>
                ) : null}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
      {draft.status === 'rejected' ? (
        <form onSubmit={(event) => void resubmit(event)} className="form-grid">
          <div className="field wide">
            <label htmlFor={inputId}>{t('portal.resubmitText')}</label>
            <textarea
              id={inputId}
              rows={3}
              maxLength={10000}
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
          </div>
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={busy}>
              {t('portal.resubmit')}
            </button>
          </div>
          {failure ? (
            <p className="form-error" role="alert">
              {failure}
            </p>
          ) : null}
        </form>
      ) : null}
    </li>
  );
}

function NoticesPanel(props: { api: Api }) {
  const translator = useI18n();
  const { t } = translator;
  const [notices, reload] = useLoad((signal) => props.api.notices(signal), 'notices');
  return (
    <section className="panel" aria-labelledby="portal-notices-title">
      <h2 id="portal-notices-title">{t('portal.notices')}</h2>
      <LoadState loaded={notices} empty={t('portal.noNotices')}>
        {(list) => (
          <ul className="portal-notices">
            {list.map((notice) => (
              <NoticeItem key={notice.id} api={props.api} notice={notice} onChanged={reload} />
            ))}
          </ul>
        )}
      </LoadState>
    </section>
  );
}

function NoticeItem(props: { api: Api; notice: PortalNotice; onChanged: () => void }) {
  const translator = useI18n();
  const { t } = translator;
  const format = formatterFor(translator.locale);
  const { notice } = props;
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const answer = async (kind: 'acknowledge' | 'corrected') => {
    setBusy(true);
    setFailure(undefined);
    try {
      await props.api.answer(notice.id, kind);
      props.onChanged();
    } catch (error) {
      setFailure(errorText(translator, error));
    } finally {
      setBusy(false);
    }
  };
  const titleId = `notice-${notice.id}`;
  return (
    <li className="portal-notice" aria-labelledby={titleId}>
      <h3 id={titleId} lang={notice.language}>
        {notice.subject}
      </h3>
      <p className="muted">
        {t('portal.noticeSent', { date: format.dateTime(notice.sentAt) })} ·{' '}
        {t(`portal.delivery.${notice.deliveryStatus}`)}
      </p>
      <p className="portal-notice-body" lang={notice.language}>
        {notice.body}
      </p>
      {notice.status === 'corrected' ? <p className="status-approved">{t('portal.confirmed')}</p> : null}
      {notice.status === 'repeated' ? <p className="status-rejected">{t('portal.repeated')}</p> : null}
      {notice.acknowledgedAt !== null ? (
        <p role="status">{t('portal.acknowledged', { date: format.dateTime(notice.acknowledgedAt) })}</p>
      ) : null}
      {notice.advocateCorrectedAt !== null ? (
        <p>{t('portal.correctedByYou', { date: format.dateTime(notice.advocateCorrectedAt) })}</p>
      ) : null}
      <div className="form-actions">
        {notice.acknowledgedAt === null ? (
          <button type="button" className="button" disabled={busy} onClick={() => void answer('acknowledge')}>
            {t('portal.acknowledge')}
          </button>
        ) : null}
        {notice.advocateCorrectedAt === null ? (
          <button
            type="button"
            className="button primary"
            disabled={busy}
            onClick={() => void answer('corrected')}
          >
            {t('portal.markCorrected')}
          </button>
        ) : null}
      </div>
      {failure ? (
        <p className="form-error" role="alert">
          {failure}
        </p>
      ) : null}
    </li>
  );
}

function ContactPanel(props: { api: Api; me: PortalMe; onChanged: () => void }) {
  const translator = useI18n();
  const { t } = translator;
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();
  const toggle = async (contact: boolean) => {
    setBusy(true);
    setMessage(undefined);
    try {
      await props.api.setContact(contact);
      setMessage(t('portal.saved'));
      props.onChanged();
    } catch (error) {
      setMessage(errorText(translator, error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel" aria-labelledby="portal-contact-title">
      <h2 id="portal-contact-title">{t('portal.contact')}</h2>
      {props.me.advocate.hasEmail ? (
        <div className="checkbox-field">
          <input
            id="portal-contact"
            type="checkbox"
            checked={props.me.contactConsent}
            disabled={busy}
            onChange={(event) => void toggle(event.target.checked)}
          />
          <label htmlFor="portal-contact">{t('portal.contactConsent')}</label>
        </div>
      ) : (
        <p className="muted">{t('portal.contactNoEmail')}</p>
      )}
      {message ? <p role="status">{message}</p> : null}
    </section>
  );
}
