import type { InboxReply, InboxTemplate, Me } from '@ombud/contract';
import { useEffect, useId, useImperativeHandle, useRef, useState, type FormEvent, type Ref } from 'react';
import { api } from '../../api/api-client.ts';
import { fillTemplate, inboxApi } from '../../api/inbox.api.ts';
import { useLoad } from '../../api/use-load.ts';
import { errorText } from '../../components/error-text.ts';
import { useI18n } from '../../i18n/i18n.tsx';

/** Filled in per recipient by the server; the composer asks only for the others. */
const AUTOMATIC = ['author', 'agent', 'campaign'];

export interface ComposerHandle {
  focus: () => void;
}

function newKey(): string {
  return `web-${crypto.randomUUID()}`;
}

/** Reply with an approved template in the post's language (variables filled, preview shown) or free text. */
export function ReplyComposer(props: {
  ref?: Ref<ComposerHandle>;
  target: { kind: 'item' | 'cluster'; id: string };
  language: string;
  /** The recipient's handle for the preview (a cluster shows the representative's). */
  author: string;
  me: Me;
  campaignId: string;
  onSent: (reply: InboxReply) => void;
}) {
  const translator = useI18n();
  const { t } = translator;
  const [templates] = useLoad(() => inboxApi.templates(props.language), `templates:${props.language}`);
  const [campaigns] = useLoad(() => api.campaigns(), 'campaigns');
  const [templateId, setTemplateId] = useState('');
  const [body, setBody] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [resolve, setResolve] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [idempotencyKey, setIdempotencyKey] = useState(newKey);
  const select = useRef<HTMLSelectElement>(null);
  const ids = { template: useId(), body: useId(), resolve: useId(), preview: useId() };
  const base = useId();

  useImperativeHandle(props.ref, () => ({ focus: () => select.current?.focus() }));
  useEffect(() => setIdempotencyKey(newKey()), [templateId, body]);

  const list: InboxTemplate[] =
    templates.status === 'ready'
      ? templates.data.filter((template) => template.kind !== 'faq' || template.approved)
      : [];
  const template = list.find((entry) => entry.id === templateId);
  const extra = template ? template.variables.filter((name) => !AUTOMATIC.includes(name)) : [];
  const campaignName =
    campaigns.status === 'ready' ? (campaigns.data.find((c) => c.id === props.campaignId)?.name ?? '') : '';
  const preview = template
    ? fillTemplate(template.body, {
        ...values,
        author: `@${props.author}`,
        agent: props.me.displayName,
        campaign: campaignName,
      })
    : body;
  const missing = extra.filter((name) => !values[name]?.trim());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!template && !body.trim()) return;
    setBusy(true);
    setError(undefined);
    const request = template
      ? {
          idempotencyKey,
          templateId: template.id,
          variables: Object.fromEntries(extra.map((n) => [n, values[n] ?? ''])),
          resolve,
        }
      : { idempotencyKey, body, resolve };
    try {
      const sent =
        props.target.kind === 'item'
          ? await inboxApi.reply(props.target.id, request)
          : await inboxApi.replyToCluster(props.target.id, request);
      setTemplateId('');
      setBody('');
      setValues({});
      setIdempotencyKey(newKey());
      props.onSent(sent);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="reply-composer"
      onSubmit={(event) => void submit(event)}
      aria-label={t('inbox.composer.label')}
    >
      <h3 className="detail-section-title">
        {props.target.kind === 'cluster' ? t('inbox.composer.clusterTitle') : t('inbox.composer.title')}
      </h3>
      <div className="field">
        <label htmlFor={ids.template}>{t('inbox.composer.template')}</label>
        <select
          id={ids.template}
          ref={select}
          value={templateId}
          aria-keyshortcuts="r"
          onChange={(event) => {
            setTemplateId(event.target.value);
            setValues({});
          }}
        >
          <option value="">{t('inbox.composer.freeText')}</option>
          {list.map((entry) => (
            <option key={entry.id} value={entry.id}>
              {entry.approved ? entry.name : t('inbox.composer.saved', { name: entry.name })}
            </option>
          ))}
        </select>
        {templates.status === 'ready' && list.length === 0 ? (
          <p className="muted">{t('inbox.composer.noTemplates', { language: props.language })}</p>
        ) : null}
      </div>
      {template ? (
        extra.map((name) => (
          <div className="field" key={name}>
            <label htmlFor={`${base}-${name}`}>{t('inbox.composer.variable', { name })}</label>
            <input
              id={`${base}-${name}`}
              value={values[name] ?? ''}
              maxLength={500}
              onChange={(event) => setValues({ ...values, [name]: event.target.value })}
            />
          </div>
        ))
      ) : (
        <div className="field">
          <label htmlFor={ids.body}>{t('inbox.composer.body')}</label>
          <textarea
            id={ids.body}
            rows={3}
            maxLength={2000}
            value={body}
            onChange={(event) => setBody(event.target.value)}
          />
        </div>
      )}
      {template ? (
        <div className="reply-preview">
          <h4 id={ids.preview}>{t('inbox.composer.preview')}</h4>
          <p aria-labelledby={ids.preview} className="reply-preview-text">
            {preview}
          </p>
        </div>
      ) : null}
      <div className="field inline checkbox">
        <input
          id={ids.resolve}
          type="checkbox"
          checked={resolve}
          onChange={(event) => setResolve(event.target.checked)}
        />
        <label htmlFor={ids.resolve}>{t('inbox.composer.resolve')}</label>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {errorText(translator, error)}
        </p>
      ) : null}
      <button
        type="submit"
        className="button primary"
        disabled={busy || (template ? missing.length > 0 : !body.trim())}
      >
        {props.target.kind === 'cluster' ? t('inbox.composer.sendCluster') : t('inbox.composer.send')}
      </button>
    </form>
  );
}
