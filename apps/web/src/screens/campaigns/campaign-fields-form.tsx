import type { Campaign, CampaignInput } from '@ombud/contract';
import { useState } from 'react';
import { campaignsApi } from '../../api/campaigns.api.ts';
import { FormOutcome, FormSection, ListField } from '../../components/form-field.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useFormSubmit } from '../../components/use-form-submit.ts';
import { useI18n } from '../../i18n/i18n.tsx';

type Fields = Pick<
  CampaignInput,
  'name' | 'hashtags' | 'keywords' | 'handles' | 'languages' | 'markets' | 'startsAt' | 'endsAt'
>;

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO instant as the value of a datetime-local input, in the browser's time zone. */
function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function fromLocalInput(value: string): string | null {
  return value ? new Date(value).toISOString() : null;
}

/** Creates a campaign, or edits the fields of one (its brief fields are kept as they are). */
export function CampaignFieldsForm(props: {
  campaign: Campaign | null;
  canEdit: boolean;
  onSaved: (campaign: Campaign, created: boolean) => void;
}) {
  const translator = useI18n();
  const { t } = translator;
  const source = props.campaign;
  const [fields, setFields] = useState<Fields>({
    name: source?.name ?? '',
    hashtags: source?.hashtags ?? [],
    keywords: source?.keywords ?? [],
    handles: source?.handles ?? [],
    languages: source?.languages ?? ['en', 'es', 'sv'],
    markets: source?.markets ?? [],
    startsAt: source?.startsAt ?? null,
    endsAt: source?.endsAt ?? null,
  });
  const [saved, setSaved] = useState<string>();
  const set = (patch: Partial<Fields>) => {
    setFields({ ...fields, ...patch });
    setSaved(undefined);
  };
  const { busy, failure, err, onSubmit } = useFormSubmit({
    save: () => {
      // The brief-derived fields travel unchanged: this form edits only what the campaign listens for.
      const body: CampaignInput = source
        ? {
            ...fields,
            keyMessages: source.keyMessages,
            factSheet: source.factSheet,
            bannedClaims: source.bannedClaims,
            requiredDisclosures: source.requiredDisclosures,
            competitors: source.competitors,
            brief: source.brief,
          }
        : fields;
      setSaved(undefined);
      return source ? campaignsApi.update(source.id, body) : campaignsApi.create(body);
    },
    onSaved: (result) => {
      setSaved(
        source
          ? t('campaignSettings.campaignSaved')
          : t('campaignSettings.campaignCreated', { name: result.name }),
      );
      props.onSaved(result, !source);
    },
  });

  return (
    <form onSubmit={onSubmit} aria-label={t('campaignSettings.fields')}>
      <FormSection title={t('campaignSettings.fields')} description={t('campaignSettings.fieldsLead')}>
        <fieldset className="plain-fieldset form-grid" disabled={!props.canEdit}>
          <TextField
            label={t('campaignSettings.name')}
            value={fields.name}
            error={err('name')}
            onChange={(event) => set({ name: event.target.value })}
          />
          <ListField
            label={t('campaignSettings.hashtags')}
            hint={t('campaignSettings.listHint')}
            value={fields.hashtags ?? []}
            error={err('hashtags')}
            onValue={(hashtags) => set({ hashtags })}
          />
          <ListField
            label={t('campaignSettings.keywords')}
            hint={t('campaignSettings.listHint')}
            value={fields.keywords ?? []}
            error={err('keywords')}
            onValue={(keywords) => set({ keywords })}
          />
          <ListField
            label={t('campaignSettings.handles')}
            hint={t('campaignSettings.listHint')}
            value={fields.handles ?? []}
            error={err('handles')}
            onValue={(handles) => set({ handles })}
          />
          <ListField
            label={t('campaignSettings.languages')}
            hint={t('campaignSettings.languagesHint')}
            value={fields.languages ?? []}
            error={err('languages')}
            onValue={(languages) => set({ languages })}
          />
          <ListField
            label={t('campaignSettings.markets')}
            hint={t('campaignSettings.marketsHint')}
            value={fields.markets ?? []}
            error={err('markets')}
            onValue={(markets) => set({ markets: markets.map((market) => market.toUpperCase()) })}
          />
          <TextField
            label={t('campaignSettings.startsAt')}
            type="datetime-local"
            value={toLocalInput(fields.startsAt)}
            error={err('startsAt')}
            onChange={(event) => set({ startsAt: fromLocalInput(event.target.value) })}
          />
          <TextField
            label={t('campaignSettings.endsAt')}
            type="datetime-local"
            value={toLocalInput(fields.endsAt)}
            error={err('endsAt')}
            onChange={(event) => set({ endsAt: fromLocalInput(event.target.value) })}
          />
        </fieldset>
        {props.canEdit ? (
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={busy}>
              {source ? t('campaignSettings.saveCampaign') : t('campaignSettings.createCampaign')}
            </button>
          </div>
        ) : null}
        <FormOutcome failure={failure} success={saved} />
      </FormSection>
    </form>
  );
}
