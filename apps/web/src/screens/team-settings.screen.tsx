import { ROLES, type Me, type Role } from '@ombud/contract';
import { useId, useState, type FormEvent } from 'react';
import { api } from '../api/api-client.ts';
import { useLoad } from '../api/use-load.ts';
import { errorText } from '../components/error-text.ts';
import { ScreenHeading } from '../components/screen-heading.tsx';
import { TextField } from '../components/text-field.tsx';
import { isUiLocale, UI_LOCALES, useI18n, type UiLocale } from '../i18n/i18n.tsx';
import { MIN_PASSWORD_LENGTH } from './first-run.screen.tsx';

const EMPTY = { email: '', displayName: '', password: '', role: 'agent' as Role, locale: 'en' as UiLocale };

export function TeamSettingsScreen(props: { me: Me }) {
  const translator = useI18n();
  const { t } = translator;
  const isOwner = props.me.role === 'owner';
  const [users, reload] = useLoad(() => (isOwner ? api.users() : Promise.resolve([])), `users-${isOwner}`);
  const [form, setForm] = useState({ ...EMPTY, locale: translator.locale });
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [created, setCreated] = useState<string>();
  const roleId = useId();
  const localeId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (form.password.length < MIN_PASSWORD_LENGTH) {
      setFailure(t('form.passwordTooShort', { min: MIN_PASSWORD_LENGTH }));
      return;
    }
    setBusy(true);
    setFailure(undefined);
    setCreated(undefined);
    try {
      const user = await api.createUser(form);
      setCreated(t('team.created', { name: user.displayName }));
      setForm({ ...EMPTY, locale: translator.locale });
      reload();
    } catch (error) {
      setFailure(errorText(translator, error));
    } finally {
      setBusy(false);
    }
  };

  if (!isOwner) {
    return (
      <div className="screen">
        <ScreenHeading title={t('nav.team')} />
        <p className="notice">{t('team.ownersOnly')}</p>
      </div>
    );
  }

  return (
    <div className="screen">
      <ScreenHeading title={t('nav.team')} />
      <section className="panel" aria-labelledby="team-members-title">
        <h2 id="team-members-title">{t('team.members')}</h2>
        {users.status === 'loading' ? (
          <p className="muted" role="status">
            {t('common.loading')}
          </p>
        ) : users.status === 'failed' ? (
          <p className="form-error" role="alert">
            {errorText(translator, users.error)}
          </p>
        ) : (
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('form.displayName')}</th>
                  <th scope="col">{t('form.email')}</th>
                  <th scope="col">{t('team.role')}</th>
                  <th scope="col">{t('team.language')}</th>
                </tr>
              </thead>
              <tbody>
                {users.data.map((user) => (
                  <tr key={user.id}>
                    <th scope="row">{user.displayName}</th>
                    <td>{user.email}</td>
                    <td>{t(`role.${user.role}`)}</td>
                    <td>{isUiLocale(user.locale) ? t(`locale.${user.locale}`) : user.locale}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="panel" aria-labelledby="team-add-title">
        <h2 id="team-add-title">{t('team.add')}</h2>
        <form className="form-grid" onSubmit={(event) => void submit(event)}>
          <TextField
            label={t('form.displayName')}
            required
            value={form.displayName}
            onChange={(event) => setForm({ ...form, displayName: event.target.value })}
          />
          <TextField
            label={t('form.email')}
            type="email"
            required
            autoComplete="off"
            value={form.email}
            onChange={(event) => setForm({ ...form, email: event.target.value })}
          />
          <TextField
            label={t('team.initialPassword')}
            type="password"
            required
            autoComplete="new-password"
            hint={t('form.passwordHint', { min: MIN_PASSWORD_LENGTH })}
            value={form.password}
            onChange={(event) => setForm({ ...form, password: event.target.value })}
          />
          <div className="field">
            <label htmlFor={roleId}>{t('team.role')}</label>
            <select
              id={roleId}
              value={form.role}
              onChange={(event) => setForm({ ...form, role: event.target.value as Role })}
            >
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`role.${role}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={localeId}>{t('team.language')}</label>
            <select
              id={localeId}
              value={form.locale}
              onChange={(event) => setForm({ ...form, locale: event.target.value as UiLocale })}
            >
              {UI_LOCALES.map((code) => (
                <option key={code} value={code}>
                  {t(`locale.${code}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={busy}>
              {t('team.addSubmit')}
            </button>
          </div>
        </form>
        {failure ? (
          <p className="form-error" role="alert">
            {failure}
          </p>
        ) : null}
        {created ? (
          <p className="form-success" role="status">
            {created}
          </p>
        ) : null}
      </section>
    </div>
  );
}
