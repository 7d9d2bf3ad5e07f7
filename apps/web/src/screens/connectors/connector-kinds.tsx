// The settings form of each connector kind. The screen is generic: it shows the form of the chosen
// kind and the kind's secret fields. Adding a kind is one entry here (and its fields component).
import type { ConnectorKindName } from '@ombud/contract';
import type { ReactNode } from 'react';
import type { MessageKey } from '../../i18n/messages.en.ts';
import { BlueskySettingsFields, emptyBlueskySettings } from './bluesky-settings-fields.tsx';
import { emptyMastodonSettings, MastodonSettingsFields } from './mastodon-settings-fields.tsx';
import { emptyRssSettings, RssSettingsFields } from './rss-settings-fields.tsx';

export type SettingsDraft = Record<string, unknown>;

export interface ConnectorKindForm {
  label: MessageKey;
  empty: () => SettingsDraft;
  render: (props: { value: SettingsDraft; onValue: (value: SettingsDraft) => void }) => ReactNode;
  /** Write-only fields, by name, with their label. */
  secrets: readonly { name: string; label: MessageKey }[];
}

/** Erases a kind's draft type: the server checks the settings against the kind anyway. */
function kindForm<D extends object>(form: {
  label: MessageKey;
  empty: () => D;
  Fields: (props: { value: D; onValue: (value: D) => void }) => ReactNode;
  secrets?: readonly { name: string; label: MessageKey }[];
}): ConnectorKindForm {
  const { Fields } = form;
  return {
    label: form.label,
    empty: () => ({ ...form.empty() }) as SettingsDraft,
    render: ({ value, onValue }) => (
      <Fields value={value as D} onValue={(next) => onValue(next as SettingsDraft)} />
    ),
    secrets: form.secrets ?? [],
  };
}

export const CONNECTOR_KIND_FORMS: Record<ConnectorKindName, ConnectorKindForm> = {
  mastodon: kindForm({
    label: 'connectors.kind.mastodon',
    empty: emptyMastodonSettings,
    Fields: MastodonSettingsFields,
    secrets: [{ name: 'accessToken', label: 'connectors.secret.accessToken' }],
  }),
  bluesky: kindForm({
    label: 'connectors.kind.bluesky',
    empty: emptyBlueskySettings,
    Fields: BlueskySettingsFields,
  }),
  rss: kindForm({ label: 'connectors.kind.rss', empty: emptyRssSettings, Fields: RssSettingsFields }),
};

export const CONNECTOR_KINDS = Object.keys(CONNECTOR_KIND_FORMS) as ConnectorKindName[];

export function isConnectorKind(kind: string): kind is ConnectorKindName {
  return (CONNECTOR_KINDS as string[]).includes(kind);
}
