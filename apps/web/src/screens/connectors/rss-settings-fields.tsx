import type { rssSettingsSchema } from '@ombud/contract';
import { useState } from 'react';
import type { z } from 'zod';
import { FormSection, TextAreaField } from '../../components/form-field.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

export type RssSettingsDraft = z.input<typeof rssSettingsSchema>;

export const emptyRssSettings = (): RssSettingsDraft => ({ feeds: [], pollIntervalSeconds: 900 });

const feedLines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);

/** The settings of an RSS/Atom connector: which feeds, and how often at most. */
export function RssSettingsFields(props: {
  value: RssSettingsDraft;
  onValue: (value: RssSettingsDraft) => void;
  errorFor?: (field: keyof RssSettingsDraft) => string | undefined;
}) {
  const { t } = useI18n();
  const set = (patch: Partial<RssSettingsDraft>) => props.onValue({ ...props.value, ...patch });
  // The text is kept as typed (a new empty line stays) and the list is read from it.
  const [feedText, setFeedText] = useState(props.value.feeds.join('\n'));
  return (
    <FormSection title={t('feedConnectors.rss.title')} description={t('feedConnectors.rss.lead')}>
      <TextAreaField
        label={t('feedConnectors.rss.feeds')}
        hint={t('feedConnectors.rss.feedsHint')}
        error={props.errorFor?.('feeds')}
        rows={4}
        value={feedText}
        onChange={(event) => {
          setFeedText(event.target.value);
          set({ feeds: feedLines(event.target.value) });
        }}
      />
      <TextField
        label={t('feedConnectors.rss.pollInterval')}
        hint={t('feedConnectors.rss.pollIntervalHint')}
        error={props.errorFor?.('pollIntervalSeconds')}
        type="number"
        min={60}
        step={60}
        value={String(props.value.pollIntervalSeconds ?? 900)}
        onChange={(event) => set({ pollIntervalSeconds: Number(event.target.value) })}
      />
    </FormSection>
  );
}
