import { createHash } from 'node:crypto';

export interface SubjectIdentity {
  platform: string;
  handle: string;
}

/** Handles compare without case and without a leading '@' on every network Ombud reads. */
export function normaliseHandle(handle: string): string {
  return handle.trim().replace(/^@+/, '').toLowerCase();
}

/**
 * The tombstone key of one post deleted on its network: a hash of workspace, source and the post's
 * id there, so a replay or a re-import does not store it again (kept with the people's tombstones).
 */
export function postTombstoneHash(workspaceId: string, sourceName: string, externalId: string): string {
  return createHash('sha256')
    .update(`ombud-post\u0000${workspaceId}\u0000${sourceName}\u0000${externalId}`)
    .digest('hex');
}

/**
 * The tombstone key of a person: a hash of workspace, platform and handle, so re-ingestion can be
 * refused without keeping the handle itself.
 */
export function subjectHash(workspaceId: string, identity: SubjectIdentity): string {
  return createHash('sha256')
    .update(
      `ombud-subject\u0000${workspaceId}\u0000${identity.platform.trim().toLowerCase()}\u0000${normaliseHandle(identity.handle)}`,
    )
    .digest('hex');
}
