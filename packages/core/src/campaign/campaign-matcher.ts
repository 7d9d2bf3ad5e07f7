import { foldText } from '../text/fold.ts';

export interface CampaignTerms {
  id: string;
  hashtags: readonly string[];
  keywords: readonly string[];
  handles: readonly string[];
}

export interface CampaignMatch {
  campaignId: string;
  /** What joined the post to the campaign: `#mihistoria`, `keyword:kettle pro`, `@nordvik`. */
  evidence: string[];
}

export interface PostForMatching {
  text: string;
  authorHandle?: string;
}

interface CompiledCampaign {
  id: string;
  hashtags: Set<string>;
  handles: Set<string>;
  keywords: string[];
}

const HASHTAG = /#([\p{L}\p{N}_]+)/gu;
const MENTION = /@([\p{L}\p{N}_.]+)/gu;

const normaliseTag = (tag: string) => foldText(tag.trim().replace(/^#/, ''));
const normaliseHandle = (handle: string) => foldText(handle.trim().replace(/^@/, '')).replace(/\.$/, '');

/** Compiles campaign terms once so matching a post is a few set look-ups. */
export function compileCampaignMatcher(
  campaigns: readonly CampaignTerms[],
): (post: PostForMatching) => CampaignMatch[] {
  const compiled: CompiledCampaign[] = campaigns.map((campaign) => ({
    id: campaign.id,
    hashtags: new Set(campaign.hashtags.map(normaliseTag).filter((tag) => tag.length > 0)),
    handles: new Set(campaign.handles.map(normaliseHandle).filter((handle) => handle.length > 0)),
    keywords: campaign.keywords
      .map((keyword) => foldText(keyword.trim()))
      .filter((keyword) => keyword.length > 0),
  }));
  return (post) => matchCompiled(compiled, post);
}

function matchCompiled(campaigns: readonly CompiledCampaign[], post: PostForMatching): CampaignMatch[] {
  if (campaigns.length === 0) return [];
  const folded = foldText(post.text);
  const tags = new Set(Array.from(folded.matchAll(HASHTAG), (match) => match[1] ?? ''));
  const mentions = new Set(
    Array.from(folded.matchAll(MENTION), (match) => (match[1] ?? '').replace(/\.$/, '')),
  );
  const author = post.authorHandle ? normaliseHandle(post.authorHandle) : undefined;
  const matches: CampaignMatch[] = [];
  for (const campaign of campaigns) {
    const evidence: string[] = [];
    for (const tag of tags) if (campaign.hashtags.has(tag)) evidence.push(`#${tag}`);
    for (const mention of mentions) if (campaign.handles.has(mention)) evidence.push(`@${mention}`);
    if (author !== undefined && campaign.handles.has(author)) evidence.push(`author:@${author}`);
    for (const keyword of campaign.keywords)
      if (containsPhrase(folded, keyword)) evidence.push(`keyword:${keyword}`);
    if (evidence.length > 0) matches.push({ campaignId: campaign.id, evidence });
  }
  return matches;
}

const isWordChar = (char: string | undefined) => char !== undefined && /[\p{L}\p{N}_]/u.test(char);

/** True when `phrase` occurs in `text` on word boundaries (`nordvik` in `#nordvik!` but not in `nordviking`). */
export function containsPhrase(text: string, phrase: string): boolean {
  let from = 0;
  for (;;) {
    const at = text.indexOf(phrase, from);
    if (at === -1) return false;
    const before = text[at - 1];
    const after = text[at + phrase.length];
    if (!isWordChar(before) && !isWordChar(after)) return true;
    from = at + 1;
  }
}
