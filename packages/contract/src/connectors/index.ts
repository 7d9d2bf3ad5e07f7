// Network connectors (issue #11). Each kind lives in its own file and exports
// `<kind>ConnectorSchema = z.object({ kind: z.literal(...), settings, secrets })`; add it to the
// union below (one line) and a factory to apps/server/src/connectors/registry.ts (one line).
import { z } from 'zod';
import { mastodonConnectorSchema } from './mastodon.ts';
import { blueskyConnectorSchema } from './bluesky.ts';
import { rssConnectorSchema } from './rss.ts';

export * from './mastodon.ts';
export * from './bluesky.ts';
export * from './rss.ts';

/** Kind, settings and secrets of a connector, checked per kind. */
export const connectorConfigSchema = z.discriminatedUnion('kind', [
  mastodonConnectorSchema,
  blueskyConnectorSchema,
  rssConnectorSchema,
]);
export type ConnectorConfig = z.output<typeof connectorConfigSchema>;
export type ConnectorKindName = ConnectorConfig['kind'];
export type ConnectorSettingsOf<K extends ConnectorKindName> = Extract<
  ConnectorConfig,
  { kind: K }
>['settings'];
export type ConnectorSecretsOf<K extends ConnectorKindName> = Extract<
  ConnectorConfig,
  { kind: K }
>['secrets'];

export const connectorStatusSchema = z.enum(['idle', 'running', 'backoff', 'failed', 'disabled']);

/** A connector as the API shows it: secrets are never returned, only which ones are set. */
export const connectorSchema = z.object({
  id: z.string(),
  kind: z.string(),
  name: z.string(),
  settings: z.record(z.string(), z.unknown()),
  secretsSet: z.array(z.string()),
  enabled: z.boolean(),
  status: connectorStatusSchema,
  lastError: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
  lastBatchAt: z.string().nullable(),
  counts: z.object({ accepted: z.number(), duplicate: z.number(), rejected: z.number() }),
  /** Which process pulls it now (host:pid), while its lease is valid. */
  runningOn: z.string().nullable(),
  hasCursor: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ConnectorRecordView = z.infer<typeof connectorSchema>;

export const connectorListSchema = z.object({ connectors: z.array(connectorSchema) });

const connectorNameSchema = z.string().trim().min(1, 'give the connector a name').max(100);

export const connectorCreateBodySchema = z.intersection(
  z.object({ name: connectorNameSchema, enabled: z.boolean().default(true) }),
  connectorConfigSchema,
);
export type ConnectorCreateBody = z.output<typeof connectorCreateBodySchema>;

/**
 * A change: the settings are checked against the connector's kind; each secret given replaces the
 * stored one, `null` removes it, and a secret left out is kept.
 */
export const connectorUpdateBodySchema = z.object({
  name: connectorNameSchema.optional(),
  enabled: z.boolean().optional(),
  settings: z.record(z.string(), z.unknown()).optional(),
  secrets: z.record(z.string(), z.string().max(500).nullable()).optional(),
  /** Forget the cursor, so the next run starts from the newest posts again. */
  resetCursor: z.boolean().optional(),
});
export type ConnectorUpdateBody = z.output<typeof connectorUpdateBodySchema>;
