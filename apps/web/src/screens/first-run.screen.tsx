import type { Me } from '@ombud/contract';
import { useState, type FormEvent } from 'react';
import { api } from '../api/api-client.ts';
import { errorText } from '../components/error-text.ts';
import { ScreenHeading } from '../components/screen-heading.tsx';
import { TextField } from '../components/text-field.tsx';
import { useI18n } from '../i18n/i18n.tsx';

export const MIN_PASSWORD_LENGTH = 10;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** First run: name the workspace and create its owner, who is signed in at once. */
export function FirstRunScreen(props: { onSignedIn: (me: Me) => void }) {
  const translator = useI18n();
  const { t, locale } = translator;
  const [form, setForm] = useState({ workspaceName: '', displayName: '', email: '', password: '' });
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();

  const problems = {
    workspaceName: form.workspaceName.trim() ? undefined : t('form.required'),
    displayName: form.displayName.trim() ? undefined : t('form.required'),
    email: EMAIL_PATTERN.test(form.email) ? undefined : t('form.emailInvalid'),
    password:
      form.password.length >= MIN_PASSWORD_LENGTH
        ? undefined
        : t('form.passwordTooShort', { min: MIN_PASSWORD_LENGTH }),
  };
  const show = (field: keyof typeof problems) => (touched ? problems[field] : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (Object.values(problems).some(Boolean)) return;
    setBusy(true);
    setFailure(undefined);
    try {
      props.onSignedIn(await api.setup({ ...form, locale }));
    } catch (error) {
      setFailure(errorText(translator, error));
      setBusy(false);
    }
  };
  const bind = (field: keyof typeof form) => ({
    value: form[field],
    onChange: (event: { target: { value: string } }) => setForm({ ...form, [field]: event.target.value }),
  });

  return (
    <section className="auth-card">
      <ScreenHeading title={t('firstRun.title')} focusOnMount={false} />
      <p className="lead">{t('firstRun.lead')}</p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          label={t('firstRun.workspaceName')}
          hint={t('firstRun.workspaceNameHint')}
          autoComplete="organization"
          error={show('workspaceName')}
          {...bind('workspaceName')}
        />
        <TextField
          label={t('form.displayName')}
          autoComplete="name"
          error={show('displayName')}
          {...bind('displayName')}
        />
        <TextField
          label={t('form.email')}
          type="email"
          autoComplete="email"
          error={show('email')}
          {...bind('email')}
        />
        <TextField
          label={t('form.password')}
          type="password"
          autoComplete="new-password"
          hint={t('form.passwordHint', { min: MIN_PASSWORD_LENGTH })}
          error={show('password')}
          {...bind('password')}
        />
        {failure ? (
          <p className="form-error" role="alert">
            {failure}
          </p>
        ) : null}
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t('firstRun.creating') : t('firstRun.submit')}
        </button>
      </form>
    </section>
  );
}
