// Connector kinds, declared: each kind maps to a factory building its connector (and, where the
// network allows it, the port that publishes inbox replies). A kind in the contract's union
// without a factory here fails to compile. Add a kind with one line below.
import type {
  ConnectorConfig,
  ConnectorKindName,
  ConnectorSecretsOf,
  ConnectorSettingsOf,
} from '@ombud/contract';
import type { Connector, ReplyPort } from './connector.ts';
import { createMastodonConnector } from './mastodon/mastodon.connector.ts';
import { createMastodonReplyPort } from './mastodon/mastodon-reply.ts';
import { blueskyConnectorFactory } from './bluesky/bluesky.connector.ts';
import { rssConnectorFactory } from './rss/rss.connector.ts';

export interface ConnectorDeps {
  /** The connector row's id (a default source name, log context). */
  connectorId: string;
  fetch: typeof globalThis.fetch;
  /** First retry delay on transient errors; tests shorten it. */
  retryBaseMillis?: number;
}

export interface ConnectorInstance {
  connector: Connector;
  /**
   * The source its posts' ids are unique within (several connectors on one Mastodon instance share
   * one, so a status is stored once). Default: `<kind>:<connector id>`.
   */
  sourceName?: string;
  /** Present when this connector may publish inbox replies on its network. */
  replyPort?: ReplyPort;
}

export type ConnectorFactory<K extends ConnectorKindName> = (
  settings: ConnectorSettingsOf<K>,
  secrets: ConnectorSecretsOf<K>,
  deps: ConnectorDeps,
) => ConnectorInstance;

export const connectorFactories: { [K in ConnectorKindName]: ConnectorFactory<K> } = {
  mastodon: (settings, secrets, deps) => ({
    connector: createMastodonConnector({
      settings,
      secrets,
      fetch: deps.fetch,
      ...(deps.retryBaseMillis !== undefined ? { retryBaseMillis: deps.retryBaseMillis } : {}),
    }),
    sourceName: `mastodon:${new URL(settings.instanceUrl).host}`,
    ...(settings.publishReplies && secrets.accessToken
      ? {
          replyPort: createMastodonReplyPort({
            instanceUrl: settings.instanceUrl,
            accessToken: secrets.accessToken,
            fetch: deps.fetch,
            ...(deps.retryBaseMillis !== undefined ? { retryBaseMillis: deps.retryBaseMillis } : {}),
          }),
        }
      : {}),
  }),
  bluesky: blueskyConnectorFactory,
  rss: rssConnectorFactory,
};

/** Builds the connector for a checked configuration. */
export function createConnector(config: ConnectorConfig, deps: ConnectorDeps): ConnectorInstance {
  return build(config.kind, config.settings, config.secrets, deps);
}

// Generic over the kind, so the factory's settings type follows the kind (a correlated union).
function build<K extends ConnectorKindName>(
  kind: K,
  settings: ConnectorSettingsOf<K>,
  secrets: ConnectorSecretsOf<K>,
  deps: ConnectorDeps,
): ConnectorInstance {
  const factory: ConnectorFactory<K> = connectorFactories[kind];
  return factory(settings, secrets, deps);
}

/** The source name posts of this connector are stored under. */
export function connectorSourceName(instance: ConnectorInstance, kind: string, connectorId: string): string {
  return instance.sourceName ?? `${kind}:${connectorId}`;
}
