import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type BigRef = ColumnType<string, string | number, string | number>;

/** One analysed post as the search index sees it (derived; cascades from `post`). */
export interface ListeningPostTable {
  post_id: BigRef;
  workspace_id: string;
  created_at: Timestamp;
  language: string;
  ts_config: string;
  market: string | null;
  source_id: string;
  author_id: BigRef;
  sentiment: string;
  sentiment_score: number;
  intents: string[];
  aspects: string[];
  risk_flags: string[];
  engagement: number;
  tsv: string;
}

/** A post that names the brand (`subject` = '') or a competitor (its name), per campaign. */
export interface ListeningMentionTable {
  post_id: BigRef;
  campaign_id: string;
  subject: string;
  created_at: Timestamp;
  language: string;
  market: string;
  sentiment: string;
  aspects: string[];
}

export interface ListeningSovBucketTable {
  campaign_id: string;
  hour: Timestamp;
  subject: string;
  language: string;
  market: string;
  sentiment: string;
  posts: number;
  /** Striped counter: one row per key and writing connection's slot (db/counter-slot.ts); readers sum. */
  slot: Generated<number>;
}

export interface ListeningAspectBucketTable {
  campaign_id: string;
  day: ColumnType<string, string, string>;
  subject: string;
  aspect: string;
  sentiment: string;
  posts: number;
  /** Striped counter: one row per key and writing connection's slot (db/counter-slot.ts); readers sum. */
  slot: Generated<number>;
}

export interface ListeningPoachingTable {
  post_id: BigRef;
  campaign_id: string;
  workspace_id: string;
  competitor: string;
  kind: 'competitor_reply' | 'suspected_staff_reply' | 'switch_announcement';
  target_post_id: BigRef | null;
  target_is_complaint: boolean;
  evidence: string;
  created_at: Timestamp;
}

export interface ListeningSavedSearchTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  filter: JSONColumnType<Record<string, unknown>, string, string>;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface ListeningDigestTable {
  id: Generated<string>;
  workspace_id: string;
  saved_search_id: string;
  recipients: string[];
  frequency: 'daily' | 'weekly';
  hour_utc: number;
  locale: 'en' | 'es' | 'sv';
  next_due_at: Timestamp;
  last_sent_at: Timestamp | null;
  last_error: string | null;
  created_at: CreatedAt;
}

/** Kysely table types for issue #8 (listening); `Database` extends this. */
export interface ListeningTables {
  listening_post: ListeningPostTable;
  listening_mention: ListeningMentionTable;
  listening_sov_bucket: ListeningSovBucketTable;
  listening_aspect_bucket: ListeningAspectBucketTable;
  listening_poaching: ListeningPoachingTable;
  listening_saved_search: ListeningSavedSearchTable;
  listening_digest: ListeningDigestTable;
}
