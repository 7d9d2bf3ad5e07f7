import { foldText } from '../text/fold.ts';
import { HASH_SEED, hashPrefix } from './hashed-linear-model.ts';
import type { Token } from './tokenize.ts';

/**
 * A compiled lexicon of words, stems (`delay*`) and multi-word phrases (`still waiting`, `on hold*`),
 * each carrying a payload. Compiled once into Maps; matching is a single pass over the tokens.
 */
export interface TermMatcher<P> {
  /** Key: first word → candidate terms starting with exactly that word, longest first. */
  readonly byFirst: ReadonlyMap<string, CompiledTerm<P>[]>;
  /** Key: first STEM_KEY letters of a stem → terms whose first word is that stem, longest stem first. */
  readonly byStemKey: ReadonlyMap<string, CompiledTerm<P>[]>;
  /**
   * Bit sets over the hashes of `byFirst`'s and `byStemKey`'s keys. Most words start no term: a clear
   * bit answers that without a lookup in a large Map (which was a tenth of the analysis chain's time).
   */
  readonly firstFilter: Uint32Array;
  readonly stemFilter: Uint32Array;
}

interface CompiledTerm<P> {
  term: string;
  parts: readonly TermPart[];
  payload: P;
}

interface TermPart {
  text: string;
  stem: boolean;
}

export interface TermMatch<P> {
  /** Index of the first and one past the last matched token. */
  start: number;
  end: number;
  term: string;
  /** The words as written in the post. */
  text: string;
  payload: P;
}

const MIN_STEM = 3;
const STEM_KEY = 3;

/** Compiles `[term, payload]` pairs; terms are lower-case, `*` at a word's end makes it a prefix. Accents are optional when matching. */
export function compileTerms<P>(entries: Iterable<readonly [string, P]>): TermMatcher<P> {
  const byFirst = new Map<string, CompiledTerm<P>[]>();
  const byStemKey = new Map<string, CompiledTerm<P>[]>();
  for (const [term, payload] of entries) {
    const words = term
      .toLowerCase()
      .trim()
      .split(/\s+/)
      .filter((w) => w.length > 0);
    if (words.length === 0) continue;
    for (const variant of new Set([words.join(' '), foldText(words.join(' '))])) {
      const parts = variant
        .split(' ')
        .map((w) => ({ text: w.replace(/\*$/, ''), stem: w.endsWith('*') && w.length > MIN_STEM }));
      const first = parts[0]!;
      const index = first.stem ? byStemKey : byFirst;
      const key = first.stem ? first.text.slice(0, STEM_KEY) : first.text;
      const list = index.get(key) ?? [];
      list.push({ term, parts, payload });
      index.set(key, list);
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.parts.length - a.parts.length);
  for (const list of byStemKey.values()) {
    list.sort((a, b) => b.parts[0]!.text.length - a.parts[0]!.text.length || b.parts.length - a.parts.length);
  }
  return {
    byFirst,
    byStemKey,
    firstFilter: keyFilter(byFirst.keys()),
    stemFilter: keyFilter(byStemKey.keys()),
  };
}

/** FNV-1a of the first `length` characters of `text`. */
function hashKey(text: string, length: number): number {
  return hashPrefix(HASH_SEED, text, length);
}

/** A bit set with one bit per key's hash, at least 16 bits per key (about 1 in 16 absent words passes). */
function keyFilter(keys: Iterable<string>): Uint32Array {
  const list = [...keys];
  let bits = 256;
  while (bits < list.length * 16) bits *= 2;
  const filter = new Uint32Array(bits / 32);
  const mask = bits - 1;
  for (const key of list) {
    const bit = hashKey(key, key.length) & mask;
    filter[bit >>> 5]! |= 1 << (bit & 31);
  }
  return filter;
}

function mayContain(filter: Uint32Array, hash: number): boolean {
  const bit = hash & (filter.length * 32 - 1);
  return (filter[bit >>> 5]! & (1 << (bit & 31))) !== 0;
}

function partMatches(part: TermPart, token: Token): boolean {
  if (token.kind !== 'word' && token.kind !== 'hashtag') return false;
  if (part.stem) return token.norm.startsWith(part.text) || token.folded.startsWith(part.text);
  return token.norm === part.text || token.squeezed === part.text || token.folded === part.text;
}

/** Finds every term occurrence, longest first, without overlaps. Only word and hashtag tokens take part. */
export function matchTerms<P>(matcher: TermMatcher<P>, tokens: readonly Token[]): TermMatch<P>[] {
  const matches: TermMatch<P>[] = [];
  for (let i = 0; i < tokens.length;) {
    const token = tokens[i]!;
    const found =
      token.kind === 'word' || token.kind === 'hashtag' ? matchAt(matcher, tokens, i, token) : undefined;
    if (found === undefined) {
      i++;
      continue;
    }
    matches.push(found);
    i = found.end;
  }
  return matches;
}

function matchAt<P>(
  matcher: TermMatcher<P>,
  tokens: readonly Token[],
  index: number,
  token: Token,
): TermMatch<P> | undefined {
  return (
    matchForm(matcher, tokens, index, token.norm) ??
    (token.squeezed !== token.norm ? matchForm(matcher, tokens, index, token.squeezed) : undefined) ??
    (token.folded !== token.norm ? matchForm(matcher, tokens, index, token.folded) : undefined)
  );
}

function matchForm<P>(
  matcher: TermMatcher<P>,
  tokens: readonly Token[],
  index: number,
  form: string,
): TermMatch<P> | undefined {
  const exact = mayContain(matcher.firstFilter, hashKey(form, form.length))
    ? matcher.byFirst.get(form)
    : undefined;
  const hit = exact === undefined ? undefined : firstFullMatch(exact, tokens, index);
  if (hit !== undefined || form.length < STEM_KEY) return hit;
  if (!mayContain(matcher.stemFilter, hashKey(form, STEM_KEY))) return undefined;
  const stems = matcher.byStemKey.get(form.slice(0, STEM_KEY));
  return stems === undefined ? undefined : firstFullMatch(stems, tokens, index);
}

function firstFullMatch<P>(
  candidates: readonly CompiledTerm<P>[],
  tokens: readonly Token[],
  index: number,
): TermMatch<P> | undefined {
  for (const candidate of candidates) {
    const { parts } = candidate;
    let ok = true;
    for (let p = 0; p < parts.length && ok; p++) {
      const token = tokens[index + p];
      ok = token !== undefined && partMatches(parts[p]!, token);
    }
    if (!ok) continue;
    const end = index + parts.length;
    let text = tokens[index]!.raw;
    for (let t = index + 1; t < end; t++) text += ' ' + tokens[t]!.raw;
    return { start: index, end, term: candidate.term, text, payload: candidate.payload };
  }
  return undefined;
}
