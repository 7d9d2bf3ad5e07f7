import type { InboxTemplate, Me } from '@ombud/contract';
import { useState } from 'react';
import { fillTemplate } from '../../api/inbox.api.ts';
import { replyTemplatesApi } from '../../api/reply-templates.api.ts';
import { useLoad } from '../../api/use-load.ts';
import { errorText } from '../../components/error-text.ts';
import {
  FormOutcome,
  FormSection,
  ListField,
  SelectField,
  TextAreaField,
} from '../../components/form-field.tsx';
import { languageName } from '../../components/language-name.ts';
import { LoadState } from '../../components/load-state.tsx';
import { ScreenHeading } from '../../components/screen-heading.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useFormSubmit } from '../../components/use-form-submit.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { BUILT_IN_VARIABLES, inspectTemplate } from './template-variables.ts';
import './reply-templates.css';

type Language = InboxTemplate['language'];
type Kind = InboxTemplate['kind'];
const LANGUAGES: readonly Language[] = ['en', 'es', 'sv'];

interface Draft {
  kind: Kind;
  name: string;
  language: Language;
  body: string;
  matchTerms: string[];
}

/** Settings → reply templates: list, write, preview and retire the inbox's templates, FAQs and saved replies. */
export function ReplyTemplatesScreen(props: { me: Me }) {
  const translator = useI18n();
  const { t } = translator;
  const role = props.me.role;
  const works = role === 'owner' || role === 'analyst' || role === 'agent';
  const manages = role === 'owner' || role === 'analyst';
  const [filter, setFilter] = useState<Language | ''>('');
  const [templates, reload] = useLoad(
    () => (works ? replyTemplatesApi.list() : Promise.resolve([])),
    `reply-templates:${works}`,
  );
  const [editing, setEditing] = useState<InboxTemplate | 'new' | null>(null);
  const [retiring, setRetiring] = useState<InboxTemplate | null>(null);
  const [outcome, setOutcome] = useState<{ failure?: string; success?: string }>({});

  if (!works) {
    return (
      <div className="screen">
        <ScreenHeading title={t('replyTemplates.nav')} />
        <p className="notice">{t('replyTemplates.notForRole')}</p>
      </div>
    );
  }

  const mayChange = (template: InboxTemplate) =>
    template.kind === 'saved' ? template.ownerId === props.me.id : manages;

  const retire = async (template: InboxTemplate) => {
    setOutcome({});
    try {
      await replyTemplatesApi.retire(template.id);
      setOutcome({ success: t('replyTemplates.retired', { name: template.name }) });
      setRetiring(null);
      if (editing !== 'new' && editing?.id === template.id) setEditing(null);
      reload();
    } catch (error) {
      setOutcome({ failure: errorText(translator, error) });
    }
  };

  const isShown = (template: InboxTemplate) => filter === '' || template.language === filter;

  return (
    <div className="screen reply-templates-screen">
      <ScreenHeading title={t('replyTemplates.nav')} />
      <p className="lead">{t('replyTemplates.lead')}</p>
      <p className="field-hint">{t('replyTemplates.approvalRule')}</p>
      <section className="panel" aria-labelledby="reply-templates-list">
        <div className="panel-head">
          <h2 id="reply-templates-list">{t('replyTemplates.list')}</h2>
          <div className="panel-tools">
            <SelectField
              label={t('replyTemplates.filterLanguage')}
              value={filter}
              options={[
                { value: '' as const, label: t('replyTemplates.allLanguages') },
                ...LANGUAGES.map((code) => ({ value: code, label: languageName(translator, code) })),
              ]}
              onValue={setFilter}
            />
            <button
              type="button"
              className="button quiet"
              onClick={() => {
                setEditing('new');
                setOutcome({});
              }}
            >
              {t('replyTemplates.new')}
            </button>
          </div>
        </div>
        <LoadState
          loaded={templates}
          empty={t('replyTemplates.none')}
          isEmpty={(list) => !list.some(isShown)}
        >
          {(list) => (
            <div className="table-wrap">
              <table className="data-table">
                <caption className="sr-only">{t('replyTemplates.list')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('replyTemplates.name')}</th>
                    <th scope="col">{t('replyTemplates.kind')}</th>
                    <th scope="col">{t('replyTemplates.language')}</th>
                    <th scope="col">{t('replyTemplates.variables')}</th>
                    <th scope="col">{t('replyTemplates.state')}</th>
                    <th scope="col">
                      <span className="sr-only">{t('replyTemplates.edit', { name: '' })}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.filter(isShown).map((template) => (
                    <tr key={template.id}>
                      <th scope="row">{template.name}</th>
                      <td>{t(`replyTemplates.kind.${template.kind}`)}</td>
                      <td>{languageName(translator, template.language)}</td>
                      <td>
                        {template.variables.length > 0 ? (
                          <ul className="chips">
                            {template.variables.map((name) => (
                              <li key={name} className="chip">
                                {name}
                              </li>
                            ))}
                          </ul>
                        ) : (
                          t('common.none')
                        )}
                      </td>
                      <td>
                        {template.kind === 'saved'
                          ? t('replyTemplates.private')
                          : template.approved
                            ? t('replyTemplates.approved')
                            : t('replyTemplates.notApproved')}
                      </td>
                      <td className="row-actions">
                        {mayChange(template) ? (
                          <>
                            <button
                              type="button"
                              className="button quiet"
                              onClick={() => {
                                setEditing(template);
                                setOutcome({});
                              }}
                            >
                              {t('replyTemplates.edit', { name: template.name })}
                            </button>
                            <button
                              type="button"
                              className="button quiet"
                              onClick={() => setRetiring(template)}
                            >
                              {t('replyTemplates.retire', { name: template.name })}
                            </button>
                          </>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </LoadState>
        {retiring ? (
          <div className="notice retire-confirm" role="alertdialog" aria-labelledby="retire-question">
            <p id="retire-question">{t('replyTemplates.retireConfirm', { name: retiring.name })}</p>
            <div className="row-actions">
              <button type="button" className="button primary" onClick={() => void retire(retiring)}>
                {t('replyTemplates.retireYes')}
              </button>
              <button type="button" className="button quiet" onClick={() => setRetiring(null)}>
                {t('replyTemplates.cancel')}
              </button>
            </div>
          </div>
        ) : null}
        <FormOutcome failure={outcome.failure} success={outcome.success} />
      </section>
      {editing ? (
        <TemplateForm
          key={editing === 'new' ? 'new' : editing.id}
          template={editing === 'new' ? null : editing}
          manages={manages}
          defaultLanguage={filter === '' ? translator.locale : filter}
          onSaved={(saved) => {
            setOutcome({ success: t('replyTemplates.saved', { name: saved.name }) });
            setEditing(saved);
            reload();
          }}
          onCancel={() => setEditing(null)}
        />
      ) : null}
    </div>
  );
}

function TemplateForm(props: {
  template: InboxTemplate | null;
  manages: boolean;
  defaultLanguage: Language;
  onSaved: (template: InboxTemplate) => void;
  onCancel: () => void;
}) {
  const translator = useI18n();
  const { t } = translator;
  const source = props.template;
  const kinds: readonly Kind[] = props.manages ? ['template', 'faq', 'saved'] : ['saved'];
  const [draft, setDraft] = useState<Draft>({
    kind: source?.kind ?? kinds[0] ?? 'saved',
    name: source?.name ?? '',
    language: source?.language ?? props.defaultLanguage,
    body: source?.body ?? '',
    matchTerms: source?.matchTerms ?? [],
  });
  const [samples, setSamples] = useState<Record<string, string>>({});
  const { busy, failure, err, onSubmit } = useFormSubmit({
    save: () => (source ? replyTemplatesApi.update(source.id, draft) : replyTemplatesApi.create(draft)),
    onSaved: props.onSaved,
  });
  const report = inspectTemplate(draft.body);
  const builtInSample: Record<string, string> = {
    author: t('replyTemplates.sample.author'),
    agent: t('replyTemplates.sample.agent'),
    campaign: t('replyTemplates.sample.campaign'),
  };
  const preview = fillTemplate(draft.body, { ...builtInSample, ...samples });
  const title = source ? t('replyTemplates.editing', { name: source.name }) : t('replyTemplates.new');

  return (
    <section className="panel" aria-labelledby="reply-template-form-title">
      <h2 id="reply-template-form-title">{title}</h2>
      <form className="template-form" onSubmit={onSubmit} aria-label={title} noValidate>
        <div className="template-columns">
          <div>
            <div className="form-grid">
              <TextField
                label={t('replyTemplates.name')}
                value={draft.name}
                error={err('name')}
                onChange={(event) => setDraft({ ...draft, name: event.target.value })}
              />
              <SelectField
                label={t('replyTemplates.kind')}
                value={draft.kind}
                options={kinds.map((kind) => ({ value: kind, label: t(`replyTemplates.kind.${kind}`) }))}
                error={err('kind')}
                onValue={(kind) => setDraft({ ...draft, kind })}
              />
              <SelectField
                label={t('replyTemplates.language')}
                value={draft.language}
                options={LANGUAGES.map((code) => ({ value: code, label: languageName(translator, code) }))}
                error={err('language')}
                onValue={(language) => setDraft({ ...draft, language })}
              />
            </div>
            <TextAreaField
              label={t('replyTemplates.body')}
              hint={t('replyTemplates.bodyHint')}
              rows={5}
              lang={draft.language}
              value={draft.body}
              error={err('body')}
              onChange={(event) => setDraft({ ...draft, body: event.target.value })}
            />
            {draft.kind === 'faq' ? (
              <ListField
                label={t('replyTemplates.matchTerms')}
                hint={t('replyTemplates.matchTermsHint')}
                value={draft.matchTerms}
                error={err('matchTerms')}
                onValue={(matchTerms) => setDraft({ ...draft, matchTerms })}
              />
            ) : null}
          </div>
          <div>
            <FormSection title={t('replyTemplates.availableVariables')}>
              <dl className="variable-list">
                {BUILT_IN_VARIABLES.map((name) => (
                  <div key={name}>
                    <dt>
                      <code>{`{{${name}}}`}</code>
                    </dt>
                    <dd>{t(`replyTemplates.variable.${name}`)}</dd>
                  </div>
                ))}
              </dl>
              <p className="field-hint">{t('replyTemplates.otherVariables')}</p>
            </FormSection>
            <FormSection title={t('replyTemplates.preview')} description={t('replyTemplates.previewHint')}>
              <p
                className="template-preview"
                lang={draft.language}
                aria-live="polite"
                data-testid="template-preview"
              >
                {preview}
              </p>
              {report.used.length === 0 ? (
                <p className="field-hint">{t('replyTemplates.noVariables')}</p>
              ) : null}
              <ul className="template-warnings">
                {report.unknown.map((name) => (
                  <li key={name}>{t('replyTemplates.unknownVariable', { name })}</li>
                ))}
                {report.malformed.map((text, index) => (
                  <li key={`${text}-${index}`}>{t('replyTemplates.malformed', { text })}</li>
                ))}
              </ul>
              {report.used.map((name) => (
                <TextField
                  key={name}
                  label={t('replyTemplates.sampleValue', { name })}
                  value={samples[name] ?? builtInSample[name] ?? ''}
                  onChange={(event) => setSamples({ ...samples, [name]: event.target.value })}
                />
              ))}
            </FormSection>
          </div>
        </div>
        <FormOutcome failure={failure} />
        <div className="row-actions">
          <button type="submit" className="button primary" disabled={busy}>
            {source ? t('replyTemplates.save') : t('replyTemplates.create')}
          </button>
          <button type="button" className="button quiet" onClick={props.onCancel}>
            {t('replyTemplates.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
