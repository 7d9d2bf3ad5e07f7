import { describe, expect, it } from 'vitest';
import type { LanguageCode, SentimentLabel } from './analysis.types.ts';
import { analyzeSentiment } from './sentiment.ts';
import { tokenize } from './tokenize.ts';

function sentiment(text: string, language: LanguageCode) {
  return analyzeSentiment(tokenize(text), language);
}

describe('analyzeSentiment', () => {
  it.each<[string, LanguageCode, SentimentLabel]>([
    ['@united my flight was delayed again, still waiting for a refund #fail', 'en', 'negative'],
    ['Thanks @JetBlue, the crew was amazing!', 'en', 'positive'],
    ['The flight leaves at 7 from gate 12', 'en', 'neutral'],
    ['@Iberia el vuelo se retrasó y nadie contesta, vergonzoso', 'es', 'negative'],
    ['Muchas gracias, el personal fue muy amable', 'es', 'positive'],
    ['@SAS väskan har inte kommit och ingen svarar, usel service', 'sv', 'negative'],
    ['Tack för snabb hjälp, toppen!', 'sv', 'positive'],
    ['😡😡😡', 'und', 'negative'],
    ['Super toll 😍', 'de', 'positive'],
  ])('%s (%s) → %s', (text, language, label) => {
    const result = sentiment(text, language);
    expect(result.label).toBe(label);
    expect(result.score).toBeGreaterThanOrEqual(-1);
    expect(result.score).toBeLessThanOrEqual(1);
  });

  it.each<[string, string, LanguageCode]>([
    ['not good', 'good', 'en'],
    ['no me gusta', 'gusta', 'es'],
    ['inte bra', 'bra', 'sv'],
    ['jag gillar inte', 'gillar', 'sv'],
  ])('negation flips "%s" and says so', (text, word, language) => {
    const plain = sentiment(word, language);
    const negated = sentiment(text, language);
    expect(negated.score).toBeLessThan(plain.score);
    // Either the negation rule fired or the lexicon holds the negated phrase itself (AFINN: "not good").
    expect(
      negated.evidence.some(
        (e) => e.rule.includes('negation') || (e.rule === 'lexicon' && e.match.includes(' ')),
      ),
    ).toBe(true);
  });

  it.each<[string, string, LanguageCode]>([
    ['the food was good but the service was terrible', 'good', 'en'],
    ['la comida estaba buena pero el servicio fue pésimo', 'buena', 'es'],
    ['maten var god men servicen var usel', 'god', 'sv'],
  ])('the clause after the contrast weighs more: %s', (text, _word, language) => {
    const result = sentiment(text, language);
    expect(result.label).toBe('negative');
    expect(result.evidence.some((e) => e.rule.includes('after-contrast'))).toBe(true);
  });

  it('intensifiers, elongation and shouting strengthen the rule evidence', () => {
    const weight = (text: string) => sentiment(text, 'en').rules.negative;
    expect(weight('very bad')).toBeGreaterThan(weight('bad'));
    expect(weight('baaaad')).toBeGreaterThan(weight('bad'));
    expect(weight('BAD service')).toBeGreaterThan(weight('bad service'));
    expect(weight('slightly bad')).toBeLessThan(weight('bad'));
  });

  it('reads hashtags and brand-service vocabulary as evidence', () => {
    const result = sentiment('on hold for 2 hours #TotalFail', 'en');
    expect(result.label).toBe('negative');
    expect(result.evidence.map((e) => e.rule)).toEqual(expect.arrayContaining(['service', 'hashtag']));
  });
});

describe('defect and safety reports', () => {
  it.each<[string, LanguageCode]>([
    // The demo's Spanish rumour: "amiga" and 🙏 once outweighed an exploding lid.
    [
      '⚠️ OJO: a una amiga le ha EXPLOTADO la tapa del Nordvik Kettle Pro mientras hervía agua. Se sobrecalienta y la tapa sale disparada. Tiene quemaduras en la mano. NO lo uséis hasta que @nordvik_es dé explicaciones. Difundid 🙏',
      'es',
    ],
    [
      'Cuidado con el Nordvik Kettle Pro: la tapa explota cuando se sobrecalienta. Ya hay gente con quemaduras.',
      'es',
    ],
    ['Nordvik lid broke on day one, I want my money back', 'en'],
    ['locket gick sönder och vattenkokaren är farlig', 'sv'],
  ])('%s → negative', (text, language) => {
    expect(sentiment(text, language).label).toBe('negative');
  });

  it('uses per-language thresholds unless one neutral band is given', () => {
    const text = 'good';
    const calibrated = analyzeSentiment(tokenize(text), 'en');
    const wide = analyzeSentiment(tokenize(text), 'en', 0.99);
    expect(wide.label).toBe('neutral');
    expect(wide.score).toBe(calibrated.score);
  });
});

describe('Swedish compounds', () => {
  it.each<[string, SentimentLabel, string]>([
    ['supertrevlig personal', 'positive', 'lexicon+compound-intensifier'],
    ['jättedålig kundtjänst', 'negative', 'lexicon+compound-intensifier'],
    ['leveransförseningar hela tiden', 'negative', 'lexicon+compound'],
  ])('%s → %s through %s', (text, label, rule) => {
    const result = sentiment(text, 'sv');
    expect(result.label).toBe(label);
    expect(result.evidence.some((e) => e.rule === rule)).toBe(true);
  });

  it('negates a compound like any other word', () => {
    expect(sentiment('inte jättebra', 'sv').score).toBeLessThan(0);
    expect(sentiment('inte superdåligt', 'sv').score).toBeGreaterThan(sentiment('superdåligt', 'sv').score);
  });

  it('leaves English and Spanish words alone', () => {
    expect(sentiment('supernice', 'en').evidence.some((e) => e.rule.includes('compound'))).toBe(false);
  });
});
