import {
  briefFactKindSchema,
  briefUnitSchema,
  disclosurePlacementSchema,
  type Campaign,
  type CampaignBrief,
  type DisclosureDefault,
} from '@ombud/contract';
import { useState, type ReactNode } from 'react';
import { campaignsApi } from '../../api/campaigns.api.ts';
import { fieldErrorText } from '../../components/field-errors.ts';
import { Field, FormOutcome, FormSection, ListField, SelectField } from '../../components/form-field.tsx';
import { languageName } from '../../components/language-name.ts';
import { TextField } from '../../components/text-field.tsx';
import { useFormSubmit } from '../../components/use-form-submit.ts';
import { useI18n, type Translator } from '../../i18n/i18n.tsx';
import {
  briefFromDraft,
  editingLanguages,
  emptyBrief,
  freshId,
  removeAt,
  replaceAt,
  type BriefDraft,
  type DisclosureRuleDraft,
  type FactDraft,
} from './brief-draft.ts';

interface EditorContext {
  translator: Translator;
  languages: string[];
  readOnly: boolean;
  /** The translated server problem at a field path (`facts.0.id`), if any. */
  err: (path: string) => string | undefined;
}

function inLanguage(context: EditorContext, field: string, code: string): string {
  return context.translator.t('campaignSettings.inLanguage', {
    field,
    language: languageName(context.translator, code),
  });
}

/**
 * A repeated part of the brief (facts, rules, competitors…): each entry a titled region with a remove
 * button, and an add button below. Read-only users see the entries without the buttons.
 */
function EntryList<T>(props: {
  context: EditorContext;
  items: readonly T[];
  onChange: (items: NoInfer<T>[]) => void;
  title: (n: number) => string;
  addLabel: string;
  create: () => NoInfer<T>;
  render: (item: T, index: number, update: (patch: Partial<T>) => void) => ReactNode;
}) {
  const { t } = props.context.translator;
  const { items, onChange } = props;
  return (
    <>
      {items.map((item, index) => {
        const title = props.title(index + 1);
        return (
          <section className="brief-entry" aria-label={title} key={index}>
            <div className="brief-entry-head">
              <h4>{title}</h4>
              {props.context.readOnly ? null : (
                <button
                  type="button"
                  className="button quiet"
                  onClick={() => onChange(removeAt(items, index))}
                >
                  {t('campaignSettings.remove')}
                  <span className="sr-only"> {title}</span>
                </button>
              )}
            </div>
            {props.render(item, index, (patch) => onChange(replaceAt(items, index, { ...item, ...patch })))}
          </section>
        );
      })}
      {props.context.readOnly ? null : (
        <button type="button" className="button quiet" onClick={() => onChange([...items, props.create()])}>
          {props.addLabel}
        </button>
      )}
    </>
  );
}

/** One list field a language (banned wordings, banned phrases). */
function PerLanguageLists(props: {
  context: EditorContext;
  path: string;
  label: string;
  hint: string;
  value: Record<string, string[]>;
  onValue: (value: Record<string, string[]>) => void;
}) {
  const { context } = props;
  return (
    <div className="form-grid">
      {context.languages.map((code) => (
        <ListField
          key={code}
          label={inLanguage(context, props.label, code)}
          hint={props.hint}
          value={props.value[code] ?? []}
          error={context.err(`${props.path}.${code}`)}
          onValue={(list) => props.onValue({ ...props.value, [code]: list })}
        />
      ))}
    </div>
  );
}

/** Per-language text and keyword inputs, one pair a language. */
function PerLanguage(props: {
  context: EditorContext;
  path: string;
  textLabel: string;
  text: Record<string, string>;
  keywords: Record<string, string[]>;
  onText: (text: Record<string, string>) => void;
  onKeywords: (keywords: Record<string, string[]>) => void;
}) {
  const { context } = props;
  const { t } = context.translator;
  return (
    <div className="brief-languages">
      {context.languages.map((code) => (
        <div className="brief-language" key={code}>
          <TextField
            label={inLanguage(context, props.textLabel, code)}
            lang={code}
            value={props.text[code] ?? ''}
            error={context.err(`${props.path}.text.${code}`)}
            onChange={(event) => props.onText({ ...props.text, [code]: event.target.value })}
          />
          <ListField
            label={inLanguage(context, t('campaignSettings.keywords'), code)}
            hint={t('campaignSettings.keywordsHint')}
            value={props.keywords[code] ?? []}
            error={context.err(`${props.path}.keywords.${code}`)}
            onValue={(list) => props.onKeywords({ ...props.keywords, [code]: list })}
          />
        </div>
      ))}
    </div>
  );
}

interface SectionProps {
  context: EditorContext;
  draft: BriefDraft;
  set: (draft: BriefDraft) => void;
}

function KeyMessagesSection({ context, draft, set }: SectionProps) {
  const { t } = context.translator;
  return (
    <FormSection
      title={t('campaignSettings.keyMessages')}
      description={t('campaignSettings.keyMessagesLead')}
    >
      <EntryList
        context={context}
        items={draft.keyMessages}
        onChange={(keyMessages) => set({ ...draft, keyMessages })}
        title={(n) => t('campaignSettings.keyMessage', { n })}
        addLabel={t('campaignSettings.addKeyMessage')}
        create={() => ({ id: freshId('message', draft.keyMessages), text: {}, keywords: {} })}
        render={(message, index, update) => (
          <>
            <TextField
              label={t('campaignSettings.id')}
              hint={t('campaignSettings.idHint')}
              value={message.id}
              error={context.err(`keyMessages.${index}.id`)}
              onChange={(event) => update({ id: event.target.value })}
            />
            <PerLanguage
              context={context}
              path={`keyMessages.${index}`}
              textLabel={t('campaignSettings.messageText')}
              text={message.text}
              keywords={message.keywords}
              onText={(text) => update({ text })}
              onKeywords={(keywords) => update({ keywords })}
            />
          </>
        )}
      />
      <TextField
        label={t('campaignSettings.perPost')}
        type="number"
        min={1}
        value={draft.keyMessagesPerPost}
        error={context.err('keyMessagesPerPost')}
        onChange={(event) =>
          set({ ...draft, keyMessagesPerPost: Math.max(1, Number(event.target.value) || 1) })
        }
      />
    </FormSection>
  );
}

function FactFields(props: {
  context: EditorContext;
  fact: FactDraft;
  index: number;
  update: (patch: Partial<FactDraft>) => void;
}) {
  const { context, fact, update } = props;
  const { t } = context.translator;
  const path = `facts.${props.index}`;
  return (
    <>
      <div className="form-grid">
        <TextField
          label={t('campaignSettings.id')}
          hint={t('campaignSettings.idHint')}
          value={fact.id}
          error={context.err(`${path}.id`)}
          onChange={(event) => update({ id: event.target.value })}
        />
        <TextField
          label={t('campaignSettings.subject')}
          value={fact.subject}
          error={context.err(`${path}.subject`)}
          onChange={(event) => update({ subject: event.target.value })}
        />
        <SelectField
          label={t('campaignSettings.kind')}
          value={fact.kind}
          options={briefFactKindSchema.options.map((kind) => ({
            value: kind,
            label: t(`campaignSettings.factKind.${kind}`),
          }))}
          onValue={(kind) => update({ kind })}
        />
      </div>
      <PerLanguage
        context={context}
        path={path}
        textLabel={t('campaignSettings.wording')}
        text={fact.text}
        keywords={fact.keywords}
        onText={(text) => update({ text })}
        onKeywords={(keywords) => update({ keywords })}
      />
      <h5>{t('campaignSettings.quantities')}</h5>
      <EntryList
        context={context}
        items={fact.quantities}
        onChange={(quantities) => update({ quantities })}
        title={(n) => t('campaignSettings.quantity', { n })}
        addLabel={t('campaignSettings.addQuantity')}
        create={() => ({ value: undefined, unit: 'day' as const, markets: [] })}
        render={(quantity, q, change) => (
          <div className="brief-quantity">
            <TextField
              label={t('campaignSettings.value')}
              type="number"
              step="any"
              value={quantity.value ?? ''}
              error={context.err(`${path}.quantities.${q}.value`)}
              onChange={(event) =>
                change({ value: event.target.value === '' ? undefined : Number(event.target.value) })
              }
            />
            <SelectField
              label={t('campaignSettings.unit')}
              value={quantity.unit}
              options={briefUnitSchema.options.map((unit) => ({
                value: unit,
                label: t(`campaignSettings.unit.${unit}`),
              }))}
              onValue={(unit) => change({ unit })}
            />
            <ListField
              label={t('campaignSettings.quantityMarkets')}
              hint={t('campaignSettings.quantityMarketsHint')}
              value={quantity.markets}
              error={context.err(`${path}.quantities.${q}.markets`)}
              onValue={(markets) => change({ markets: markets.map((market) => market.toUpperCase()) })}
            />
          </div>
        )}
      />
    </>
  );
}

function FactsSection({ context, draft, set }: SectionProps) {
  const { t } = context.translator;
  return (
    <FormSection title={t('campaignSettings.facts')} description={t('campaignSettings.factsLead')}>
      <EntryList
        context={context}
        items={draft.facts}
        onChange={(facts) => set({ ...draft, facts })}
        title={(n) => t('campaignSettings.fact', { n })}
        addLabel={t('campaignSettings.addFact')}
        create={() => ({
          id: freshId('fact', draft.facts),
          subject: '',
          kind: 'other' as const,
          text: {},
          keywords: {},
          quantities: [],
          contradictions: {},
        })}
        render={(fact, index, update) => (
          <FactFields context={context} fact={fact} index={index} update={update} />
        )}
      />
    </FormSection>
  );
}

function BannedSection({ context, draft, set }: SectionProps) {
  const { t } = context.translator;
  const factOptions = [
    { value: '', label: t('campaignSettings.noFact') },
    ...draft.facts.map((fact) => ({
      value: fact.id,
      label: fact.subject ? `${fact.id} · ${fact.subject}` : fact.id,
    })),
  ];
  return (
    <FormSection title={t('campaignSettings.banned')} description={t('campaignSettings.bannedLead')}>
      <EntryList
        context={context}
        items={draft.bannedClaims}
        onChange={(bannedClaims) => set({ ...draft, bannedClaims })}
        title={(n) => t('campaignSettings.bannedClaim', { n })}
        addLabel={t('campaignSettings.addBannedClaim')}
        create={() => ({ id: freshId('banned', draft.bannedClaims), phrases: {} })}
        render={(claim, index, update) => (
          <>
            <div className="form-grid">
              <TextField
                label={t('campaignSettings.id')}
                value={claim.id}
                error={context.err(`bannedClaims.${index}.id`)}
                onChange={(event) => update({ id: event.target.value })}
              />
              <TextField
                label={t('campaignSettings.reason')}
                value={claim.reason ?? ''}
                error={context.err(`bannedClaims.${index}.reason`)}
                onChange={(event) => update({ reason: event.target.value })}
              />
              <SelectField
                label={t('campaignSettings.factId')}
                value={claim.factId ?? ''}
                error={context.err(`bannedClaims.${index}.factId`)}
                options={factOptions}
                onValue={(factId) => update({ factId })}
              />
            </div>
            <PerLanguageLists
              context={context}
              path={`bannedClaims.${index}.phrases`}
              label={t('campaignSettings.phrases')}
              hint={t('campaignSettings.keywordsHint')}
              value={claim.phrases}
              onValue={(phrases) => update({ phrases })}
            />
          </>
        )}
      />
      <h4>{t('campaignSettings.bannedPhrases')}</h4>
      <PerLanguageLists
        context={context}
        path="bannedPhrases"
        label={t('campaignSettings.bannedPhrases')}
        hint={t('campaignSettings.listHint')}
        value={draft.bannedPhrases}
        onValue={(bannedPhrases) => set({ ...draft, bannedPhrases })}
      />
    </FormSection>
  );
}

function ToneSection({ context, draft, set }: SectionProps) {
  const { t } = context.translator;
  const rule = [
    { value: 'forbid' as const, label: t('campaignSettings.forbid') },
    { value: 'allow' as const, label: t('campaignSettings.allow') },
  ];
  return (
    <FormSection title={t('campaignSettings.tone')} description={t('campaignSettings.toneLead')}>
      <div className="form-grid">
        <SelectField
          label={t('campaignSettings.formality')}
          value={draft.tone.formality}
          options={(['formal', 'neutral', 'casual'] as const).map((value) => ({
            value,
            label: t(`campaignSettings.formality.${value}`),
          }))}
          onValue={(formality) => set({ ...draft, tone: { ...draft.tone, formality } })}
        />
        <SelectField
          label={t('campaignSettings.profanity')}
          value={draft.tone.profanity}
          options={rule}
          onValue={(profanity) => set({ ...draft, tone: { ...draft.tone, profanity } })}
        />
        <SelectField
          label={t('campaignSettings.aggressive')}
          value={draft.tone.aggressiveLanguage}
          options={rule}
          onValue={(aggressiveLanguage) => set({ ...draft, tone: { ...draft.tone, aggressiveLanguage } })}
        />
      </div>
    </FormSection>
  );
}

function DisclosureSection(props: {
  context: EditorContext;
  draft: BriefDraft;
  set: (draft: BriefDraft) => void;
  defaults: readonly DisclosureDefault[];
  markets: readonly string[];
}) {
  const { context, draft, set } = props;
  const { t } = context.translator;
  const rules = draft.disclosure.rules;
  const setRules = (next: DisclosureRuleDraft[]) =>
    set({ ...draft, disclosure: { ...draft.disclosure, rules: next } });
  const shown =
    props.markets.length > 0
      ? props.defaults.filter((rule) => props.markets.includes(rule.market))
      : props.defaults;
  const placementLabel = (placement: DisclosureRuleDraft['placement'], firstChars?: number) =>
    placement === 'first_chars' && firstChars !== undefined
      ? `${t('campaignSettings.placement.first_chars')} (${firstChars})`
      : t(`campaignSettings.placement.${placement}`);
  return (
    <FormSection title={t('campaignSettings.disclosure')} description={t('campaignSettings.disclosureLead')}>
      <Field label={t('campaignSettings.useDefaults')} className="checkbox-field">
        {(control) => (
          <input
            {...control}
            type="checkbox"
            checked={draft.disclosure.useDefaults}
            onChange={(event) =>
              set({ ...draft, disclosure: { ...draft.disclosure, useDefaults: event.target.checked } })
            }
          />
        )}
      </Field>
      {draft.disclosure.useDefaults ? (
        <div className="table-wrap">
          <table className="data-table">
            <caption>
              {props.markets.length > 0
                ? t('campaignSettings.defaultsForMarkets')
                : t('campaignSettings.defaults')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('campaignSettings.market')}</th>
                <th scope="col">{t('campaignSettings.labels')}</th>
                <th scope="col">{t('campaignSettings.placement')}</th>
                <th scope="col">{t('campaignSettings.source')}</th>
                <th scope="col">
                  <span className="sr-only">{t('campaignSettings.customise', { market: '' })}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((rule) => {
                const replaced = rules.some((own) => own.market === rule.market);
                return (
                  <tr key={rule.market}>
                    <th scope="row">{rule.market}</th>
                    <td>{rule.tags.join(', ')}</td>
                    <td>{placementLabel(rule.placement, rule.firstChars)}</td>
                    <td>{rule.note ?? ''}</td>
                    <td>
                      {replaced ? (
                        <span className="muted">{t('campaignSettings.replaced')}</span>
                      ) : context.readOnly ? null : (
                        <button
                          type="button"
                          className="button quiet"
                          onClick={() =>
                            setRules([
                              ...rules,
                              {
                                market: rule.market,
                                tags: [...rule.tags],
                                placement: rule.placement,
                                ...(rule.firstChars !== undefined ? { firstChars: rule.firstChars } : {}),
                                ...(rule.note !== undefined ? { note: rule.note } : {}),
                              },
                            ])
                          }
                        >
                          {t('campaignSettings.customise', { market: rule.market })}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="notice">{t('campaignSettings.defaultsOff')}</p>
      )}
      <EntryList
        context={context}
        items={rules}
        onChange={setRules}
        title={(n) => t('campaignSettings.rule', { n })}
        addLabel={t('campaignSettings.addRule')}
        create={(): DisclosureRuleDraft => ({ market: '', tags: [], placement: 'start' })}
        render={(rule, index, update) => {
          const path = `disclosure.rules.${index}`;
          return (
            <div className="form-grid">
              <TextField
                label={t('campaignSettings.market')}
                value={rule.market}
                error={context.err(`${path}.market`)}
                onChange={(event) => update({ market: event.target.value.toUpperCase() })}
              />
              <ListField
                label={t('campaignSettings.labels')}
                hint={t('campaignSettings.listHint')}
                value={rule.tags}
                error={context.err(`${path}.tags`)}
                onValue={(tags) => update({ tags })}
              />
              <SelectField
                label={t('campaignSettings.placement')}
                value={rule.placement}
                error={context.err(`${path}.placement`)}
                options={disclosurePlacementSchema.options.map((value) => ({
                  value,
                  label: t(`campaignSettings.placement.${value}`),
                }))}
                onValue={(placement) => update({ placement })}
              />
              <TextField
                label={t('campaignSettings.firstChars')}
                hint={t('campaignSettings.firstCharsHint')}
                type="number"
                min={1}
                value={rule.firstChars ?? ''}
                error={context.err(`${path}.firstChars`)}
                onChange={(event) =>
                  update({ firstChars: event.target.value === '' ? undefined : Number(event.target.value) })
                }
              />
              <TextField
                label={t('campaignSettings.note')}
                value={rule.note ?? ''}
                onChange={(event) => update({ note: event.target.value })}
              />
            </div>
          );
        }}
      />
    </FormSection>
  );
}

function CompetitorsSection({ context, draft, set }: SectionProps) {
  const { t } = context.translator;
  return (
    <FormSection
      title={t('campaignSettings.competitors')}
      description={t('campaignSettings.competitorsLead')}
    >
      <EntryList
        context={context}
        items={draft.competitors}
        onChange={(competitors) => set({ ...draft, competitors })}
        title={(n) => t('campaignSettings.competitor', { n })}
        addLabel={t('campaignSettings.addCompetitor')}
        create={() => ({ name: '', handles: [], keywords: [] })}
        render={(competitor, index, update) => (
          <div className="form-grid">
            <TextField
              label={t('campaignSettings.competitorName')}
              value={competitor.name}
              error={context.err(`competitors.${index}.name`)}
              onChange={(event) => update({ name: event.target.value })}
            />
            <ListField
              label={t('campaignSettings.handles')}
              hint={t('campaignSettings.listHint')}
              value={competitor.handles}
              error={context.err(`competitors.${index}.handles`)}
              onValue={(handles) => update({ handles })}
            />
            <ListField
              label={t('campaignSettings.keywords')}
              hint={t('campaignSettings.listHint')}
              value={competitor.keywords}
              error={context.err(`competitors.${index}.keywords`)}
              onValue={(keywords) => update({ keywords })}
            />
          </div>
        )}
      />
    </FormSection>
  );
}

/** The brief editor: every part of docs/brief.md, saved in one PUT; server problems shown at their field. */
export function BriefEditor(props: {
  campaign: Campaign;
  brief: CampaignBrief | null;
  defaults: readonly DisclosureDefault[];
  canEdit: boolean;
  onSaved: () => void;
}) {
  const translator = useI18n();
  const { t } = translator;
  const [draft, setDraft] = useState<BriefDraft>(() => props.brief?.brief ?? emptyBrief(props.campaign));
  const [saved, setSaved] = useState<string>();
  const set = (next: BriefDraft) => {
    setDraft(next);
    setSaved(undefined);
  };
  const { busy, failure, errors, onSubmit } = useFormSubmit({
    save: () => {
      setSaved(undefined);
      return campaignsApi.saveBrief(props.campaign.id, briefFromDraft(draft));
    },
    fieldsFailure: t('campaignSettings.problems'),
    onSaved: (result) => {
      setDraft(result.brief);
      setSaved(
        t('campaignSettings.briefSaved', {
          messages: result.synced.keyMessages,
          facts: result.synced.facts,
          banned: result.synced.bannedClaims,
          disclosures: result.synced.disclosureRules,
          competitors: result.synced.competitors,
        }),
      );
      props.onSaved();
    },
  });
  const context: EditorContext = {
    translator,
    languages: editingLanguages(props.campaign, draft),
    readOnly: !props.canEdit,
    err: (path) => fieldErrorText(translator, errors.get(path)),
  };

  return (
    <form className="brief-editor" onSubmit={onSubmit} aria-label={t('campaignSettings.brief')} noValidate>
      <h3>{t('campaignSettings.brief')}</h3>
      <p className="field-hint">{t('campaignSettings.briefLead')}</p>
      {props.brief === null ? <p className="notice">{t('campaignSettings.noBrief')}</p> : null}
      <FormSection title={t('campaignSettings.brand')}>
        <div className="form-grid">
          <TextField
            label={t('campaignSettings.brand')}
            value={draft.brand}
            error={context.err('brand')}
            onChange={(event) => set({ ...draft, brand: event.target.value })}
          />
          <TextField
            label={t('campaignSettings.product')}
            value={draft.product ?? ''}
            error={context.err('product')}
            onChange={(event) => set({ ...draft, product: event.target.value })}
          />
          <ListField
            label={t('campaignSettings.briefLanguages')}
            hint={t('campaignSettings.languagesHint')}
            value={draft.languages}
            error={context.err('languages') ?? context.err('languages.0')}
            onValue={(languages) => set({ ...draft, languages })}
          />
          <ListField
            label={t('campaignSettings.hashtags')}
            hint={t('campaignSettings.listHint')}
            value={draft.hashtags}
            error={
              [...errors.keys()].filter((key) => key.startsWith('hashtags')).map((key) => context.err(key))[0]
            }
            onValue={(hashtags) => set({ ...draft, hashtags })}
          />
        </div>
      </FormSection>
      <KeyMessagesSection context={context} draft={draft} set={set} />
      <FactsSection context={context} draft={draft} set={set} />
      <BannedSection context={context} draft={draft} set={set} />
      <ToneSection context={context} draft={draft} set={set} />
      <DisclosureSection
        context={context}
        draft={draft}
        set={set}
        defaults={props.defaults}
        markets={props.campaign.markets}
      />
      <CompetitorsSection context={context} draft={draft} set={set} />
      {failure ? (
        <div className="form-error" role="alert">
          <p>{failure}</p>
          {errors.size > 0 ? (
            <ul>
              {[...errors].map(([path, message]) => (
                <li key={path}>
                  <code>{path}</code>: {fieldErrorText(translator, message)}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <FormOutcome success={saved} />
      {props.canEdit ? (
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy}>
            {t('campaignSettings.saveBrief')}
          </button>
        </div>
      ) : null}
    </form>
  );
}
