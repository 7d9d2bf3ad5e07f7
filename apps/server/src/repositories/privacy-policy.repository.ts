import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export type RedactionMode = 'keep' | 'redact' | 'pseudonymise';
export type RetentionAction = 'delete' | 'anonymise';

export interface CustomPatternSetting {
  type: string;
  pattern: string;
  flags?: string;
}

export interface PrivacyPolicyRecord {
  workspaceId: string;
  redaction: RedactionMode;
  keepOriginal: boolean;
  retentionDays: number | null;
  retentionAction: RetentionAction;
  customPatterns: CustomPatternSetting[];
  updatedAt: Date;
}

export interface PrivacyPolicyWithKey extends PrivacyPolicyRecord {
  /** HMAC key for pseudonyms; never leaves the server. */
  pseudonymKey: string;
}

/** The workspace's policy, created with defaults (keep everything, no retention) on first use. */
export async function loadPrivacyPolicy(db: Executor, workspaceId: string): Promise<PrivacyPolicyWithKey> {
  await db
    .insertInto('privacy_policy')
    .values({ workspace_id: workspaceId, pseudonym_key: randomBytes(32).toString('hex') })
    .onConflict((conflict) => conflict.column('workspace_id').doNothing())
    .execute();
  const row = await db
    .selectFrom('privacy_policy')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  return {
    workspaceId: row.workspace_id,
    redaction: row.redaction as RedactionMode,
    keepOriginal: row.keep_original,
    retentionDays: row.retention_days,
    retentionAction: row.retention_action as RetentionAction,
    customPatterns: row.custom_patterns,
    updatedAt: row.updated_at,
    pseudonymKey: row.pseudonym_key,
  };
}

export async function updatePrivacyPolicy(
  db: Executor,
  workspaceId: string,
  changes: {
    redaction?: RedactionMode | undefined;
    keepOriginal?: boolean | undefined;
    retentionDays?: number | null | undefined;
    retentionAction?: RetentionAction | undefined;
    customPatterns?: { type: string; pattern: string; flags?: string | undefined }[] | undefined;
  },
  now: Date,
): Promise<PrivacyPolicyWithKey> {
  await loadPrivacyPolicy(db, workspaceId);
  await db
    .updateTable('privacy_policy')
    .set({
      ...(changes.redaction ? { redaction: changes.redaction } : {}),
      ...(changes.keepOriginal !== undefined ? { keep_original: changes.keepOriginal } : {}),
      ...(changes.retentionDays !== undefined ? { retention_days: changes.retentionDays } : {}),
      ...(changes.retentionAction ? { retention_action: changes.retentionAction } : {}),
      ...(changes.customPatterns ? { custom_patterns: JSON.stringify(changes.customPatterns) } : {}),
      updated_at: now,
    })
    .where('workspace_id', '=', workspaceId)
    .execute();
  return loadPrivacyPolicy(db, workspaceId);
}

/** Strips the key for callers outside the server. */
export function publicPolicy(policy: PrivacyPolicyWithKey): PrivacyPolicyRecord {
  const { pseudonymKey: _key, ...rest } = policy;
  return rest;
}
