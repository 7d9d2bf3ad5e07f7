import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { briefJsonSchema, briefSchema, formatBriefIssues } from './brief.ts';

const demoBrief: unknown = JSON.parse(
  readFileSync(new URL('../../../apps/server/src/demo/demo-brief.json', import.meta.url), 'utf8'),
);

interface LooseBrief {
  facts: { quantities: { unit: string }[]; keyword?: unknown }[];
  bannedClaims: { factId?: string }[];
  disclosure: { rules: unknown[] };
  defaultMarkets: Record<string, string>;
}

describe('briefSchema', () => {
  it('accepts the demo brief and fills defaults', () => {
    const brief = briefSchema.parse(demoBrief);
    expect(brief.brand).toBe('Nordvik');
    expect(brief.facts.map((f) => f.id)).toContain('safety-certified');
    expect(brief.disclosure.useDefaults).toBe(true);
  });

  it.each([
    [
      'an unknown unit',
      (b: LooseBrief) => (b.facts[0]!.quantities[0]!.unit = 'days'),
      'facts[0].quantities[0].unit',
    ],
    ['a misspelt field', (b: LooseBrief) => (b.facts[1]!.keyword = {}), 'facts[1]'],
    [
      'a banned claim naming no fact',
      (b: LooseBrief) => (b.bannedClaims[1]!.factId = 'nope'),
      'bannedClaims[1].factId',
    ],
    [
      'first_chars without a count',
      (b: LooseBrief) => (b.disclosure.rules = [{ market: 'US', tags: ['#ad'], placement: 'first_chars' }]),
      'disclosure.rules[0].firstChars',
    ],
    ['a bad market code', (b: LooseBrief) => (b.defaultMarkets = { en: 'usa' }), 'defaultMarkets.en'],
  ])('names the bad field path for %s', (_name, breakIt, path) => {
    const brief = structuredClone(demoBrief) as LooseBrief;
    breakIt(brief);
    const result = briefSchema.safeParse(brief);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(formatBriefIssues(result.error).some((line) => line.startsWith(`${path}:`))).toBe(true);
  });
});

describe('docs/brief.schema.json', () => {
  it('is up to date with the zod schema (npx tsx scripts/generate-brief-schema.ts)', () => {
    const committed: unknown = JSON.parse(
      readFileSync(new URL('../../../docs/brief.schema.json', import.meta.url), 'utf8'),
    );
    expect(committed).toEqual(briefJsonSchema());
  });
});
