import { createHmac } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
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

/** What ingestion asks the privacy policy before and after it writes a batch. */
export interface IngestPrivacy {
  /**
   * The post as the policy lets it be stored, or null when its author was erased or the post itself
   * was deleted on its network (tombstones; the latter needs the source it is stored under).
   */
  prepare(post: PostInput, raw: Record<string, unknown> | null, sourceName?: string): PreparedPost | null;
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
 * Loads the workspace's policy and tombstones once per import. Tombstones written while a long
 * import runs are caught by the next import (and by erasure's own scan).
 */
export async function loadIngestPrivacy(db: Executor, workspaceId: string): Promise<IngestPrivacy> {
  const policy = await loadPrivacyPolicy(db, workspaceId);
  const tombstones = new Set(
    (
      await db
        .selectFrom('privacy_tombstone')
        .select('subject_hash')
        .where('workspace_id', '=', workspaceId)
        .execute()
    ).map((row) => row.subject_hash),
  );
  const customPatterns = compileCustomPatterns(policy.customPatterns);
  const originals = new WeakMap<PostInput, { text: string; raw: Record<string, unknown> | null }>();
  const redact = (text: string) => applyRedaction(text, policy, customPatterns);

  return {
    prepare(post, raw, sourceName) {
      if (tombstones.size > 0 && tombstones.has(subjectHash(workspaceId, post.author))) return null;
      if (
        tombstones.size > 0 &&
        sourceName !== undefined &&
        tombstones.has(postTombstoneHash(workspaceId, sourceName, post.externalId))
      )
        return null;
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
