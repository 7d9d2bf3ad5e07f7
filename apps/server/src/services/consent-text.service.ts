import { sql, type Kysely } from 'kysely';
import type { ConsentPurpose, ConsentText } from '@ombud/contract';
import type { Database } from '../db/schema.ts';
import { appendAudit, type AuditActor } from './audit-log.service.ts';

function toConsentText(row: {
  purpose: string;
  language: string;
  body: string;
  version: number;
  updated_at: Date;
}): ConsentText {
  return {
    purpose: row.purpose as ConsentPurpose,
    language: row.language,
    text: row.body,
    version: row.version,
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function listConsentTexts(db: Kysely<Database>, workspaceId: string): Promise<ConsentText[]> {
  const rows = await db
    .selectFrom('privacy_consent_text')
    .select(['purpose', 'language', 'body', 'version', 'updated_at'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('purpose')
    .orderBy('language')
    .execute();
  return rows.map(toConsentText);
}

/** Writes the wording for one purpose and language; a changed wording gets the next version. */
export async function saveConsentText(
  db: Kysely<Database>,
  input: {
    workspaceId: string;
    purpose: ConsentPurpose;
    language: string;
    text: string;
    actor: AuditActor;
    now: Date;
  },
): Promise<ConsentText> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('privacy_consent_text')
      .values({
        workspace_id: input.workspaceId,
        purpose: input.purpose,
        language: input.language,
        body: input.text,
        updated_by: input.actor.kind === 'user' ? input.actor.id : null,
        updated_at: input.now,
      })
      .onConflict((conflict) =>
        conflict.columns(['workspace_id', 'purpose', 'language']).doUpdateSet({
          body: (eb) => eb.ref('excluded.body'),
          updated_by: (eb) => eb.ref('excluded.updated_by'),
          updated_at: (eb) => eb.ref('excluded.updated_at'),
          version: sql<number>`CASE WHEN privacy_consent_text.body = excluded.body
            THEN privacy_consent_text.version ELSE privacy_consent_text.version + 1 END`,
        }),
      )
      .returning(['purpose', 'language', 'body', 'version', 'updated_at'])
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      workspaceId: input.workspaceId,
      actor: input.actor,
      action: 'consent.text.saved',
      target: { kind: 'consent_text', id: `${row.purpose}/${row.language}` },
      details: { purpose: row.purpose, language: row.language, version: row.version },
      occurredAt: input.now,
    });
    return toConsentText(row);
  });
}
