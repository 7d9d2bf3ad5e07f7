// Edits and deletions a connector read from its network, applied to the posts already stored.
// An edit replaces the stored text (under the workspace's privacy policy, like ingest) and queues
// the post for analysis again, once per version: the version (the network's edit time) is kept in
// `connector_post_version`, so the same edit seen twice (stream and REST, a replay after a restart)
// or an older version arriving late changes nothing. A deletion goes through the privacy erasure
// path (`erasePosts`), so the post's text and personal data are gone and it is not stored again.
import { sql, type Kysely } from 'kysely';
import { compileCampaignMatcher } from '@ombud/core';
import type { Database } from '../db/schema.ts';
import type { ConnectorEdit } from '../connectors/connector.ts';
import { DEFAULT_FIELD_MAPPING, mapRecord } from '../ingest/field-mapping.ts';
import { listCampaigns } from '../repositories/campaign.repository.ts';
import { enqueueJobs } from '../repositories/job.repository.ts';
import { linkPostsToCampaigns } from '../repositories/post.repository.ts';
import type { AuditActor } from './audit-log.service.ts';
import { erasePosts, type PostErasureOutcome } from './data-subject.service.ts';
import { subtractErasedPosts } from './privacy-aggregates.ts';
import { loadIngestPrivacy, type PreparedPost } from './privacy-ingest.service.ts';

export interface EditOutcome {
  /** Posts whose text changed and were queued for analysis again. */
  edited: number;
  /** Newer version with the same stored text (recorded, nothing to analyse). */
  unchanged: number;
  /** A version not newer than the one applied already (a duplicate or a late older one). */
  stale: number;
  /** Not stored (filtered out, erased, or never read). */
  missing: number;
  /** Unreadable records, with the reason. */
  rejected: { id: string; reason: string }[];
}

/** Applies edited versions to stored posts of one source; each in one transaction with its analysis job. */
export async function applyConnectorEdits(
  db: Kysely<Database>,
  input: {
    workspaceId: string;
    sourceName: string;
    defaultPlatform: string;
    edits: readonly ConnectorEdit[];
    now: Date;
  },
): Promise<EditOutcome> {
  const outcome: EditOutcome = { edited: 0, unchanged: 0, stale: 0, missing: 0, rejected: [] };
  if (input.edits.length === 0) return outcome;
  const privacy = await loadIngestPrivacy(db, input.workspaceId);
  const matchCampaigns = compileCampaignMatcher(await listCampaigns(db, input.workspaceId));
  const context = {
    defaultPlatform: input.defaultPlatform,
    latestAcceptedTime: input.now.getTime() + 24 * 60 * 60 * 1000,
    fallbackCreatedAt: input.now.toISOString(),
  };
  const readable: { editedAt: Date; prepared: PreparedPost }[] = [];
  for (const edit of input.edits) {
    const rawId = edit.record['id'];
    const id = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : '';
    const editedAt = new Date(edit.editedAt);
    if (Number.isNaN(editedAt.getTime())) {
      outcome.rejected.push({ id, reason: `edited_at is not a time: ${edit.editedAt}` });
      continue;
    }
    const mapped = mapRecord(edit.record, DEFAULT_FIELD_MAPPING, context);
    if (!mapped.ok) {
      outcome.rejected.push({ id, reason: mapped.problems.map((p) => `${p.field}: ${p.reason}`).join('; ') });
      continue;
    }
    readable.push({ editedAt, prepared: privacy.prepare(mapped.post, mapped.extra) });
  }
  // Edits of an erased author or of a post deleted on its network are not applied (tombstones).
  const refused = await privacy.refused(
    db,
    readable.map(({ prepared }) => ({ post: prepared.post, sourceName: input.sourceName })),
  );
  for (const [index, { editedAt, prepared }] of readable.entries()) {
    if (refused.has(index)) {
      outcome.missing += 1;
      continue;
    }
    const result = await db.transaction().execute(async (trx) => {
      const stored = await sql<{ id: string; text: string; source_id: string; version: Date | null }>`
        SELECT p.id::text AS id, p.text, p.source_id::text AS source_id, v.edited_at AS version
        FROM post p
        JOIN source s ON s.id = p.source_id
        LEFT JOIN connector_post_version v ON v.post_id = p.id
        WHERE p.workspace_id = ${input.workspaceId}::uuid AND s.workspace_id = ${input.workspaceId}::uuid
          AND s.name = ${input.sourceName} AND p.external_id = ${prepared.post.externalId}
        FOR UPDATE OF p`.execute(trx);
      const row = stored.rows[0];
      if (!row) return 'missing' as const;
      if (row.version !== null && new Date(row.version).getTime() >= editedAt.getTime())
        return 'stale' as const;
      await trx
        .insertInto('connector_post_version')
        .values({ post_id: row.id, workspace_id: input.workspaceId, edited_at: editedAt })
        .onConflict((conflict) => conflict.column('post_id').doUpdateSet({ edited_at: editedAt }))
        .execute();
      if (row.text === prepared.post.text) return 'unchanged' as const;
      await trx
        .updateTable('post')
        .set({
          text: prepared.post.text,
          raw: prepared.raw === null ? null : JSON.stringify(prepared.raw),
          ...(prepared.post.language !== null ? { language: prepared.post.language } : {}),
        })
        .where('id', '=', row.id)
        .execute();
      // The kept original (policy `keepOriginal`) follows the edit: the old one is replaced.
      await trx.deleteFrom('post_original').where('post_id', '=', row.id).execute();
      await privacy.storeOriginals(
        trx,
        [{ id: row.id, index: 0 }],
        [{ sourceId: row.source_id, post: prepared.post, raw: prepared.raw }],
      );
      const joined = matchCampaigns({ text: prepared.post.text, authorHandle: prepared.post.author.handle });
      await linkPostsToCampaigns(
        trx,
        joined.map((match) => ({ postId: row.id, campaignId: match.campaignId })),
      );
      // A campaign the new text no longer matches is left: the post stops counting in its share of
      // voice, crisis signals and inbox intake. Only links matching made are removed; one assigned
      // another way (an import's `--campaign`, a drill's sandbox) stays.
      let leaving = trx
        .deleteFrom('post_campaign')
        .where('post_id', '=', row.id)
        .where('assigned', '=', false);
      if (joined.length > 0)
        leaving = leaving.where(
          'campaign_id',
          'not in',
          joined.map((match) => match.campaignId),
        );
      const left = await leaving.returning('campaign_id').execute();
      if (left.length > 0) {
        // The counting jobs add and move what a post contributes to the campaigns it is in, but never
        // take it out of one it left: its old contribution (crisis ledger and buckets, listening
        // mentions and share-of-voice buckets) is taken out here, as erasure does, and the
        // re-analysis counts it afresh in the campaigns it is still in. Its inbox items stay: a person
        // may be working on them already, and the item records the post as it was when it came in.
        await subtractErasedPosts(trx, [row.id]);
      }
      await enqueueJobs(trx, [{ name: 'post.ingested', payload: { postIds: [row.id] } }]);
      return 'edited' as const;
    });
    outcome[result] += 1;
  }
  return outcome;
}

/** Erases the stored posts a network deleted (see `erasePosts`); ids never stored are ignored. */
export async function applyConnectorDeletions(
  db: Kysely<Database>,
  input: {
    workspaceId: string;
    sourceName: string;
    externalIds: readonly string[];
    connectorId: string;
    now: Date;
  },
): Promise<PostErasureOutcome> {
  const actor: AuditActor = { kind: 'system', id: `connector:${input.connectorId}` };
  return erasePosts(db, {
    workspaceId: input.workspaceId,
    sourceName: input.sourceName,
    externalIds: input.externalIds,
    actor,
    now: input.now,
  });
}
