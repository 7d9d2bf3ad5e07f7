import type { Me } from '@ombud/contract';
import { useState, type FormEvent } from 'react';
import { api } from '../api/api-client.ts';
import { errorText } from '../components/error-text.ts';
import { ScreenHeading } from '../components/screen-heading.tsx';
import { TextField } from '../components/text-field.tsx';
import { useI18n } from '../i18n/i18n.tsx';

export function SignInScreen(props: { onSignedIn: (me: Me) => void }) {
  const translator = useI18n();
  const { t } = translator;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!email || !password) {
      setFailure(t('signIn.missing'));
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      await api.login({ email, password });
      props.onSignedIn(await api.me());
    } catch (error) {
      setFailure(errorText(translator, error));
      setBusy(false);
    }
  };

  return (
    <section className="auth-card">
      <ScreenHeading title={t('signIn.title')} focusOnMount={false} />
      <form onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          label={t('form.email')}
          type="email"
          autoComplete="username"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <TextField
          label={t('form.password')}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        {failure ? (
          <p className="form-error" role="alert">
            {failure}
          </p>
        ) : null}
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t('signIn.signingIn') : t('signIn.submit')}
        </button>
      </form>
    </section>
  );
}
