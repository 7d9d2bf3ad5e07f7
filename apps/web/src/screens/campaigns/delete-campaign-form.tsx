import type { Campaign } from '@ombud/contract';
import { useState } from 'react';
import { campaignsApi } from '../../api/campaigns.api.ts';
import { FormOutcome, FormSection } from '../../components/form-field.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useFormSubmit } from '../../components/use-form-submit.ts';
import { useI18n } from '../../i18n/i18n.tsx';

/**
 * Deleting a campaign (owners only): it takes the campaign's crisis history, inbox items, alerts and
 * reports with it, so the owner types the campaign's name before the button does anything.
 */
export function DeleteCampaignForm(props: { campaign: Campaign; onDeleted: (name: string) => void }) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const matches = typed.trim() === props.campaign.name;
  const { busy, failure, onSubmit } = useFormSubmit({
    save: () => campaignsApi.remove(props.campaign.id),
    onSaved: () => props.onDeleted(props.campaign.name),
  });
  return (
    <form onSubmit={onSubmit} aria-label={t('campaignSettings.delete')}>
      <FormSection
        title={t('campaignSettings.delete')}
        description={t('campaignSettings.deleteLead', { name: props.campaign.name })}
      >
        <TextField
          label={t('campaignSettings.deleteConfirm', { name: props.campaign.name })}
          value={typed}
          autoComplete="off"
          onChange={(event) => setTyped(event.target.value)}
        />
        <div className="form-actions">
          <button type="submit" className="button danger" disabled={busy || !matches}>
            {t('campaignSettings.deleteButton', { name: props.campaign.name })}
          </button>
        </div>
        <FormOutcome failure={failure} />
      </FormSection>
    </form>
  );
}
