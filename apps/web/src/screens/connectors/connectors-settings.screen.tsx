import type { ConnectorKindName, Me } from '@ombud/contract';
import { useEffect, useState, type FormEvent } from 'react';
import { connectorsApi, type ConnectorView } from '../../api/connectors.api.ts';
import { useLoad } from '../../api/use-load.ts';
import { errorText } from '../../components/error-text.ts';
import { LoadState } from '../../components/load-state.tsx';
import { Field, SelectField } from '../../components/form-field.tsx';
import { ScreenHeading } from '../../components/screen-heading.tsx';
import { TextField } from '../../components/text-field.tsx';
import { formatterFor } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.en.ts';
import {
  CONNECTOR_KIND_FORMS,
  CONNECTOR_KINDS,
  isConnectorKind,
  type SettingsDraft,
} from './connector-kinds.tsx';

/** How often the list refreshes its status and counts while the screen is open. */
const REFRESH_MS = 5000;

interface Draft {
  /** The connector being edited; undefined when adding one. */
  id: string | undefined;
  kind: ConnectorKindName;
  name: string;
  enabled: boolean;
  settings: SettingsDraft;
  secrets: Record<string, string>;
  clearSecrets: string[];
  /** Secrets the stored connector has set. */
  secretsSet: string[];
}

const emptyDraft = (kind: ConnectorKindName = 'mastodon'): Draft => ({
  id: undefined,
  kind,
  name: '',
  enabled: true,
  settings: CONNECTOR_KIND_FORMS[kind].empty(),
  secrets: {},
  clearSecrets: [],
  secretsSet: [],
});

/** Settings → Connectors: status of every connector; owners add, edit, switch and remove them. */
export function ConnectorsSettingsScreen(props: { me: Me }) {
  const translator = useI18n();
  const { t, locale } = translator;
  const format = formatterFor(locale);
  const owner = props.me.role === 'owner';
  const [loaded, reload] = useLoad((signal) => connectorsApi.list(signal), 'connectors');
  const [draft, setDraft] = useState<Draft>(() => emptyDraft());
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [notice, setNotice] = useState<string>();

  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  const statusText = (connector: ConnectorView) =>
    t(`connectors.status.${connector.status}` as MessageKey) +
    (connector.runningOn ? ` ${t('connectors.runningOn', { owner: connector.runningOn })}` : '');
  const kindText = (kind: string) => (isConnectorKind(kind) ? t(CONNECTOR_KIND_FORMS[kind].label) : kind);

  const act = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setFailure(undefined);
    setNotice(undefined);
    try {
      await work();
      setNotice(done);
      reload();
    } catch (error) {
      setFailure(errorText(translator, error));
    } finally {
      setBusy(false);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const secrets: Record<string, string | null> = {};
    for (const name of draft.clearSecrets) secrets[name] = null;
    for (const [name, value] of Object.entries(draft.secrets)) if (value.trim()) secrets[name] = value.trim();
    const name = draft.name.trim();
    await act(
      async () => {
        if (draft.id === undefined) {
          await connectorsApi.create({
            name,
            kind: draft.kind,
            enabled: draft.enabled,
            settings: draft.settings,
            secrets: Object.fromEntries(
              Object.entries(secrets).filter((entry): entry is [string, string] => entry[1] !== null),
            ),
          });
        } else {
          await connectorsApi.update(draft.id, {
            name,
            enabled: draft.enabled,
            settings: draft.settings,
            secrets,
          });
        }
        setDraft(emptyDraft(draft.kind));
      },
      t('connectors.saved', { name }),
    );
  };

  const edit = (connector: ConnectorView) => {
    if (!isConnectorKind(connector.kind)) return;
    setFailure(undefined);
    setNotice(undefined);
    setDraft({
      id: connector.id,
      kind: connector.kind,
      name: connector.name,
      enabled: connector.enabled,
      settings: { ...CONNECTOR_KIND_FORMS[connector.kind].empty(), ...connector.settings },
      secrets: {},
      clearSecrets: [],
      secretsSet: connector.secretsSet,
    });
  };

  const form = CONNECTOR_KIND_FORMS[draft.kind];

  return (
    <div className="screen connectors-screen">
      <ScreenHeading title={t('connectors.title')} />
      <p className="lead">{t('connectors.lead')}</p>
      {owner ? null : <p className="notice">{t('connectors.ownersOnly')}</p>}
      {failure ? (
        <p className="form-error" role="alert">
          {failure}
        </p>
      ) : null}
      {notice ? (
        <p className="form-success" role="status">
          {notice}
        </p>
      ) : null}

      <section className="panel" aria-labelledby="connectors-list-title">
        <h2 id="connectors-list-title">{t('connectors.list')}</h2>
        <LoadState
          loaded={loaded}
          empty={t('connectors.none')}
          isEmpty={(data) => data.connectors.length === 0}
        >
          {({ connectors }) => (
            <table className="data-table connectors-table">
              <thead>
                <tr>
                  <th scope="col">{t('connectors.column.name')}</th>
                  <th scope="col">{t('connectors.column.kind')}</th>
                  <th scope="col">{t('connectors.column.status')}</th>
                  <th scope="col">{t('connectors.column.lastBatch')}</th>
                  <th scope="col">{t('connectors.column.counts')}</th>
                  <th scope="col">{t('connectors.column.lastError')}</th>
                  {owner ? <th scope="col">{t('connectors.column.actions')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {connectors.map((connector) => (
                  <tr key={connector.id} data-connector={connector.name}>
                    <th scope="row">{connector.name}</th>
                    <td>{kindText(connector.kind)}</td>
                    <td data-status={connector.status}>{statusText(connector)}</td>
                    <td>
                      {connector.lastBatchAt ? format.dateTime(connector.lastBatchAt) : t('connectors.never')}
                    </td>
                    <td data-counts>
                      {format.number(connector.counts.accepted)} / {format.number(connector.counts.duplicate)}{' '}
                      / {format.number(connector.counts.rejected)}
                    </td>
                    <td className="connector-error">
                      {connector.lastError ? (
                        <>
                          {connector.lastError}
                          {connector.lastErrorAt ? (
                            <span className="muted"> ({format.dateTime(connector.lastErrorAt)})</span>
                          ) : null}
                        </>
                      ) : (
                        t('connectors.noError')
                      )}
                    </td>
                    {owner ? (
                      <td>
                        <div className="row-actions">
                          <button
                            type="button"
                            className="button quiet"
                            disabled={busy}
                            onClick={() =>
                              void act(
                                () => connectorsApi.update(connector.id, { enabled: !connector.enabled }),
                                t('connectors.saved', { name: connector.name }),
                              )
                            }
                          >
                            {t(connector.enabled ? 'connectors.disable' : 'connectors.enable', {
                              name: connector.name,
                            })}
                          </button>
                          <button type="button" className="button quiet" onClick={() => edit(connector)}>
                            {t('connectors.edit', { name: connector.name })}
                          </button>
                          <button
                            type="button"
                            className="button quiet danger"
                            disabled={busy}
                            onClick={() =>
                              void act(
                                async () => {
                                  await connectorsApi.remove(connector.id);
                                  if (draft.id === connector.id) setDraft(emptyDraft());
                                },
                                t('connectors.removed', { name: connector.name }),
                              )
                            }
                          >
                            {t('connectors.remove', { name: connector.name })}
                          </button>
                        </div>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </LoadState>
      </section>

      {owner ? (
        <section className="panel" aria-labelledby="connector-form-title">
          <h2 id="connector-form-title">
            {draft.id === undefined
              ? t('connectors.addTitle')
              : t('connectors.editTitle', { name: draft.name })}
          </h2>
          <form className="form connector-form" onSubmit={(event) => void submit(event)} noValidate>
            {draft.id === undefined ? (
              <SelectField
                label={t('connectors.kind')}
                value={draft.kind}
                options={CONNECTOR_KINDS.map((kind) => ({
                  value: kind,
                  label: t(CONNECTOR_KIND_FORMS[kind].label),
                }))}
                onValue={(kind) =>
                  setDraft({ ...emptyDraft(kind), name: draft.name, enabled: draft.enabled })
                }
              />
            ) : null}
            <TextField
              label={t('connectors.name')}
              hint={t('connectors.nameHint')}
              required
              value={draft.name}
              onChange={(event) => setDraft({ ...draft, name: event.target.value })}
            />
            <Field label={t('connectors.enabled')} className="checkbox-field">
              {(control) => (
                <input
                  {...control}
                  type="checkbox"
                  checked={draft.enabled}
                  onChange={(event) => setDraft({ ...draft, enabled: event.target.checked })}
                />
              )}
            </Field>
            {form.render({
              value: draft.settings,
              onValue: (settings) => setDraft((current) => ({ ...current, settings })),
            })}
            {form.secrets.length > 0 ? (
              <fieldset className="form-section">
                <legend>{t('connectors.secrets')}</legend>
                <p className="muted">{t('connectors.secretsLead')}</p>
                {form.secrets.map((secret) => {
                  const isSet =
                    draft.secretsSet.includes(secret.name) && !draft.clearSecrets.includes(secret.name);
                  return (
                    <div key={secret.name}>
                      <TextField
                        label={t(secret.label)}
                        hint={isSet ? t('connectors.secretSet') : t('connectors.secretNotSet')}
                        type="password"
                        autoComplete="off"
                        value={draft.secrets[secret.name] ?? ''}
                        onChange={(event) =>
                          setDraft({
                            ...draft,
                            secrets: { ...draft.secrets, [secret.name]: event.target.value },
                          })
                        }
                      />
                      {isSet ? (
                        <button
                          type="button"
                          className="button quiet"
                          onClick={() =>
                            setDraft({ ...draft, clearSecrets: [...draft.clearSecrets, secret.name] })
                          }
                        >
                          {t('connectors.clearSecret', { secret: t(secret.label) })}
                        </button>
                      ) : null}
                    </div>
                  );
                })}
              </fieldset>
            ) : null}
            <div className="form-actions">
              <button type="submit" className="button" disabled={busy}>
                {draft.id === undefined ? t('connectors.submitAdd') : t('connectors.submitEdit')}
              </button>
              {draft.id !== undefined ? (
                <button
                  type="button"
                  className="button quiet"
                  onClick={() => setDraft(emptyDraft(draft.kind))}
                >
                  {t('connectors.cancel')}
                </button>
              ) : null}
            </div>
          </form>
        </section>
      ) : null}
    </div>
  );
}
