import { foldText } from '../text/fold.ts';

// Matching a published advocate post to the draft a manager approved: which draft it is (text
// similarity), whether the words changed after approval (token diff, with the changed words as
// evidence), and what changed in the brand check (disclosure removed, claims added).

const URL = /(?:https?:\/\/|www\.)\S+/giu;
// Words, figures (with their decimal separators), hashtags and mentions; emoji and punctuation are
// not words, so an added emoji or a different quote mark is not an edit.
const TOKEN = /[#@]?[\p{L}\p{N}]+(?:[.,:'’][\p{L}\p{N}]+)*/gu;

/** Folded word tokens of a text (URLs dropped), the unit of the edit comparison. */
export function draftTokens(text: string): string[] {
  return foldText(text.normalize('NFC').replace(URL, ' ')).match(TOKEN) ?? [];
}

const SHINGLE = 4;

/** Character 4-gram set of the folded tokens joined by single spaces. */
export function draftShingles(text: string): Set<string> {
  const joined = ` ${draftTokens(text).join(' ')} `;
  const out = new Set<string>();
  if (joined.trim() === '') return out;
  if (joined.length <= SHINGLE) out.add(joined);
  for (let i = 0; i + SHINGLE <= joined.length; i++) out.add(joined.slice(i, i + SHINGLE));
  return out;
}

/** Jaccard similarity of two shingle sets (0..1; two empty texts are 0: nothing to compare). */
export function shingleSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const s of small) if (large.has(s)) shared++;
  return shared / (a.size + b.size - shared);
}

/** Text similarity of two posts on folded character 4-grams, rounded to 3 decimals. */
export function textSimilarity(a: string, b: string): number {
  return Math.round(shingleSimilarity(draftShingles(a), draftShingles(b)) * 1000) / 1000;
}

export interface TokenChanges {
  /** Words in the published post that were not in the approved draft, in order. */
  added: string[];
  /** Words of the approved draft missing from the published post, in order. */
  removed: string[];
}

const MAX_DIFF_TOKENS = 600;
const MAX_EVIDENCE_WORDS = 20;

/** Words added and removed between two token lists (longest common subsequence; long texts are cut at 600 tokens). */
export function tokenChanges(before: readonly string[], after: readonly string[]): TokenChanges {
  const a = before.slice(0, MAX_DIFF_TOKENS);
  const b = after.slice(0, MAX_DIFF_TOKENS);
  const width = b.length + 1;
  const lcs = new Uint16Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i * width + j] =
        a[i] === b[j]
          ? lcs[(i + 1) * width + j + 1]! + 1
          : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
  const added: string[] = [];
  const removed: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
    } else if (lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!) removed.push(a[i++]!);
    else added.push(b[j++]!);
  }
  while (i < a.length) removed.push(a[i++]!);
  while (j < b.length) added.push(b[j++]!);
  return { added: added.slice(0, MAX_EVIDENCE_WORDS), removed: removed.slice(0, MAX_EVIDENCE_WORDS) };
}

export interface ApprovedDraftText {
  id: string;
  text: string;
}

export interface DraftMatch {
  draftId: string;
  similarity: number;
  /** The words differ from the approved text (case, accents, punctuation, emoji and links aside). */
  edited: boolean;
  changes: TokenChanges;
}

/** Below this similarity a published post is not the approved draft (tuned on hand-made edits, see draft-match.test.ts). */
export const DRAFT_MATCH_THRESHOLD = 0.45;

/**
 * Finds the approved draft a published post most resembles; undefined when none reaches
 * `DRAFT_MATCH_THRESHOLD` (the advocate published something that was never approved).
 */
export function matchPublishedPost(
  postText: string,
  drafts: readonly ApprovedDraftText[],
  threshold = DRAFT_MATCH_THRESHOLD,
): DraftMatch | undefined {
  const postShingles = draftShingles(postText);
  let best: { draft: ApprovedDraftText; similarity: number } | undefined;
  for (const draft of drafts) {
    const similarity = shingleSimilarity(postShingles, draftShingles(draft.text));
    if (similarity >= threshold && (best === undefined || similarity > best.similarity))
      best = { draft, similarity };
  }
  if (best === undefined) return undefined;
  const before = draftTokens(best.draft.text);
  const after = draftTokens(postText);
  const edited = before.length !== after.length || before.some((token, index) => token !== after[index]);
  return {
    draftId: best.draft.id,
    similarity: Math.round(best.similarity * 1000) / 1000,
    edited,
    changes: edited ? tokenChanges(before, after) : { added: [], removed: [] },
  };
}

/** The parts of a brand check that publication is compared on. */
export interface CheckSummaryForDrift {
  disclosure: { required: boolean; present: boolean; ok: boolean };
  claims: readonly { verdict: string; factId: string | null; text: string }[];
}

export interface PublicationDrift {
  /** The approved draft carried the disclosure; the published post has none. */
  disclosureRemoved: boolean;
  /** The disclosure is still there but no longer placed as the market requires. */
  disclosureMoved: boolean;
  /** Contradicted claims in the published post that the approved draft did not make. */
  contradictedClaimsAdded: string[];
}

/** What changed in the brand check between the approved draft and the published post. */
export function publicationDrift(
  approved: CheckSummaryForDrift,
  published: CheckSummaryForDrift,
): PublicationDrift {
  const approvedContradicted = new Set(
    approved.claims.filter((c) => c.verdict === 'contradicted').map((c) => c.factId ?? c.text),
  );
  return {
    disclosureRemoved: approved.disclosure.present && !published.disclosure.present,
    disclosureMoved: approved.disclosure.ok && published.disclosure.present && !published.disclosure.ok,
    contradictedClaimsAdded: published.claims
      .filter((c) => c.verdict === 'contradicted' && !approvedContradicted.has(c.factId ?? c.text))
      .map((c) => c.text),
  };
}
