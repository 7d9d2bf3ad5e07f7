import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE post_analysis (
      post_id bigint PRIMARY KEY REFERENCES post(id) ON DELETE CASCADE,
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      language text NOT NULL,
      language_confidence real NOT NULL,
      sentiment text NOT NULL CHECK (sentiment IN ('positive','neutral','negative')),
      sentiment_score real NOT NULL,
      intents text[] NOT NULL DEFAULT '{}',
      aspects text[] NOT NULL DEFAULT '{}',
      toxicity text NOT NULL,
      result jsonb NOT NULL,
      analyser_version text NOT NULL,
      analysed_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX post_analysis_language_sentiment ON post_analysis (workspace_id, language, sentiment);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE post_analysis`.execute(db);
}
