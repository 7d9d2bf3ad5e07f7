import { createHmac } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { PostInput } from '@ombud/contract';
import {
  detectPersonalData,
  parseCustomPattern,
  redactText,
  type CustomPattern,
  type PersonalDataType,
  type RedactionMode as CoreRedactionMode,
} from '@ombud/core';
import type { Database } from '../db/schema.ts';
import type { InsertedPost, PostToInsert } from '../repositories/post.repository.ts';
import {
  loadPrivacyPolicy,
  type CustomPatternSetting,
  type PrivacyPolicyWithKey,
} from '../repositories/privacy-policy.repository.ts';
import { postTombstoneHash, subjectHash } from './privacy-subject.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export interface PreparedPost {
  post: PostInput;
  raw: Record<string, unknown> | null;
}

/** A post ingestion is about to store, with the source it goes under (for the post's own tombstone). */
export interface ScreenedPost {
  post: PostInput;
  sourceName?: string;
}

/** What ingestion asks the privacy policy before and after it writes a batch. */
export interface IngestPrivacy {
  /** The post as the policy lets it be stored (redacted or pseudonymised). */
  prepare(post: PostInput, raw: Record<string, unknown> | null): PreparedPost;
  /**
   * The positions of the posts that must not be stored: their author was erased, or the post itself
   * was deleted on its network (tombstones; the latter needs the source it is stored under). One
   * index look-up per batch; nothing at all when the workspace had no tombstone when loaded.
   */
  refused(db: Executor, posts: readonly ScreenedPost[]): Promise<Set<number>>;
  /** Keeps the originals of freshly inserted posts apart, when the policy allows it. */
  storeOriginals(
    trx: Executor,
    inserted: readonly InsertedPost[],
    batch: readonly PostToInsert[],
  ): Promise<void>;
}

export function compileCustomPatterns(settings: readonly CustomPatternSetting[]): CustomPattern[] {
  const patterns: CustomPattern[] = [];
  for (const setting of settings) {
    const parsed = parseCustomPattern(setting.type, setting.pattern, setting.flags ?? '');
    if (parsed.ok) patterns.push(parsed.pattern);
  }
  return patterns;
}

/** A stable, keyed token for a value: the same e-mail gets the same pseudonym in every post. */
export function pseudonymFor(key: string, type: PersonalDataType, value: string): string {
  const normalised = value.toLowerCase().replace(/[\s().-]/g, '');
  return createHmac('sha256', key).update(`${type}:${normalised}`).digest('hex').slice(0, 12);
}

/** Redacts (mask) or pseudonymises the personal data in one text under a policy. */
export function applyRedaction(
  text: string,
  policy: Pick<PrivacyPolicyWithKey, 'redaction' | 'pseudonymKey'>,
  customPatterns: readonly CustomPattern[] = [],
  modeOverride?: CoreRedactionMode,
): string {
  if (policy.redaction === 'keep' && !modeOverride) return text;
  const findings = detectPersonalData(text, { customPatterns });
  if (findings.length === 0) return text;
  const mode: CoreRedactionMode =
    modeOverride ?? (policy.redaction === 'pseudonymise' ? 'pseudonymise' : 'mask');
  return redactText(text, findings, {
    mode,
    pseudonym: (type, value) => pseudonymFor(policy.pseudonymKey, type, value),
  }).text;
}

/** Redacts every string inside an unmapped-fields object (they can carry e-mails and phones too). */
function redactDeep(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, redact));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactDeep(item, redact)]));
  }
  return value;
}

/**
 * Loads the workspace's policy once per import, and whether it has any tombstone. The tombstones
 * themselves are looked up batch by batch (`refused`), against the table's primary key: a workspace
 * with many erasures does not read and hold them all for every import and connector batch. A
 * workspace with none pays nothing per batch; its first tombstone, written while a long import runs,
 * is caught by the next import (and by erasure's own scan).
 */
export async function loadIngestPrivacy(db: Executor, workspaceId: string): Promise<IngestPrivacy> {
  const policy = await loadPrivacyPolicy(db, workspaceId);
  const anyTombstone =
    (await db
      .selectFrom('privacy_tombstone')
      .select('subject_hash')
      .where('workspace_id', '=', workspaceId)
      .limit(1)
      .executeTakeFirst()) !== undefined;
  const customPatterns = compileCustomPatterns(policy.customPatterns);
  const originals = new WeakMap<PostInput, { text: string; raw: Record<string, unknown> | null }>();
  const redact = (text: string) => applyRedaction(text, policy, customPatterns);

  return {
    async refused(executor, posts) {
      const refused = new Set<number>();
      if (!anyTombstone || posts.length === 0) return refused;
      const authorHashes = new Map<string, string>();
      const keys = posts.map(({ post, sourceName }) => {
        const identity = `${post.author.platform}\u0000${post.author.handle}`;
        let author = authorHashes.get(identity);
        if (author === undefined) {
          author = subjectHash(workspaceId, post.author);
          authorHashes.set(identity, author);
        }
        return {
          author,
          own: sourceName === undefined ? null : postTombstoneHash(workspaceId, sourceName, post.externalId),
        };
      });
      const wanted = new Set<string>(authorHashes.values());
      for (const key of keys) if (key.own !== null) wanted.add(key.own);
      const found = new Set(
        (
          await executor
            .selectFrom('privacy_tombstone')
            .select('subject_hash')
            .where('workspace_id', '=', workspaceId)
            // One array parameter for the batch, probed against the primary key.
            .where('subject_hash', '=', sql<string>`ANY(${[...wanted]}::text[])`)
            .execute()
        ).map((row) => row.subject_hash),
      );
      if (found.size === 0) return refused;
      keys.forEach((key, index) => {
        if (found.has(key.author) || (key.own !== null && found.has(key.own))) refused.add(index);
      });
      return refused;
    },
    prepare(post, raw) {
      if (policy.redaction === 'keep') return { post, raw };
      const redactedText = redact(post.text);
      const redactedRaw = raw === null ? null : (redactDeep(raw, redact) as Record<string, unknown>);
      const stored: PostInput = { ...post, text: redactedText };
      if (
        policy.keepOriginal &&
        (redactedText !== post.text || JSON.stringify(redactedRaw) !== JSON.stringify(raw))
      ) {
        originals.set(stored, { text: post.text, raw });
      }
      return { post: stored, raw: redactedRaw };
    },
    async storeOriginals(trx, inserted, batch) {
      if (!policy.keepOriginal || policy.redaction === 'keep') return;
      const rows: { post_id: string; workspace_id: string; text: string; raw: string | null }[] = [];
      for (const row of inserted) {
        const item = batch[row.index];
        const original = item && originals.get(item.post);
        if (!original) continue;
        rows.push({
          post_id: row.id,
          workspace_id: workspaceId,
          text: original.text,
          raw: original.raw === null ? null : JSON.stringify(original.raw),
        });
      }
      if (rows.length === 0) return;
      await trx
        .insertInto('post_original')
        .values(rows)
        .onConflict((conflict) => conflict.column('post_id').doNothing())
        .execute();
    },
  };
}
