import { describe, expect, it } from 'vitest';
import { identifyLanguage, normaliseLanguageCode } from './language-id.ts';
import { tokenize } from './tokenize.ts';

describe('identifyLanguage', () => {
  it.each([
    ['@united my flight was delayed again and nobody at the desk could help', 'en'],
    ['@Iberia el vuelo se retrasó tres horas y nadie nos dio información', 'es'],
    ['@SAS min väska kom aldrig fram och kundtjänsten svarar inte', 'sv'],
    ['Jeg er ikke tilfreds med leveringen, pakken kom aldrig frem', 'da'],
    ['Ich bin sehr enttäuscht von dem Service', 'de'],
    ['Je suis très déçu du service client', 'fr'],
    ['Estou muito decepcionado com o atendimento', 'pt'],
    ['Sono molto deluso dal servizio clienti', 'it'],
    ['Olen todella pettynyt asiakaspalveluun', 'fi'],
  ])('%s → %s', (text, language) => {
    expect(identifyLanguage(tokenize(text)).language).toBe(language);
  });

  it.each([['😍😍🔥'], ['#fail @united'], ['ok']])('returns und for %s', (text) => {
    const result = identifyLanguage(tokenize(text));
    expect(result.language).toBe('und');
    expect(result.evidence.length).toBeGreaterThan(0);
  });

  it('ignores hashtags and mentions that are in another language', () => {
    expect(
      identifyLanguage(tokenize('#BlackFriday #deals @amazon jag väntar fortfarande på mitt paket')).language,
    ).toBe('sv');
  });

  it('uses campaign languages as priors and says so in the evidence', () => {
    const result = identifyLanguage(tokenize('tack så mycket'), ['sv']);
    expect(result.language).toBe('sv');
    expect(result.evidence.map((e) => e.rule)).toContain('campaign-language-prior');
  });

  it.each([
    ['sv-SE', 'sv'],
    ['swe', 'sv'],
    ['nb', 'no'],
    ['ES', 'es'],
    ['xx', undefined],
  ])('normalises %s', (code, expected) => {
    expect(normaliseLanguageCode(code)).toBe(expected);
  });
});
