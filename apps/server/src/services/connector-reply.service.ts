// Publishing inbox replies through a connector. `sendReply` (inbox-reply.service.ts) writes one
// outbox message per recipient only once the reply may go out (after a second person's approval
// when one is needed; a cluster member at most once). The connector that holds the lease for the
// post's source drains those messages here: each is claimed (queued → sending) by one process,
// posted with an idempotency key derived from the outbox id (so a retry after a crash is not
// posted twice), and its external id and url are stored. Outbox messages of posts no publishing
// connector reads stay queued, as before.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { ReplyPort } from '../connectors/connector.ts';

export interface DeliverConnectorRepliesInput {
  workspaceId: string;
  connectorId: string;
  /** The source (kind 'connector') whose posts this connector reads. */
  sourceName: string;
  replyPort: ReplyPort;
  now: () => Date;
  signal?: AbortSignal;
  /** Attempts before a message is marked failed (default 5). */
  maxAttempts?: number;
  limit?: number;
}

export interface DeliveryCounts {
  delivered: number;
  failed: number;
  retrying: number;
}

export function replyIdempotencyKey(workspaceId: string, outboxId: string): string {
  return `ombud-${workspaceId}-outbox-${outboxId}`;
}

/** Sends the queued outbox messages for posts of one connector's source. */
export async function deliverConnectorReplies(
  db: Kysely<Database>,
  input: DeliverConnectorRepliesInput,
): Promise<DeliveryCounts> {
  const counts: DeliveryCounts = { delivered: 0, failed: 0, retrying: 0 };
  const maxAttempts = input.maxAttempts ?? 5;
  // A message this connector claimed before it stopped abruptly goes out again (same key).
  await sql`
    UPDATE inbox_outbox o SET status = 'queued'
    FROM connector_reply r
    WHERE r.outbox_id = o.id AND r.connector_id = ${input.connectorId} AND o.status = 'sending'
      AND r.delivered_at IS NULL
  `.execute(db);
  const queued = await sql<{ id: string; body: string; external_id: string; language: string | null }>`
    SELECT o.id::text AS id, o.body, p.external_id, p.language
    FROM inbox_outbox o JOIN post p ON p.id = o.post_id JOIN source s ON s.id = p.source_id
    WHERE o.workspace_id = ${input.workspaceId} AND o.status = 'queued'
      AND s.kind = 'connector' AND s.name = ${input.sourceName}
    ORDER BY o.id
    LIMIT ${input.limit ?? 20}
  `.execute(db);
  for (const message of queued.rows) {
    if (input.signal?.aborted) break;
    const key = replyIdempotencyKey(input.workspaceId, message.id);
    const claimed = await db.transaction().execute(async (trx) => {
      const row = await sql<{ id: string }>`
        UPDATE inbox_outbox SET status = 'sending' WHERE id = ${message.id} AND status = 'queued' RETURNING id
      `.execute(trx);
      if (row.rows.length === 0) return undefined;
      const attempt = await sql<{ attempts: number }>`
        INSERT INTO connector_reply (outbox_id, workspace_id, connector_id, idempotency_key, attempts)
        VALUES (${message.id}, ${input.workspaceId}, ${input.connectorId}, ${key}, 1)
        ON CONFLICT (outbox_id) DO UPDATE
          SET attempts = connector_reply.attempts + 1, connector_id = EXCLUDED.connector_id
        RETURNING attempts
      `.execute(trx);
      return attempt.rows[0]?.attempts ?? 1;
    });
    if (claimed === undefined) continue;
    try {
      const published = await input.replyPort.reply({
        inReplyToExternalId: message.external_id,
        text: message.body,
        language: message.language,
        idempotencyKey: key,
        ...(input.signal ? { signal: input.signal } : {}),
      });
      const at = input.now();
      await db.transaction().execute(async (trx) => {
        await sql`UPDATE inbox_outbox SET status = 'delivered', delivered_at = ${at} WHERE id = ${message.id}`.execute(
          trx,
        );
        await sql`
          UPDATE connector_reply SET external_id = ${published.externalId}, external_url = ${published.url},
                 delivered_at = ${at}, last_error = NULL
          WHERE outbox_id = ${message.id}
        `.execute(trx);
      });
      counts.delivered++;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      // A refusal (4xx other than 429: no permission, post gone, text invalid) will not change on retry.
      const status = (error as { status?: unknown }).status;
      const refused = typeof status === 'number' && status >= 400 && status < 500 && status !== 429;
      const final = refused || claimed >= maxAttempts;
      await sql`UPDATE inbox_outbox SET status = ${final ? 'failed' : 'queued'} WHERE id = ${message.id}`.execute(
        db,
      );
      await sql`UPDATE connector_reply SET last_error = ${reason.slice(0, 2000)} WHERE outbox_id = ${message.id}`.execute(
        db,
      );
      if (final) counts.failed++;
      else counts.retrying++;
      if (input.signal?.aborted) break;
    }
  }
  return counts;
}
