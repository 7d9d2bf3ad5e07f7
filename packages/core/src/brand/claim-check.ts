import type { BrandBrief, BrandPost, BriefFact, FactQuantity } from './brief.types.ts';
import {
  CLAIM_CUES,
  DENIALS_AFTER,
  NEGATIONS_BEFORE,
  NEGATIONS_RIGHT_AFTER,
  type CueKind,
} from './claim-cues.ts';
import {
  compilePhrases,
  findPhrases,
  foldKeepingOffsets,
  type PhraseHit,
  type PhraseMatcher,
} from './phrase-matcher.ts';
import { extractQuantities, toBase, type Dimension, type Quantity } from './quantity-extractor.ts';
import { segmentClauses, type Clause } from './clause-segmenter.ts';
import { findingText, type FindingMessageKey } from './finding-messages.ts';

export type ClaimVerdict = 'supported' | 'contradicted' | 'unverified';

export type ClaimHitKind = 'banned' | 'contradiction' | 'keyword' | 'cue';

type HitPayload =
  | { kind: 'banned'; bannedId: string; factId: string | undefined }
  | { kind: 'contradiction'; factId: string }
  | { kind: 'keyword'; factId: string }
  | { kind: 'cue'; cue: CueKind };

export interface ClaimEvidence {
  /** Why this verdict, in one sentence (English, for the CLI and logs). */
  reason: string;
  /** Stable code and parameters the dashboard words in the reader's language (contract `JUDGEMENT_CODES`). */
  reasonCode: string;
  reasonParams: Record<string, string | number>;
  /** Offsets of the claim in the post text. */
  span: [number, number];
  /** The words that made it a claim and tied it to a fact. */
  matched: { text: string; kind: ClaimHitKind | 'quantity'; phrase?: string }[];
  quantity?: {
    text: string;
    low: number;
    high: number;
    unit: string;
    comparator: string;
    approximate: boolean;
  };
  /** The fact's approved wording in the post's language. */
  approved?: string;
  negated: boolean;
}

export interface CheckedClaim {
  text: string;
  verdict: ClaimVerdict;
  factId: string | null;
  evidence: ClaimEvidence;
}

export interface BannedClaimHit {
  id: string;
  text: string;
  phrase: string;
  reason: string | undefined;
  factId: string | undefined;
  span: [number, number];
}

export interface ClaimCheckResult {
  claims: CheckedClaim[];
  bannedClaims: BannedClaimHit[];
}

/** A brief prepared once for checking many posts. */
export interface ClaimBrief {
  brief: BrandBrief;
  facts: ReadonlyMap<string, BriefFact>;
  matcher: PhraseMatcher<HitPayload>;
  dimensionsByFact: ReadonlyMap<string, ReadonlySet<Dimension>>;
}

// Figures of these kinds belong to the fact sheet even without a subject word ("699:-", "450 g");
// durations, volumes and percentages are too often something else ("for two weeks", "a litre").
// Durations of days and longer without a subject are usually how long someone has had the product.
const FALLBACK_DIMENSIONS = (dimension: Dimension): boolean =>
  dimension.startsWith('money:') || dimension === 'mass' || dimension === 'power' || dimension === 'length';
const USAGE_TIME_UNITS: ReadonlySet<string> = new Set(['day', 'week', 'month', 'year']);

function allLanguages<T>(perLanguage: Readonly<Record<string, readonly T[]>>): T[] {
  return Object.values(perLanguage).flat();
}

/** Compiles a brief's facts, banned claims and the claim cue lists into one matcher. */
export function compileClaimBrief(brief: BrandBrief): ClaimBrief {
  const entries: [string, HitPayload][] = [];
  for (const banned of brief.bannedClaims)
    for (const phrase of allLanguages(banned.phrases))
      entries.push([phrase, { kind: 'banned', bannedId: banned.id, factId: banned.factId }]);
  for (const fact of brief.facts)
    for (const phrase of allLanguages(fact.contradictions))
      entries.push([phrase, { kind: 'contradiction', factId: fact.id }]);
  for (const fact of brief.facts)
    for (const phrase of allLanguages(fact.keywords))
      entries.push([phrase, { kind: 'keyword', factId: fact.id }]);
  for (const [cue, phrases] of Object.entries(CLAIM_CUES) as [CueKind, readonly string[]][])
    for (const phrase of phrases) entries.push([phrase, { kind: 'cue', cue }]);
  const dimensionsByFact = new Map<string, Set<Dimension>>();
  for (const fact of brief.facts)
    dimensionsByFact.set(fact.id, new Set(fact.quantities.map((q) => toBase(q.value, q.unit).dimension)));
  return {
    brief,
    facts: new Map(brief.facts.map((f) => [f.id, f])),
    matcher: compilePhrases(entries),
    dimensionsByFact,
  };
}

const NEGATION_SET = new Set(NEGATIONS_BEFORE.map((w) => foldKeepingOffsets(w).replace(/[’]/g, "'")));
const NEGATION_AFTER_SET = new Set(NEGATIONS_RIGHT_AFTER);
const DENIAL_MATCHER = compilePhrases(DENIALS_AFTER.map((p) => [p, true] as const));
const NEGATION_WINDOW_WORDS = 5;

function wordsIn(text: string): string[] {
  return text.replace(/[’]/g, "'").match(/[\p{L}']+/gu) ?? [];
}

function isNegatedAt(folded: string, clause: Clause, start: number, end: number): boolean {
  const before = wordsIn(folded.slice(clause.start, start)).slice(-NEGATION_WINDOW_WORDS);
  if (before.some((w) => NEGATION_SET.has(w) || w.endsWith("n't"))) return true;
  const next = wordsIn(folded.slice(end, clause.end))[0];
  if (next !== undefined && NEGATION_AFTER_SET.has(next)) return true;
  const rest = folded.slice(end, clause.sentenceEnd);
  return findPhrases(DENIAL_MATCHER, rest, rest).length > 0;
}

function approvedText(fact: BriefFact, language: string | undefined): string | undefined {
  return (
    (language !== undefined ? fact.text[language] : undefined) ?? fact.text.en ?? Object.values(fact.text)[0]
  );
}

function applies(quantity: FactQuantity, market: string | undefined): boolean {
  return quantity.markets.length === 0 || (market !== undefined && quantity.markets.includes(market));
}

/** Whether the post's figure agrees with one of the fact's figures of the same dimension; undefined when none is comparable. */
export function quantityAgrees(
  quantity: Quantity,
  fact: BriefFact,
  market: string | undefined,
): boolean | undefined {
  const low = toBase(quantity.low, quantity.unit);
  const high = toBase(quantity.high, quantity.unit);
  const comparable = fact.quantities.filter((q) => toBase(q.value, q.unit).dimension === low.dimension);
  if (comparable.length === 0) return undefined;
  const forMarket = comparable.filter((q) => applies(q, market));
  const candidates = forMarket.length > 0 ? forMarket : comparable;
  const tolerance = quantity.approximate ? 0.05 : 0.02;
  return candidates.some((q) => {
    const approved = toBase(q.value, q.unit).value;
    if (low.value !== high.value)
      return approved >= low.value * (1 - 0.02) && approved <= high.value * (1 + 0.02);
    const claimed = low.value;
    if (!Number.isFinite(claimed)) return !Number.isFinite(approved);
    switch (quantity.comparator) {
      case 'eq':
        return Math.abs(approved - claimed) <= tolerance * Math.max(Math.abs(approved), Math.abs(claimed));
      case 'ge':
        return approved >= claimed * (1 - tolerance);
      case 'gt':
        return approved > claimed;
      case 'lt':
        return approved < claimed;
      case 'le':
        return approved <= claimed * (1 + tolerance);
    }
  });
}

interface ClaimDraft {
  clause: Clause;
  verdict: ClaimVerdict;
  factId: string | null;
  reason: string;
  reasonCode: string;
  reasonParams: Record<string, string | number>;
  matched: ClaimEvidence['matched'];
  quantity?: Quantity;
  negated: boolean;
}

/** A draft's reason: its code and parameters, and the English words for the CLI and logs. */
function said(
  reasonCode: FindingMessageKey,
  reasonParams: Record<string, string | number>,
): Pick<ClaimDraft, 'reason' | 'reasonCode' | 'reasonParams'> {
  return { reason: findingText('en', reasonCode, reasonParams), reasonCode, reasonParams };
}

function factOf(hit: PhraseHit<HitPayload>): string | undefined {
  return hit.payload.kind === 'cue' ? undefined : hit.payload.factId;
}

function nearest(
  hits: readonly PhraseHit<HitPayload>[],
  position: number,
  accept: (factId: string) => boolean,
) {
  let best: PhraseHit<HitPayload> | undefined;
  let bestDistance = Infinity;
  for (const hit of hits) {
    const factId = factOf(hit);
    if (factId === undefined || !accept(factId)) continue;
    const distance = hit.end <= position ? position - hit.end : Math.max(0, hit.start - position);
    if (distance < bestDistance) {
      best = hit;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * Finds claim-like statements in a post (figures, guarantees, health/safety/environmental claims,
 * superlatives, fact-sheet subjects) and checks each against the brief's fact sheet.
 */
export function checkClaims(compiled: ClaimBrief, post: BrandPost): ClaimCheckResult {
  const text = post.text.normalize('NFC');
  const folded = foldKeepingOffsets(text);
  const market =
    post.market ?? (post.language !== undefined ? compiled.brief.defaultMarkets[post.language] : undefined);
  const quantities = extractQuantities(text, folded, market);
  const hits = findPhrases(compiled.matcher, text, folded);
  const clauses = segmentClauses(text, [...quantities, ...hits]);
  const drafts: ClaimDraft[] = [];
  const bannedClaims: BannedClaimHit[] = [];

  const inside = <T extends { start: number; end: number }>(items: readonly T[], from: number, to: number) =>
    items.filter((item) => item.start >= from && item.end <= to);

  for (const clause of clauses) {
    const clauseHits = inside(hits, clause.start, clause.end);
    for (const hit of clauseHits) {
      if (hit.payload.kind !== 'banned' || isNegatedAt(folded, clause, hit.start, hit.end)) continue;
      const banned = compiled.brief.bannedClaims.find(
        (b) => b.id === (hit.payload as { bannedId: string }).bannedId,
      );
      bannedClaims.push({
        id: hit.payload.bannedId,
        text: hit.text,
        phrase: hit.phrase,
        reason: banned?.reason,
        factId: hit.payload.factId,
        span: [hit.start, hit.end],
      });
    }
    if (clause.question) continue;
    const clauseQuantities = inside(quantities, clause.start, clause.end);
    const consumed = new Set<PhraseHit<HitPayload>>();
    const sentenceHits = inside(hits, clause.sentenceStart, clause.sentenceEnd);
    const previousHits = inside(hits, clause.previousSentenceStart, clause.sentenceStart);

    for (const quantity of clauseQuantities) {
      const dimension = toBase(quantity.low, quantity.unit).dimension;
      const hasDimension = (factId: string) => compiled.dimensionsByFact.get(factId)?.has(dimension) === true;
      const hit =
        nearest(clauseHits, quantity.start, hasDimension) ??
        nearest(sentenceHits, quantity.start, hasDimension) ??
        nearest(previousHits, clause.start, hasDimension);
      let factId = hit === undefined ? undefined : factOf(hit);
      if (factId === undefined && FALLBACK_DIMENSIONS(dimension)) {
        const withDimension = compiled.brief.facts.filter((f) => hasDimension(f.id));
        if (withDimension.length === 1) factId = withDimension[0]!.id;
      }
      const negated = isNegatedAt(folded, clause, quantity.start, quantity.end);
      const matched: ClaimEvidence['matched'] = [{ text: quantity.text, kind: 'quantity' }];
      const fact = factId === undefined ? undefined : compiled.facts.get(factId);
      const agrees = fact === undefined ? undefined : quantityAgrees(quantity, fact, market);
      if (fact === undefined || agrees === undefined) {
        const cue = clauseHits.find((h) => h.payload.kind === 'cue');
        if (
          USAGE_TIME_UNITS.has(quantity.unit) &&
          quantity.comparator === 'eq' &&
          !quantity.approximate &&
          cue === undefined
        )
          continue;
        drafts.push({
          clause,
          verdict: 'unverified',
          factId: null,
          ...said('claim.figureNotOnSheet', { figure: quantity.text }),
          matched,
          quantity,
          negated,
        });
        continue;
      }
      for (const h of clauseHits) if (factOf(h) === fact.id) consumed.add(h);
      if (hit !== undefined) matched.push({ text: hit.text, kind: hit.payload.kind, phrase: hit.phrase });
      const supported = negated ? !agrees : agrees;
      drafts.push({
        clause,
        verdict: supported ? 'supported' : 'contradicted',
        factId: fact.id,
        ...said(
          `claim.figure${supported ? 'Agrees' : 'Differs'}${negated ? 'Negated' : ''}` as FindingMessageKey,
          { figure: quantity.text, subject: fact.subject },
        ),
        matched,
        quantity,
        negated,
      });
    }

    for (const hit of clauseHits) {
      if (consumed.has(hit)) continue;
      const negated = isNegatedAt(folded, clause, hit.start, hit.end);
      const matched = [{ text: hit.text, kind: hit.payload.kind, phrase: hit.phrase }];
      const payload = hit.payload;
      switch (payload.kind) {
        case 'contradiction': {
          const fact = compiled.facts.get(payload.factId)!;
          drafts.push({
            clause,
            verdict: negated ? 'supported' : 'contradicted',
            factId: fact.id,
            ...said(negated ? 'claim.deniesRuledOut' : 'claim.ruledOut', {
              words: hit.text,
              subject: fact.subject,
            }),
            matched,
            negated,
          });
          break;
        }
        case 'banned': {
          if (payload.factId === undefined) {
            if (!negated)
              drafts.push({
                clause,
                verdict: 'unverified',
                factId: null,
                ...said('claim.banned', { words: hit.text }),
                matched,
                negated,
              });
            break;
          }
          const fact = compiled.facts.get(payload.factId)!;
          drafts.push({
            clause,
            verdict: negated ? 'supported' : 'contradicted',
            factId: fact.id,
            ...said(
              negated ? 'claim.deniesBanned' : 'claim.bannedOverstates',
              negated ? { words: hit.text } : { words: hit.text, subject: fact.subject },
            ),
            matched,
            negated,
          });
          break;
        }
        case 'keyword': {
          const fact = compiled.facts.get(payload.factId)!;
          drafts.push({
            clause,
            verdict: negated ? 'contradicted' : 'supported',
            factId: fact.id,
            ...said(negated ? 'claim.deniesApproved' : 'claim.statesApproved', { subject: fact.subject }),
            matched,
            negated,
          });
          break;
        }
        case 'cue':
          if (!negated)
            drafts.push({
              clause,
              verdict: 'unverified',
              factId: null,
              ...said('claim.cueNotOnSheet', { cue: payload.cue, words: hit.text }),
              matched,
              negated,
            });
          break;
      }
    }
  }
  return { claims: mergeDrafts(drafts, compiled, post.language), bannedClaims };
}

const VERDICT_RANK: Readonly<Record<ClaimVerdict, number>> = { contradicted: 3, supported: 2, unverified: 1 };

/** One claim per clause and fact (the worst verdict wins); a bare cue only where nothing more specific was found. */
function mergeDrafts(
  drafts: readonly ClaimDraft[],
  compiled: ClaimBrief,
  language: string | undefined,
): CheckedClaim[] {
  const byKey = new Map<string, ClaimDraft>();
  for (const draft of drafts) {
    const key = `${draft.clause.start}:${draft.factId ?? (draft.quantity !== undefined ? `q${draft.quantity.start}` : 'cue')}`;
    const existing = byKey.get(key);
    if (existing === undefined) {
      byKey.set(key, { ...draft, matched: [...draft.matched] });
      continue;
    }
    existing.matched.push(...draft.matched);
    if (VERDICT_RANK[draft.verdict] > VERDICT_RANK[existing.verdict]) {
      existing.verdict = draft.verdict;
      existing.reason = draft.reason;
      existing.reasonCode = draft.reasonCode;
      existing.reasonParams = draft.reasonParams;
      existing.negated = draft.negated;
      if (draft.quantity !== undefined) existing.quantity = draft.quantity;
    }
  }
  const merged = [...byKey.values()];
  const specific = new Set(
    merged.filter((d) => d.factId !== null || d.quantity !== undefined).map((d) => d.clause.start),
  );
  const withFact = new Set(merged.filter((d) => d.factId !== null).map((d) => d.clause.start));
  // A bare cue yields to a specific claim in the same clause; so does a plain unmatched figure
  // ("soaked through in 20 minutes": the claim is the leak, the minutes are context).
  const isContextFigure = (d: ClaimDraft) =>
    d.factId === null &&
    d.quantity !== undefined &&
    d.quantity.comparator === 'eq' &&
    !d.quantity.approximate &&
    withFact.has(d.clause.start);
  return merged
    .filter((d) => !(d.factId === null && d.quantity === undefined && specific.has(d.clause.start)))
    .filter((d) => !isContextFigure(d))
    .sort((a, b) => a.clause.start - b.clause.start)
    .map((draft) => {
      const fact = draft.factId === null ? undefined : compiled.facts.get(draft.factId);
      const approved = fact === undefined ? undefined : approvedText(fact, language);
      const evidence: ClaimEvidence = {
        reason: draft.reason,
        reasonCode: draft.reasonCode,
        reasonParams: draft.reasonParams,
        span: [draft.clause.start, draft.clause.end],
        matched: draft.matched,
        negated: draft.negated,
      };
      if (draft.quantity !== undefined) {
        const q = draft.quantity;
        evidence.quantity = {
          text: q.text,
          low: q.low,
          high: q.high,
          unit: q.unit,
          comparator: q.comparator,
          approximate: q.approximate,
        };
      }
      if (approved !== undefined) evidence.approved = approved;
      return { text: draft.clause.text, verdict: draft.verdict, factId: draft.factId, evidence };
    });
}
