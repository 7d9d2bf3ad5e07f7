import { useState, type FormEvent } from 'react';
import { joinApi } from '../../api/portal.api.ts';
import { useLoad } from '../../api/use-load.ts';
import { errorText } from '../../components/error-text.ts';
import { useI18n } from '../../i18n/i18n.tsx';

/** `/portal/join/<token>`: someone joins a campaign as a self-joined advocate, agreeing to the terms. */
export function JoinScreen(props: { token: string }) {
  const translator = useI18n();
  const { t, locale } = translator;
  const [info] = useLoad((signal) => joinApi.info(props.token, signal), props.token);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [market, setMarket] = useState('');
  const [platform, setPlatform] = useState('instagram');
  const [handle, setHandle] = useState('');
  const [consent, setConsent] = useState(false);
  const [contact, setContact] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [joined, setJoined] = useState<string>();
  if (info.status === 'loading') return <p role="status">{t('common.loading')}</p>;
  if (info.status === 'failed')
    return (
      <>
        <h1>{t('portal.join.title')}</h1>
        <p className="form-error" role="alert">
          {errorText(translator, info.error)}
        </p>
      </>
    );
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim() || !handle.trim() || !market.trim()) {
      setFailure(t('form.required'));
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      const result = await joinApi.join(props.token, {
        displayName: name.trim(),
        ...(email.trim() ? { email: email.trim() } : {}),
        language: locale,
        markets: [market.trim().toUpperCase()],
        handles: [{ platform, handle: handle.trim() }],
        consent: consent as true,
        contact,
      });
      setJoined(result.portalToken);
    } catch (error) {
      setFailure(errorText(translator, error));
    } finally {
      setBusy(false);
    }
  };
  if (joined)
    return (
      <>
        <h1>{t('portal.join.title')}</h1>
        <p role="status">{t('portal.join.done')}</p>
        <p>
          <a className="button primary" href={`/portal/${joined}`}>
            {t('portal.join.open')}
          </a>
        </p>
      </>
    );
  return (
    <>
      <h1>{t('portal.join.title')}</h1>
      <p>{t('portal.join.lead', { brand: info.data.brand, campaign: info.data.campaignName })}</p>
      <section className="panel" aria-labelledby="join-terms-title">
        <h2 id="join-terms-title">{t('portal.join.terms')}</h2>
        <p>{info.data.terms[locale] ?? info.data.terms.en}</p>
      </section>
      <form className="form-grid" onSubmit={(event) => void submit(event)}>
        <div className="field">
          <label htmlFor="join-name">{t('portal.join.name')}</label>
          <input id="join-name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="join-email">{t('portal.join.email')}</label>
          <input
            id="join-email"
            type="email"
            value={email}
            maxLength={320}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="join-market">{t('portal.join.market')}</label>
          <input id="join-market" value={market} maxLength={2} onChange={(e) => setMarket(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="join-platform">{t('portal.join.platform')}</label>
          <select id="join-platform" value={platform} onChange={(e) => setPlatform(e.target.value)}>
            {['instagram', 'tiktok', 'x', 'youtube', 'facebook', 'mastodon', 'bluesky'].map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="join-handle">{t('portal.join.handle')}</label>
          <input
            id="join-handle"
            value={handle}
            maxLength={200}
            onChange={(e) => setHandle(e.target.value)}
          />
        </div>
        <div className="checkbox-field wide">
          <input
            id="join-consent"
            type="checkbox"
            checked={consent}
            onChange={(e) => setConsent(e.target.checked)}
          />
          <label htmlFor="join-consent">{t('portal.join.consent')}</label>
        </div>
        <div className="checkbox-field wide">
          <input
            id="join-contact"
            type="checkbox"
            checked={contact}
            onChange={(e) => setContact(e.target.checked)}
          />
          <label htmlFor="join-contact">{t('portal.join.contact')}</label>
        </div>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy || !consent}>
            {t('portal.join.submit')}
          </button>
        </div>
      </form>
      {failure ? (
        <p className="form-error" role="alert">
          {failure}
        </p>
      ) : null}
    </>
  );
}
