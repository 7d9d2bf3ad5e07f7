// The one port every network connector (Mastodon, Bluesky, RSS/Atom) sits behind. A connector only
// speaks its network's protocol and turns what it reads into records in Ombud's flat import format
// (docs/import-format.md); the supervisor stores each batch through the ordinary ingest path
// (validation, redaction, campaign matching, idempotency on (source, id)) and only then saves the
// batch's cursor. So a crash between the two re-reads a batch, and re-reading adds nothing.

/** A post in Ombud's flat import format: `id`, `text`, `created_at`, `author`, and the optional fields. */
export type ConnectorRecord = Record<string, unknown>;

/** A new version of a post, as the network reported it edited. */
export interface ConnectorEdit {
  record: ConnectorRecord;
  /** When the network says it was edited (ISO 8601): a version older than the stored one is ignored. */
  editedAt: string;
  /** True when the edit is only for a post already stored (it no longer matches, say): never stored new. */
  ifStored?: boolean;
}

export interface ConnectorBatch {
  /** New posts (a post already stored is a duplicate and adds nothing). */
  records: readonly ConnectorRecord[];
  /**
   * Edited posts: stored like a record when new; when stored already, their text is replaced (under
   * the privacy policy) and analysed again, once per version. Applied after `records`.
   */
  edits?: readonly ConnectorEdit[];
  /**
   * Ids (as in a record's `id`) of posts deleted on the network: a stored one is erased through the
   * privacy path (text and copies removed, tombstoned against re-import). Applied after `edits`.
   */
  deletions?: readonly string[];
  /**
   * True when only the cursor moved to remember something (a back-off), not because anything was
   * read: the connector's last-success time and failure count are left alone.
   */
  stateOnly?: boolean;
  /**
   * Where to resume after this batch is stored (an opaque string only this connector reads back),
   * or null to keep the previous cursor.
   */
  cursor: string | null;
}

export interface ConnectorLog {
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
}

/** Figures a connector reports as it runs (kept per connector for `/metrics`). */
export interface ConnectorMetricsSink {
  /** The network asked to wait (rate limit, Retry-After) and the connector waited this long. */
  rateLimitWait(millis: number): void;
  /** A transient error the connector handles itself (a retried request, a dropped socket). */
  error(): void;
}

export interface ConnectorRunContext {
  /** The cursor the last stored batch left, or null on the first run. */
  cursor: string | null;
  /** Aborted on shutdown, when the connector is disabled, or when its lease is lost. */
  signal: AbortSignal;
  now(): Date;
  /** Resolves after `millis` or as soon as `signal` aborts (never rejects). */
  sleep(millis: number): Promise<void>;
  log: ConnectorLog;
  metrics?: ConnectorMetricsSink;
}

/**
 * A running connector is an async iterable of batches. Back-pressure is the iteration itself: the
 * supervisor asks for the next batch only after the previous one is stored, so a connector must
 * not read ahead without bound (a streaming connector keeps a bounded buffer and, when it fills,
 * drops the connection and resumes later from its cursor). The iterable ends when `signal` aborts.
 * Transient network errors are the connector's to retry (following the platform's rate-limit
 * headers); an error it throws is recorded on the connector and the supervisor restarts it later.
 */
export interface Connector {
  readonly kind: ConnectorKind;
  /** The platform name stored on each post and its source (`mastodon`, `bluesky`, `rss`). */
  readonly platform: string;
  run(context: ConnectorRunContext): AsyncIterable<ConnectorBatch>;
}

export type ConnectorKind = 'mastodon' | 'bluesky' | 'rss';

/** Sending a reply from the inbox, for networks that allow it (Mastodon). */
export interface ReplyPort {
  reply(input: {
    inReplyToExternalId: string;
    text: string;
    language: string | null;
    /** The same key on every attempt of one reply, so the network posts it once. */
    idempotencyKey?: string;
    signal?: AbortSignal;
  }): Promise<{
    externalId: string;
    url: string | null;
  }>;
}
