import type { DemoRandom } from './demo-random.ts';

const SLOT = /\{(\w+)\}/g;

/** Fills `{slot}` placeholders from `slots` (first) or `values`; an unknown slot is a programming error. */
export function fillTemplate(
  template: string,
  rng: DemoRandom,
  slots: Readonly<Record<string, readonly string[]>>,
  values: Readonly<Record<string, string>> = {},
): string {
  const filled = template.replace(SLOT, (_, name: string) => {
    const options = slots[name];
    if (options !== undefined) return rng.pick(options);
    const value = values[name];
    if (value !== undefined) return value;
    throw new Error(`demo template slot {${name}} has no values: ${template}`);
  });
  return tidySpaces(filled);
}

/** Collapses the double spaces left by empty emoji slots. */
export function tidySpaces(text: string): string {
  return text
    .replace(/ {2,}/g, ' ')
    .replace(/ ([,.!?])/g, '$1')
    .trim();
}

// Words a typo must not touch, so every post still names the brand the way the campaign matches it.
const PROTECTED = /nordvik|kettle|kettlo|pro|[#@]|https?:|\d/i;
const TYPABLE = /^\p{L}{5,}$/u;

function typo(word: string, rng: DemoRandom): string {
  const chars = Array.from(word);
  const i = rng.int(1, chars.length - 3);
  switch (rng.int(0, 2)) {
    case 0: {
      const a = chars[i] as string;
      chars[i] = chars[i + 1] as string;
      chars[i + 1] = a;
      break;
    }
    case 1:
      chars.splice(i, 1);
      break;
    default:
      chars.splice(i, 0, chars[i] as string);
  }
  return chars.join('');
}

/**
 * Makes a clean sentence read like a real post: the odd typo, all-lowercase typing,
 * a SHOUTED word or a whole shouted post when angry, dropped or doubled punctuation.
 */
export function roughen(text: string, rng: DemoRandom, mood: 'calm' | 'angry'): string {
  const words = text.split(' ');
  if (rng.chance(0.09)) {
    const candidates = words
      .map((w, i) => (TYPABLE.test(w) && !PROTECTED.test(w) ? i : -1))
      .filter((i) => i >= 0);
    if (candidates.length > 0) {
      const i = rng.pick(candidates);
      words[i] = typo(words[i] as string, rng);
    }
  }
  if (mood === 'angry' && rng.chance(0.14)) {
    const candidates = words
      .map((w, i) => (/^\p{Ll}{4,}$/u.test(w) && !PROTECTED.test(w) ? i : -1))
      .filter((i) => i >= 0);
    if (candidates.length > 0) {
      const i = rng.pick(candidates);
      words[i] = (words[i] as string).toUpperCase();
    }
  }
  let out = words.join(' ');
  if (mood === 'angry' && rng.chance(0.03)) out = out.toUpperCase();
  else if (rng.chance(0.1)) out = out.toLowerCase();
  if (rng.chance(0.15)) out = out.replace(/[.]$/, '');
  if (mood === 'angry' && rng.chance(0.1)) out = out.replace(/[.!?]?$/, '!!!');
  return out;
}
