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
