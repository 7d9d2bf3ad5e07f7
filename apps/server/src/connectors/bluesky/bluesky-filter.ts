import { compileCampaignMatcher } from '@ombud/core';
import { facetTags, type BlueskyPostRecord } from './jetstream-event.ts';

export interface BlueskyFilterTerms {
  keywords: readonly string[];
  hashtags: readonly string[];
  handles: readonly string[];
}

export interface BlueskyPostFilter {
  /** True when the post should be stored. */
  matches(post: BlueskyPostRecord, authorDid: string, authorHandle: string | undefined): boolean;
}

const FILTER_ID = 'connector';

/**
 * The connector's keep-or-drop decision, using the campaign matcher so a post passes the connector
 * exactly when it would join a campaign with these terms (case- and accent-insensitive, on word
 * boundaries). Facet tags count as hashtags even when the text does not spell them out. An author
 * is wanted by handle or by the DID a handle resolved to.
 */
export function compileBlueskyFilter(
  terms: BlueskyFilterTerms,
  wantedDids: ReadonlySet<string>,
): BlueskyPostFilter {
  const match = compileCampaignMatcher([
    { id: FILTER_ID, keywords: terms.keywords, hashtags: terms.hashtags, handles: terms.handles },
  ]);
  return {
    matches(post, authorDid, authorHandle) {
      if (wantedDids.has(authorDid)) return true;
      const tags = facetTags(post).map((tag) => `#${tag}`);
      const text = tags.length > 0 ? `${post.text}\n${tags.join(' ')}` : post.text;
      return match({ text, ...(authorHandle ? { authorHandle } : {}) }).length > 0;
    },
  };
}
