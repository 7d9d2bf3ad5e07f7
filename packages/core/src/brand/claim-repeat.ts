import type { BrandPost, QuantityUnit } from './brief.types.ts';
import type { CompiledBrandBrief } from './brand-check.ts';
import { checkClaims, type CheckedClaim, type ClaimVerdict } from './claim-check.ts';
import { compilePhrases, findPhrases, foldKeepingOffsets, type PhraseMatcher } from './phrase-matcher.ts';
import { toBase } from './quantity-extractor.ts';

// Corrections: once a claim is found wrong, which posts repeat it? Either the approved fact itself
// was wrong (every post stating it with its figure repeats it), or a wrong claim is circulating (a
// post repeats it when it makes the same claim: same fact, same verdict, an overlapping figure, or
// the same wording). Near-duplicates of a repeating post are found by the caller with textSimilarity.

export interface WrongClaimSignature {
  factId: string | null;
  /** null: any verdict (a fact found wrong is judged by its old figure, whatever the brief says now). */
  verdict: ClaimVerdict | null;
  /** The claimed figure in base units (days, percent, grams…), when the claim has one. */
  quantity?: { dimension: string; low: number; high: number };
  /** Folded content words of the claim (used only for claims no fact covers). */
  words: string[];
}

/** A wrong claim as the correction describes it, ready for `findClaimRepeat`. */
export interface WrongClaim {
  /** `fact`: the approved fact was wrong; `claim`: a wrong claim is circulating. */
  mode: 'fact' | 'claim';
  factId: string | null;
  claimText: string | null;
  signatures: WrongClaimSignature[];
}

export interface ClaimRepeat {
  kind: 'wording' | 'claim';
  /** The repeating words or clause, as written in the post. */
  text: string;
  span: [number, number];
  factId: string | null;
  verdict: ClaimVerdict | null;
  reason: string;
}

const MIN_CONTENT_WORD = 4;

function contentWords(text: string): string[] {
  return [
    ...new Set(
      (foldKeepingOffsets(text).match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length >= MIN_CONTENT_WORD),
    ),
  ];
}

function quantityOf(claim: CheckedClaim): WrongClaimSignature['quantity'] {
  const q = claim.evidence.quantity;
  if (q === undefined) return undefined;
  const low = toBase(q.low, q.unit as QuantityUnit);
  const high = toBase(q.high, q.unit as QuantityUnit);
  return { dimension: low.dimension, low: low.value, high: high.value };
}

/** Thrown for a correction the brief cannot describe (unknown fact id, no claim text). */
export class WrongClaimError extends Error {}

/**
 * Describes a wrong claim: a fact id alone means the approved fact was wrong; a claim text (with or
 * without a fact id) is read with the claim check, so "60-day returns" becomes (returns, contradicted, 60 days).
 */
export function describeWrongClaim(
  compiled: CompiledBrandBrief,
  input: { factId?: string | undefined; claimText?: string | undefined; language?: string | undefined },
): WrongClaim {
  const claimText = input.claimText?.trim() === '' ? undefined : input.claimText?.trim();
  if (input.factId !== undefined && !compiled.claims.facts.has(input.factId))
    throw new WrongClaimError(`the brief has no fact "${input.factId}"`);
  if (claimText === undefined) {
    if (input.factId === undefined) throw new WrongClaimError('give a fact id or a claim text');
    const fact = compiled.claims.facts.get(input.factId)!;
    // The old figures are kept in the signature, so posts stating them are still found after the
    // brief is fixed (when the claim check would call them contradicted).
    const signatures: WrongClaimSignature[] =
      fact.quantities.length > 0
        ? fact.quantities.map((q) => {
            const base = toBase(q.value, q.unit);
            return {
              factId: fact.id,
              verdict: null,
              quantity: { dimension: base.dimension, low: base.value, high: base.value },
              words: [],
            };
          })
        : [{ factId: fact.id, verdict: 'supported', words: [] }];
    return { mode: 'fact', factId: input.factId, claimText: null, signatures };
  }
  const { claims } = checkClaims(compiled.claims, { text: claimText, language: input.language });
  const relevant =
    input.factId === undefined ? claims : claims.filter((claim) => claim.factId === input.factId);
  const signatures = relevant.map((claim): WrongClaimSignature => {
    const quantity = quantityOf(claim);
    return {
      factId: claim.factId,
      verdict: claim.verdict,
      ...(quantity !== undefined ? { quantity } : {}),
      words: claim.factId === null ? contentWords(claim.text) : [],
    };
  });
  return { mode: 'claim', factId: input.factId ?? null, claimText, signatures };
}

function overlaps(
  a: NonNullable<WrongClaimSignature['quantity']>,
  b: NonNullable<WrongClaimSignature['quantity']>,
) {
  if (a.dimension !== b.dimension) return false;
  const tolerance = 0.02 * Math.max(Math.abs(a.high), Math.abs(b.high));
  return a.low <= b.high + tolerance && b.low <= a.high + tolerance;
}

function signatureMatches(signature: WrongClaimSignature, claim: CheckedClaim): boolean {
  if (claim.factId !== signature.factId) return false;
  if (signature.verdict !== null && claim.verdict !== signature.verdict) return false;
  const quantity = quantityOf(claim);
  if (signature.quantity !== undefined)
    return quantity !== undefined && overlaps(signature.quantity, quantity);
  if (signature.factId === null) {
    if (signature.words.length === 0) return false;
    const words = new Set(contentWords(claim.text));
    const shared = signature.words.filter((w) => words.has(w)).length;
    return shared / signature.words.length >= 0.5;
  }
  // A figure-less claim matches a figure-less claim on the same fact.
  return quantity === undefined;
}

/** The claim is on the signature's fact but says something else: another figure, or the opposite verdict. */
function statesOtherwise(signature: WrongClaimSignature, claim: CheckedClaim): boolean {
  if (signature.factId === null || claim.factId !== signature.factId) return false;
  const quantity = quantityOf(claim);
  if (signature.quantity !== undefined) return quantity !== undefined;
  return quantity === undefined && signature.verdict !== null && claim.verdict !== signature.verdict;
}

// The claim check ties a price, weight, power or length to a fact without a subject word ("only
// 699:-"); other figures need one, so the keyword prefilter is enough for them.
const standsAlone = (dimension: string) =>
  dimension.startsWith('money:') || dimension === 'mass' || dimension === 'power' || dimension === 'length';

/** A wrong claim compiled once for scanning many posts. */
export interface CompiledWrongClaim {
  brief: CompiledBrandBrief;
  wrong: WrongClaim;
  wording: PhraseMatcher<true> | undefined;
  /** Cheap test: words one of which a post must contain before the full claim check runs (or any figure, see `anyFigure`). */
  prefilter: PhraseMatcher<true>;
  anyFigure: boolean;
}

/** Prepares a wrong claim for `findClaimRepeat`. */
export function compileWrongClaim(brief: CompiledBrandBrief, wrong: WrongClaim): CompiledWrongClaim {
  const phrases: string[] = [];
  let anyFigure = false;
  for (const signature of wrong.signatures) {
    if (signature.quantity !== undefined && standsAlone(signature.quantity.dimension)) anyFigure = true;
    if (signature.factId === null) phrases.push(...signature.words);
    else {
      const fact = brief.claims.facts.get(signature.factId);
      if (fact === undefined) continue;
      phrases.push(...Object.values(fact.keywords).flat(), ...Object.values(fact.contradictions).flat());
      for (const banned of brief.brief.bannedClaims)
        if (banned.factId === fact.id) phrases.push(...Object.values(banned.phrases).flat());
      if (fact.quantities.some((q) => standsAlone(toBase(q.value, q.unit).dimension))) anyFigure = true;
    }
  }
  const wording =
    wrong.claimText !== null && wrong.claimText.length <= 200
      ? compilePhrases([[wrong.claimText, true as const]])
      : undefined;
  return {
    brief,
    wrong,
    wording,
    prefilter: compilePhrases(phrases.map((p) => [p, true as const])),
    anyFigure,
  };
}

/** Whether a post repeats the wrong claim, with the repeating words as evidence; undefined when it does not. */
export function findClaimRepeat(compiled: CompiledWrongClaim, post: BrandPost): ClaimRepeat | undefined {
  return assessClaimRepeat(compiled, post).repeat;
}

export interface ClaimRepeatAssessment {
  repeat: ClaimRepeat | undefined;
  /** The post makes a different claim on the same fact (e.g. the approved figure): not a repeat, whatever its wording. */
  differs: boolean;
}

/** Like `findClaimRepeat`, and also says whether the post states something else on the same fact. */
export function assessClaimRepeat(compiled: CompiledWrongClaim, post: BrandPost): ClaimRepeatAssessment {
  const text = post.text.normalize('NFC');
  const folded = foldKeepingOffsets(text);
  if (compiled.wording !== undefined) {
    const hit = findPhrases(compiled.wording, text, folded)[0];
    if (hit !== undefined)
      return {
        repeat: {
          kind: 'wording',
          text: hit.text,
          span: [hit.start, hit.end],
          factId: compiled.wrong.factId,
          verdict: null,
          reason: 'repeats the wrong claim word for word',
        },
        differs: false,
      };
  }
  if (compiled.wrong.signatures.length === 0) return { repeat: undefined, differs: false };
  const mayRepeat =
    findPhrases(compiled.prefilter, text, folded).length > 0 || (compiled.anyFigure && /\p{N}/u.test(text));
  if (!mayRepeat) return { repeat: undefined, differs: false };
  const { claims } = checkClaims(compiled.brief.claims, { ...post, text });
  let differs = false;
  for (const claim of claims) {
    const signature = compiled.wrong.signatures.find((s) => signatureMatches(s, claim));
    if (signature === undefined) {
      if (compiled.wrong.signatures.some((s) => statesOtherwise(s, claim))) differs = true;
      continue;
    }
    return {
      repeat: {
        kind: 'claim',
        text: claim.text,
        span: claim.evidence.span,
        factId: claim.factId,
        verdict: claim.verdict,
        reason:
          compiled.wrong.mode === 'fact'
            ? `states the fact "${signature.factId}" that was found wrong`
            : `makes the same claim (${claim.verdict}${claim.factId !== null ? ` on ${claim.factId}` : ''}): ${claim.evidence.reason}`,
      },
      differs: false,
    };
  }
  return { repeat: undefined, differs };
}
