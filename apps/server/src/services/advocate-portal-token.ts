import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { insertPortalToken, type PortalTokenSource } from '../repositories/advocate-portal.repository.ts';
import { sha256 } from './auth.service.ts';

export const PORTAL_LINK_DAYS = 30;
const DAY_MS = 86_400_000;

export const newToken = () => randomBytes(32).toString('base64url');
export const portalPath = (token: string) => `/portal/${token}`;
export const joinPath = (token: string) => `/portal/join/${token}`;

/** Issues a portal link token for an advocate; returned once, only its hash is stored. */
export async function issuePortalToken(
  db: Kysely<Database> | Transaction<Database>,
  values: {
    workspaceId: string;
    advocateId: string;
    source: PortalTokenSource;
    campaignId?: string | null;
    createdBy?: string | null;
    days?: number;
    now: Date;
  },
): Promise<{ id: string; token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(values.now.getTime() + (values.days ?? PORTAL_LINK_DAYS) * DAY_MS);
  const id = await insertPortalToken(db, {
    workspaceId: values.workspaceId,
    advocateId: values.advocateId,
    tokenHash: sha256(token),
    source: values.source,
    campaignId: values.campaignId ?? null,
    createdBy: values.createdBy ?? null,
    createdAt: values.now,
    expiresAt,
  });
  return { id, token, expiresAt };
}
