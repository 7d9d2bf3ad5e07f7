import { JUDGEMENT_CODE_LIST, JUDGEMENT_CODES } from '@ombud/contract';
import {
  FINDING_CATALOGUES,
  FINDING_LANGUAGES,
  FINDING_MESSAGE_PARAMS,
  isFindingMessageKey,
} from '@ombud/core';
import { describe, expect, it } from 'vitest';

// Core cannot import the contract: this checks that the brand check's catalogue (packages/core
// brand/finding-messages.*.ts, used by `ombud check` and the brand-check APIs) words every brand
// judgement code the contract knows, in every language, with exactly the contract's parameters. A code
// added to the contract without a message in the catalogue fails here.
const BRAND_PREFIXES = ['claim.', 'disclosure.', 'brand.', 'onMessage.'];
const brandCodes = JUDGEMENT_CODE_LIST.filter((code) => BRAND_PREFIXES.some((p) => code.startsWith(p)));
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('the brand finding catalogue and the contract', () => {
  it('covers at least the claim, disclosure, banned-claim and on-message codes', () => {
    expect(brandCodes.length).toBeGreaterThanOrEqual(29);
  });

  it.each(FINDING_LANGUAGES)(
    '%s words every brand judgement code with the contract’s parameters',
    (language) => {
      const problems = brandCodes.flatMap((code) => {
        if (!isFindingMessageKey(code)) return [`${code}: not in the catalogue`];
        const expected = Object.keys(JUDGEMENT_CODES[code]).sort();
        const params = [...FINDING_MESSAGE_PARAMS[code]].sort();
        const text = FINDING_CATALOGUES[language][code];
        return JSON.stringify(params) === JSON.stringify(expected) &&
          JSON.stringify(placeholders(text)) === JSON.stringify(expected)
          ? []
          : [`${code}: ${text} (contract: ${expected.join(', ')})`];
      });
      expect(problems).toEqual([]);
    },
  );

  it('has no brand judgement code the contract does not know', () => {
    const catalogued = Object.keys(FINDING_MESSAGE_PARAMS).filter((key) =>
      BRAND_PREFIXES.some((p) => key.startsWith(p)),
    );
    expect(catalogued.filter((key) => !(brandCodes as string[]).includes(key))).toEqual([]);
  });
});
