// The words behind a post's analysis, checked with the contract's schema.
import { postEvidenceSchema } from '@ombud/contract';
import { request } from './api-client.ts';

export const evidenceApi = {
  post: (postId: string, signal?: AbortSignal) =>
    request(postEvidenceSchema, `/api/posts/${encodeURIComponent(postId)}/evidence`, { signal }),
};
