import {
  DEFAULT_BLUESKY_RESOLVER_URL,
  DEFAULT_JETSTREAM_URL,
  type blueskySettingsSchema,
} from '@ombud/contract';
import type { z } from 'zod';
import { FormSection, ListField } from '../../components/form-field.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

export type BlueskySettingsDraft = z.input<typeof blueskySettingsSchema>;

export const emptyBlueskySettings = (): BlueskySettingsDraft => ({
  keywords: [],
  hashtags: [],
  handles: [],
  jetstreamUrl: DEFAULT_JETSTREAM_URL,
  resolverUrl: DEFAULT_BLUESKY_RESOLVER_URL,
});

/** The settings of a Bluesky connector: what to keep, and which Jetstream and resolver to ask. */
export function BlueskySettingsFields(props: {
  value: BlueskySettingsDraft;
  onValue: (value: BlueskySettingsDraft) => void;
  /** The server's message for a settings field (`keywords`, `jetstreamUrl`…), if it refused one. */
  errorFor?: (field: keyof BlueskySettingsDraft) => string | undefined;
}) {
  const { t } = useI18n();
  const set = (patch: Partial<BlueskySettingsDraft>) => props.onValue({ ...props.value, ...patch });
  const error = (field: keyof BlueskySettingsDraft) => props.errorFor?.(field);
  return (
    <FormSection title={t('feedConnectors.bluesky.title')} description={t('feedConnectors.bluesky.lead')}>
      <ListField
        label={t('feedConnectors.bluesky.keywords')}
        hint={t('feedConnectors.bluesky.keywordsHint')}
        error={error('keywords')}
        value={props.value.keywords ?? []}
        onValue={(keywords) => set({ keywords })}
      />
      <ListField
        label={t('feedConnectors.bluesky.hashtags')}
        hint={t('feedConnectors.bluesky.hashtagsHint')}
        error={error('hashtags')}
        value={props.value.hashtags ?? []}
        onValue={(hashtags) => set({ hashtags })}
      />
      <ListField
        label={t('feedConnectors.bluesky.handles')}
        hint={t('feedConnectors.bluesky.handlesHint')}
        error={error('handles')}
        value={props.value.handles ?? []}
        onValue={(handles) => set({ handles })}
        placeholder="nordvik.bsky.social"
      />
      <TextField
        label={t('feedConnectors.bluesky.jetstreamUrl')}
        hint={t('feedConnectors.bluesky.jetstreamUrlHint')}
        error={error('jetstreamUrl')}
        type="url"
        value={props.value.jetstreamUrl ?? ''}
        onChange={(event) => set({ jetstreamUrl: event.target.value })}
      />
      <TextField
        label={t('feedConnectors.bluesky.resolverUrl')}
        hint={t('feedConnectors.bluesky.resolverUrlHint')}
        error={error('resolverUrl')}
        type="url"
        value={props.value.resolverUrl ?? ''}
        onChange={(event) => set({ resolverUrl: event.target.value })}
      />
    </FormSection>
  );
}
