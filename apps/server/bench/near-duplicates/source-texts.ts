import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normaliseForNearDuplicate } from '@ombud/core';

/** Where the shared evaluation data lives; read at bench time, never copied into the repo. */
export const SENTIMENT_DATA_DIR = process.env.OMBUD_SENTIMENT_DATA ?? '/work/shared/data/sentiment';

export type TestLanguage = 'en' | 'es' | 'sv';

export interface SourceText {
  /** Stable id: `<file>#<record>`. */
  id: string;
  language: TestLanguage;
  text: string;
}

const MOZETIC_FILES: Record<TestLanguage, string> = { en: 'eng.txt', es: 'spa.txt', sv: 'swe.txt' };
const UMSAB_DIRS: Partial<Record<TestLanguage, string>> = { en: 'english', es: 'spanish' };

/** Mozetič et al. files: `id<TAB>Label<TAB>\text`, a tweet may continue on the following lines. */
function readMozetic(language: TestLanguage): SourceText[] {
  const file = MOZETIC_FILES[language];
  const lines = readFileSync(join(SENTIMENT_DATA_DIR, 'mozetic', file), 'utf8').split('\n');
  const out: SourceText[] = [];
  let current: { id: string; parts: string[] } | undefined;
  const flush = (): void => {
    if (current !== undefined)
      out.push({ id: `mozetic/${file}#${current.id}`, language, text: current.parts.join('\n').trim() });
  };
  for (const line of lines) {
    const m = /^(\d{6,})\t(?:Positive|Negative|Neutral)\t\\?(.*)$/.exec(line);
    if (m !== null) {
      flush();
      current = { id: m[1] ?? '', parts: [m[2] ?? ''] };
    } else if (current !== undefined) {
      current.parts.push(line);
    }
  }
  flush();
  return out;
}

/** UMSAB (xlm-t) text files: one tweet a line, non-ASCII written as literal `\uXXXX` escapes. */
function readUmsab(language: TestLanguage): SourceText[] {
  const dir = UMSAB_DIRS[language];
  if (dir === undefined) return [];
  const out: SourceText[] = [];
  for (const split of ['train', 'val']) {
    const file = `${split}_text.txt`;
    const lines = readFileSync(join(SENTIMENT_DATA_DIR, 'umsab', dir, file), 'utf8').split('\n');
    lines.forEach((line, i) => {
      const text = line
        .replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
        .replace(/^"(.*)"\s*$/, '$1')
        .replace(/""/g, '"')
        .trim();
      if (text.length > 0) out.push({ id: `umsab/${dir}/${file}#${i + 1}`, language, text });
    });
  }
  return out;
}

const DUPLICATE_RUN = 5;

/**
 * Distinct source tweets of a language: at least `minWords` normalised words, and no two sharing a
 * run of five normalised words (that drops the data's own retweets, truncations and templates, which
 * would otherwise be unlabelled duplicates of each other).
 */
export function loadSourceTexts(language: TestLanguage, minWords = 4): SourceText[] {
  const seenRuns = new Set<string>();
  const out: SourceText[] = [];
  for (const source of [...readMozetic(language), ...readUmsab(language)]) {
    const words = normaliseForNearDuplicate(source.text)
      .split(' ')
      .filter((w) => w.length > 0);
    if (words.length < minWords) continue;
    const runs: string[] = [];
    const n = Math.min(DUPLICATE_RUN, words.length);
    for (let i = 0; i + n <= words.length; i++) runs.push(words.slice(i, i + n).join(' '));
    if (runs.some((r) => seenRuns.has(r))) continue;
    for (const r of runs) seenRuns.add(r);
    out.push(source);
  }
  return out;
}
