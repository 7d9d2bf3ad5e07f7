import type { Me } from '@ombud/contract';
import { useState, type FormEvent } from 'react';
import { api } from '../api/api-client.ts';
import { errorText } from '../components/error-text.ts';
import { ScreenHeading } from '../components/screen-heading.tsx';
import { TextField } from '../components/text-field.tsx';
import { useI18n } from '../i18n/i18n.tsx';

export function ApiKeysSettingsScreen(props: { me: Me }) {
  const translator = useI18n();
  const { t } = translator;
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [created, setCreated] = useState<{ name: string; key: string }>();
  const [copied, setCopied] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setFailure(t('form.required'));
      return;
    }
    setBusy(true);
    setFailure(undefined);
    setCopied(false);
    try {
      const key = await api.createApiKey({ name });
      setCreated({ name: key.name, key: key.key });
      setName('');
    } catch (error) {
      setFailure(errorText(translator, error));
    } finally {
      setBusy(false);
    }
  };

  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  return (
    <div className="screen">
      <ScreenHeading title={t('nav.apiKeys')} />
      <p className="lead">{t('apiKeys.lead')}</p>
      {props.me.role !== 'owner' ? (
        <p className="notice">{t('apiKeys.ownersOnly')}</p>
      ) : (
        <section className="panel" aria-labelledby="api-key-create-title">
          <h2 id="api-key-create-title">{t('apiKeys.create')}</h2>
          <form className="inline-form" onSubmit={(event) => void submit(event)}>
            <TextField
              label={t('apiKeys.name')}
              hint={t('apiKeys.nameHint')}
              value={name}
              maxLength={100}
              onChange={(event) => setName(event.target.value)}
            />
            <button type="submit" className="button primary" disabled={busy}>
              {t('apiKeys.createSubmit')}
            </button>
          </form>
          {failure ? (
            <p className="form-error" role="alert">
              {failure}
            </p>
          ) : null}
          {created ? (
            <div className="key-reveal" role="status">
              <p>{t('apiKeys.shownOnce', { name: created.name })}</p>
              <code className="secret">{created.key}</code>
              <button type="button" className="button quiet" onClick={() => void copy()}>
                {copied ? t('apiKeys.copied') : t('apiKeys.copy')}
              </button>
            </div>
          ) : null}
        </section>
      )}
      <p className="pending-note">{t('apiKeys.listPending')}</p>
    </div>
  );
}
