import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { briefSchema, formatBriefIssues } from './brief.ts';

describe('brief parsing (property)', () => {
  it('accepts or refuses any JSON value with readable issues, never throwing', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue({ maxDepth: 4 }),
          fc.record(
            {
              version: fc.oneof(fc.constant(1), fc.jsonValue()),
              campaign: fc.jsonValue({ maxDepth: 2 }),
              facts: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
              banned_claims: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
              key_messages: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
              disclosures: fc.jsonValue({ maxDepth: 2 }),
            },
            { requiredKeys: [] },
          ),
        ),
        (value) => {
          const parsed = briefSchema.safeParse(value);
          if (!parsed.success) {
            const issues = formatBriefIssues(parsed.error);
            expect(issues.length).toBeGreaterThan(0);
            for (const issue of issues) expect(typeof issue).toBe('string');
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
