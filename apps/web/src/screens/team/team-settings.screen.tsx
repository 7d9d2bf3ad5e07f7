import { ROLES, type Me, type Role, type UserSummary } from '@ombud/contract';
import { useId, useState, type FormEvent } from 'react';
import { ApiError, api } from '../../api/api-client.ts';
import { teamApi } from '../../api/team.api.ts';
import { useLoad } from '../../api/use-load.ts';
import { errorText } from '../../components/error-text.ts';
import { FormOutcome, SelectField } from '../../components/form-field.tsx';
import { LoadState } from '../../components/load-state.tsx';
import { ScreenHeading } from '../../components/screen-heading.tsx';
import { TextField } from '../../components/text-field.tsx';
import { isUiLocale, UI_LOCALES, useI18n, type Translator, type UiLocale } from '../../i18n/i18n.tsx';
import { MIN_PASSWORD_LENGTH } from '../first-run.screen.tsx';
import './team.css';

const EMPTY = { email: '', displayName: '', password: '', role: 'agent' as Role, locale: 'en' as UiLocale };

function failureText(translator: Translator, error: unknown): string {
  // The server refuses to leave the workspace without an owner; say so in the user's language.
  if (error instanceof ApiError && error.code === 'CONFLICT' && /needs an owner/.test(error.message))
    return translator.t('teamRoles.lastOwner');
  return errorText(translator, error);
}

/** Settings → team: members, their roles (explained), adding, re-roling and removing members. */
export function TeamSettingsScreen(props: { me: Me }) {
  const translator = useI18n();
  const { t } = translator;
  const isOwner = props.me.role === 'owner';
  const [users, reload] = useLoad(() => (isOwner ? api.users() : Promise.resolve([])), `users-${isOwner}`);
  const [outcome, setOutcome] = useState<{ failure?: string; success?: string }>({});
  const roleOptions = ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }));

  return (
    <div className="screen team-screen">
      <ScreenHeading title={t('nav.team')} />
      <p className="lead">{t('teamRoles.lead')}</p>
      {/* Help text, not a landmark region. */}
      <section className="panel">
        <h2>{t('teamRoles.rolesTitle')}</h2>
        <dl className="role-list">
          {ROLES.map((role) => (
            <div key={role}>
              <dt>{t(`role.${role}`)}</dt>
              <dd>{t(`teamRoles.explain.${role}`)}</dd>
            </div>
          ))}
        </dl>
      </section>
      {!isOwner ? (
        <p className="notice">{t('team.ownersOnly')}</p>
      ) : (
        <>
          <section className="panel" aria-labelledby="team-members-title">
            <h2 id="team-members-title">{t('team.members')}</h2>
            <LoadState loaded={users}>
              {(members) => (
                <div className="table-wrap">
                  <table className="data-table">
                    <caption className="sr-only">{t('team.members')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('form.displayName')}</th>
                        <th scope="col">{t('form.email')}</th>
                        <th scope="col">{t('team.role')}</th>
                        <th scope="col">{t('team.language')}</th>
                        <th scope="col">{t('teamRoles.actions')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {members.map((user) => (
                        <MemberRow
                          key={`${user.id}:${user.role}`}
                          user={user}
                          self={user.id === props.me.id}
                          roleOptions={roleOptions}
                          onOutcome={setOutcome}
                          onChanged={reload}
                        />
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </LoadState>
            <FormOutcome failure={outcome.failure} success={outcome.success} />
          </section>
          <AddMember onAdded={reload} roleOptions={roleOptions} />
        </>
      )}
    </div>
  );
}

function MemberRow(props: {
  user: UserSummary;
  self: boolean;
  roleOptions: { value: Role; label: string }[];
  onOutcome: (outcome: { failure?: string; success?: string }) => void;
  onChanged: () => void;
}) {
  const translator = useI18n();
  const { t } = translator;
  const { user } = props;
  const [role, setRole] = useState<Role>(user.role);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const rowHeaderId = useId();

  const run = async (action: () => Promise<string>) => {
    setBusy(true);
    props.onOutcome({});
    try {
      props.onOutcome({ success: await action() });
      props.onChanged();
    } catch (error) {
      props.onOutcome({ failure: failureText(translator, error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <tr>
      <th scope="row" id={rowHeaderId}>
        {user.displayName} {props.self ? <span className="muted">{t('teamRoles.you')}</span> : null}
      </th>
      <td>{user.email}</td>
      <td>
        <div className="role-change">
          {/* Named by the member (the column says "Role"), so each row's select is told apart. */}
          <select
            aria-labelledby={rowHeaderId}
            value={role}
            onChange={(event) => {
              const chosen = props.roleOptions.find((option) => option.value === event.target.value);
              if (chosen) setRole(chosen.value);
            }}
          >
            {props.roleOptions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
          {role !== user.role ? (
            <button
              type="button"
              className="button primary"
              disabled={busy}
              onClick={() =>
                void run(async () => {
                  const updated = await teamApi.update(user.id, { role });
                  return t('teamRoles.roleChanged', {
                    name: updated.displayName,
                    role: t(`role.${updated.role}`),
                  });
                })
              }
            >
              {t('teamRoles.changeRole', { name: user.displayName })}
            </button>
          ) : null}
        </div>
      </td>
      <td>{isUiLocale(user.locale) ? t(`locale.${user.locale}`) : user.locale}</td>
      <td>
        {props.self ? null : confirming ? (
          <div
            className="confirm"
            role="group"
            aria-label={t('teamRoles.remove', { name: user.displayName })}
          >
            <p>{t('teamRoles.removeConfirm', { name: user.displayName })}</p>
            <button
              type="button"
              className="button primary"
              disabled={busy}
              onClick={() =>
                void run(async () => {
                  await teamApi.remove(user.id);
                  return t('teamRoles.removed', { name: user.displayName });
                })
              }
            >
              {t('teamRoles.removeYes')}
            </button>{' '}
            <button type="button" className="button quiet" onClick={() => setConfirming(false)}>
              {t('teamRoles.cancel')}
            </button>
          </div>
        ) : (
          <button type="button" className="button quiet" onClick={() => setConfirming(true)}>
            {t('teamRoles.remove', { name: user.displayName })}
          </button>
        )}
      </td>
    </tr>
  );
}

function AddMember(props: { onAdded: () => void; roleOptions: { value: Role; label: string }[] }) {
  const translator = useI18n();
  const { t } = translator;
  const [form, setForm] = useState({ ...EMPTY, locale: translator.locale });
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [created, setCreated] = useState<string>();

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
      props.onAdded();
    } catch (error) {
      setFailure(errorText(translator, error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="team-add-title">
      <h2 id="team-add-title">{t('team.add')}</h2>
      <form onSubmit={(event) => void submit(event)} aria-labelledby="team-add-title">
        <div className="form-grid">
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
          <SelectField
            label={t('team.role')}
            value={form.role}
            options={props.roleOptions}
            onValue={(role) => setForm({ ...form, role })}
          />
          <SelectField
            label={t('team.language')}
            value={form.locale}
            options={UI_LOCALES.map((code) => ({ value: code, label: t(`locale.${code}`) }))}
            onValue={(locale) => setForm({ ...form, locale })}
          />
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={busy}>
              {t('team.addSubmit')}
            </button>
          </div>
        </div>
      </form>
      <FormOutcome failure={failure} success={created} />
    </section>
  );
}
