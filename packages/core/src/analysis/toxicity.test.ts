import { describe, expect, it } from 'vitest';
import type { LanguageCode, ToxicityCategory, ToxicitySeverity } from './analysis.types.ts';
import { tokenize } from './tokenize.ts';
import { detectToxicity } from './toxicity.ts';

describe('detectToxicity', () => {
  it.each<[string, LanguageCode, ToxicityCategory, ToxicitySeverity]>([
    ['you idiots lost my bag', 'en', 'insult', 'high'],
    ['I will find you and kill you', 'en', 'threat', 'high'],
    ['this is shit', 'en', 'profanity', 'low'],
    ['sois unos inútiles y unos gilipollas', 'es', 'insult', 'high'],
    ['te voy a matar', 'es', 'threat', 'high'],
    ['joder, otra vez', 'es', 'profanity', 'low'],
    ['ni är så korkade', 'sv', 'insult', 'medium'],
    ['jag ska döda er', 'sv', 'threat', 'high'],
    ['fan vad dåligt', 'sv', 'profanity', 'low'],
  ])('%s → %s %s', (text, language, category, severity) => {
    const result = detectToxicity(tokenize(text), language);
    const finding = result.findings.find((f) => f.category === category);
    expect(finding?.severity).toBe(severity);
    expect(finding?.evidence.length).toBeGreaterThan(0);
  });

  it.each<[string, LanguageCode]>([
    ['I am a huge fan of your airline', 'en'],
    ['¿A qué hora sale el vuelo?', 'es'],
    ['Tack för hjälpen idag', 'sv'],
  ])('finds nothing in "%s"', (text, language) => {
    expect(detectToxicity(tokenize(text), language)).toEqual({
      toxic: false,
      severity: 'none',
      findings: [],
    });
  });

  it('counts lone mild swearing as a finding but not as toxic', () => {
    const result = detectToxicity(tokenize('damn, delayed again'), 'en');
    expect(result.toxic).toBe(false);
    expect(result.severity).toBe('low');
  });
});
