/** Every job Ombud runs. A name without a handler in the registry fails to compile. */
export type JobName =
  | 'post.ingested'
  | 'alert.deliver'
  | 'alert.escalate'
  | 'privacy.retention'
  | 'inbox.tick'
  | 'listening.digests'
  | 'advocate.notice.deliver';
