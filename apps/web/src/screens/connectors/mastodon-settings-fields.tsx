import type { mastodonSettingsSchema } from '@ombud/contract';
import type { z } from 'zod';
import { Field, FormSection, ListField } from '../../components/form-field.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

export type MastodonSettingsDraft = z.input<typeof mastodonSettingsSchema>;

export const emptyMastodonSettings = (): MastodonSettingsDraft => ({
  instanceUrl: '',
  hashtags: [],
  searches: [],
  streaming: true,
  pollIntervalSeconds: 60,
  publishReplies: false,
});

/** The settings of a Mastodon connector: which instance, hashtags and searches, and how to read them. */
export function MastodonSettingsFields(props: {
  value: MastodonSettingsDraft;
  onValue: (value: MastodonSettingsDraft) => void;
  errorFor?: (field: keyof MastodonSettingsDraft) => string | undefined;
}) {
  const { t } = useI18n();
  const set = (patch: Partial<MastodonSettingsDraft>) => props.onValue({ ...props.value, ...patch });
  const error = (field: keyof MastodonSettingsDraft) => props.errorFor?.(field);
  return (
    <FormSection title={t('connectors.mastodon.title')} description={t('connectors.mastodon.lead')}>
      <TextField
        label={t('connectors.mastodon.instanceUrl')}
        hint={t('connectors.mastodon.instanceUrlHint')}
        error={error('instanceUrl')}
        type="url"
        required
        value={props.value.instanceUrl}
        onChange={(event) => set({ instanceUrl: event.target.value })}
        placeholder="https://mastodon.social"
      />
      <ListField
        label={t('connectors.mastodon.hashtags')}
        hint={t('connectors.mastodon.hashtagsHint')}
        error={error('hashtags')}
        value={props.value.hashtags ?? []}
        onValue={(hashtags) => set({ hashtags })}
      />
      <ListField
        label={t('connectors.mastodon.searches')}
        hint={t('connectors.mastodon.searchesHint')}
        error={error('searches')}
        value={props.value.searches ?? []}
        onValue={(searches) => set({ searches })}
      />
      <TextField
        label={t('connectors.mastodon.pollInterval')}
        hint={t('connectors.mastodon.pollIntervalHint')}
        error={error('pollIntervalSeconds')}
        type="number"
        min={5}
        max={3600}
        value={String(props.value.pollIntervalSeconds ?? 60)}
        onChange={(event) => set({ pollIntervalSeconds: Number(event.target.value) })}
      />
      <Field label={t('connectors.mastodon.streaming')} error={error('streaming')} className="checkbox-field">
        {(control) => (
          <input
            {...control}
            type="checkbox"
            checked={props.value.streaming ?? true}
            onChange={(event) => set({ streaming: event.target.checked })}
          />
        )}
      </Field>
      <Field
        label={t('connectors.mastodon.publishReplies')}
        hint={t('connectors.mastodon.publishRepliesHint')}
        error={error('publishReplies')}
        className="checkbox-field"
      >
        {(control) => (
          <input
            {...control}
            type="checkbox"
            checked={props.value.publishReplies ?? false}
            onChange={(event) => set({ publishReplies: event.target.checked })}
          />
        )}
      </Field>
    </FormSection>
  );
}
