import type { Kysely } from 'kysely';
import type { Brief } from '@ombud/contract';
import type { Database } from '../db/schema.ts';

/** Writes a brief and the campaign fields derived from it in one statement. */
export async function storeCampaignBrief(
  db: Kysely<Database>,
  workspaceId: string,
  campaignId: string,
  brief: Brief,
  fields: {
    keyMessages: unknown[];
    factSheet: unknown[];
    bannedClaims: string[];
    requiredDisclosures: unknown[];
    competitors: unknown[];
  },
): Promise<boolean> {
  const result = await db
    .updateTable('campaign')
    .set({
      brief: JSON.stringify(brief),
      key_messages: JSON.stringify(fields.keyMessages),
      fact_sheet: JSON.stringify(fields.factSheet),
      banned_claims: JSON.stringify(fields.bannedClaims),
      required_disclosures: JSON.stringify(fields.requiredDisclosures),
      competitors: JSON.stringify(fields.competitors),
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', campaignId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
