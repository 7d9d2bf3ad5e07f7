import { sql, type Kysely } from 'kysely';

/**
 * Listening (issue #8): a search index row per analysed post (full-text vector in the post's own
 * language plus the filter columns, so a filtered search is one index scan), subject mentions and
 * hourly share-of-voice buckets, competitor poaching findings, saved searches and e-mail digests.
 * Every table derived from posts references them ON DELETE CASCADE, so erasing a post erases these.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE listening_post (
      post_id bigint PRIMARY KEY REFERENCES post(id) ON DELETE CASCADE,
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL,
      language text NOT NULL,
      ts_config text NOT NULL,
      market text,
      source_id uuid NOT NULL,
      author_id bigint NOT NULL,
      sentiment text NOT NULL,
      sentiment_score real NOT NULL,
      intents text[] NOT NULL DEFAULT '{}',
      aspects text[] NOT NULL DEFAULT '{}',
      risk_flags text[] NOT NULL DEFAULT '{}',
      engagement integer NOT NULL DEFAULT 0,
      tsv tsvector NOT NULL
    );
    CREATE INDEX listening_post_time ON listening_post (workspace_id, created_at DESC, post_id DESC);
    CREATE INDEX listening_post_tsv ON listening_post USING gin (tsv);
    CREATE INDEX listening_post_author ON listening_post (author_id);
    -- Finds the replies to a post that arrived after them (poaching replies to a late parent).
    CREATE INDEX listening_reply_lookup ON post (source_id, reply_to_external_id)
      WHERE reply_to_external_id IS NOT NULL;

    -- A post rewritten after indexing (redaction, anonymisation) must not stay findable by its
    -- old words or old author: the search row follows the post.
    CREATE FUNCTION listening_post_follow() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE listening_post
        SET tsv = to_tsvector(ts_config::regconfig, NEW.text), author_id = NEW.author_id
        WHERE post_id = NEW.id;
      RETURN NULL;
    END $$;
    CREATE TRIGGER listening_post_follow AFTER UPDATE OF text, author_id ON post
      FOR EACH ROW WHEN (OLD.text IS DISTINCT FROM NEW.text OR OLD.author_id IS DISTINCT FROM NEW.author_id)
      EXECUTE FUNCTION listening_post_follow();

    CREATE TABLE listening_mention (
      post_id bigint NOT NULL REFERENCES post(id) ON DELETE CASCADE,
      campaign_id uuid NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
      subject text NOT NULL,
      created_at timestamptz NOT NULL,
      language text NOT NULL,
      market text NOT NULL,
      sentiment text NOT NULL,
      aspects text[] NOT NULL DEFAULT '{}',
      PRIMARY KEY (post_id, campaign_id, subject)
    );
    CREATE INDEX listening_mention_campaign_time ON listening_mention (campaign_id, created_at);

    CREATE TABLE listening_sov_bucket (
      campaign_id uuid NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
      hour timestamptz NOT NULL,
      subject text NOT NULL,
      language text NOT NULL,
      market text NOT NULL,
      sentiment text NOT NULL,
      posts integer NOT NULL,
      PRIMARY KEY (campaign_id, hour, subject, language, market, sentiment)
    );

    CREATE TABLE listening_aspect_bucket (
      campaign_id uuid NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
      day date NOT NULL,
      subject text NOT NULL,
      aspect text NOT NULL,
      sentiment text NOT NULL,
      posts integer NOT NULL,
      PRIMARY KEY (campaign_id, day, subject, aspect, sentiment)
    );

    CREATE TABLE listening_poaching (
      post_id bigint NOT NULL REFERENCES post(id) ON DELETE CASCADE,
      campaign_id uuid NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      competitor text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('competitor_reply', 'suspected_staff_reply', 'switch_announcement')),
      target_post_id bigint REFERENCES post(id) ON DELETE CASCADE,
      target_is_complaint boolean NOT NULL DEFAULT false,
      evidence text NOT NULL,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (post_id, campaign_id, competitor, kind)
    );
    CREATE INDEX listening_poaching_campaign_time ON listening_poaching (campaign_id, created_at);

    CREATE TABLE listening_saved_search (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      name text NOT NULL,
      filter jsonb NOT NULL,
      created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (workspace_id, name)
    );

    CREATE TABLE listening_digest (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      saved_search_id uuid NOT NULL REFERENCES listening_saved_search(id) ON DELETE CASCADE,
      recipients text[] NOT NULL,
      frequency text NOT NULL CHECK (frequency IN ('daily', 'weekly')),
      hour_utc integer NOT NULL CHECK (hour_utc BETWEEN 0 AND 23),
      locale text NOT NULL CHECK (locale IN ('en', 'es', 'sv')),
      next_due_at timestamptz NOT NULL,
      last_sent_at timestamptz,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX listening_digest_due ON listening_digest (next_due_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER listening_post_follow ON post`.execute(db);
  await sql`DROP FUNCTION listening_post_follow`.execute(db);
  await sql`DROP INDEX listening_reply_lookup`.execute(db);
  await sql`DROP TABLE listening_digest, listening_saved_search, listening_poaching, listening_aspect_bucket,
    listening_sov_bucket, listening_mention, listening_post`.execute(db);
}
