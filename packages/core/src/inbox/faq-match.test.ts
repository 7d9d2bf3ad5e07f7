import { describe, expect, it } from 'vitest';
import { matchFaq, type FaqEntry } from './faq-match.ts';

const faqs: FaqEntry[] = [
  { id: 'delivery-es', language: 'es', matchTerms: ['envío', 'cuándo'] },
  { id: 'delivery-en', language: 'en', matchTerms: ['when', 'ship'] },
  { id: 'empty', language: 'en', matchTerms: [] },
];

describe('matchFaq', () => {
  it.each<[string, string, string | null]>([
    ['¿Cuando llega el ENVIO?', 'es', 'delivery-es'],
    ['When do you ship to Norway?', 'en', 'delivery-en'],
    ['When do you shipwreck?', 'en', null],
    ['When do you ship to Norway?', 'sv', null],
    ['hello', 'en', null],
  ])('%s (%s) → %s', (text, language, id) => {
    expect(matchFaq(text, language, faqs)?.faqId ?? null).toBe(id);
  });
});
