import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPersonnummer, isIbanValid, isIpv4Valid, isIpv6Valid, isLuhnValid } from './checksums.ts';
import { detectPersonalData } from './detect-personal-data.ts';
import { parseCustomPattern } from './custom-pattern.detector.ts';
import { redactText } from './redact.ts';

// Text made of the pieces detectors react to, so random strings actually reach the parsers.
const piece = fc.constantFrom(
  ' ',
  '-',
  '.',
  ':',
  '@',
  '+',
  '(',
  ')',
  '/',
  ',',
  '0',
  '1',
  '4',
  '6',
  '7',
  '9',
  'ES',
  'SE',
  'X',
  'Z',
  'a',
  'é',
  'ö',
  'Calle ',
  'gatan ',
  ' Street',
  'me llamo ',
  'jag heter ',
  "I'm ",
  'Ana ',
  'Åsa ',
  '::',
  'db8',
  '2001',
  '192.0.2.',
  '😀',
  '4111 1111 1111 1111',
  'a@b.se',
  '070-123 45 67',
  '811218-9876',
  '12345678Z',
  'ES9121000418450200051332',
);
const hostileText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.array(piece, { maxLength: 40 }).map((p) => p.join('')),
  fc.string({ unit: 'binary', maxLength: 120 }),
);

describe('personal-data detection on arbitrary text', () => {
  it('never throws, and spans are in bounds, ordered, non-overlapping and match their text', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const findings = detectPersonalData(text, {
          customPatterns: [{ type: 'ORDER_NUMBER', pattern: /ORD-\d{8}/ }],
        });
        let previousEnd = 0;
        for (const f of findings) {
          expect(f.start).toBeGreaterThanOrEqual(previousEnd);
          expect(f.end).toBeGreaterThan(f.start);
          expect(f.end).toBeLessThanOrEqual(text.length);
          expect(text.slice(f.start, f.end)).toBe(f.text);
          expect(f.confidence).toBeGreaterThan(0);
          expect(f.confidence).toBeLessThanOrEqual(1);
          previousEnd = f.end;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('redaction removes the text of every finding and keeps the rest', () => {
    fc.assert(
      fc.property(
        hostileText,
        fc.constantFrom<'mask' | 'pseudonymise'>('mask', 'pseudonymise'),
        (text, mode) => {
          const findings = detectPersonalData(text);
          const r = redactText(text, findings, { mode, pseudonym: (_t, v) => String(v.length) });
          expect(r.spans).toHaveLength(findings.length);
          // Rebuild the original from the redacted text and the spans: everything outside spans is untouched.
          let rebuilt = '';
          let cursor = 0;
          for (const s of r.spans) {
            rebuilt += r.text.slice(cursor, s.start) + text.slice(s.originalStart, s.originalEnd);
            expect(r.text.slice(s.start, s.end)).toBe(s.placeholder);
            expect(s.placeholder).toMatch(/^\[[A-Z_]+(?::[A-Za-z0-9_-]+)?\]$/);
            cursor = s.end;
          }
          expect(rebuilt + r.text.slice(cursor)).toBe(text);
          // Nothing the detector found is still there to be found.
          const again = detectPersonalData(r.text).filter((f) => !/^\[/.test(f.text));
          for (const f of findings)
            expect(again.some((a) => a.text === f.text && a.type === f.type)).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('validators on arbitrary strings', () => {
  it('never throw and return booleans', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        expect(typeof isLuhnValid(s)).toBe('boolean');
        expect(typeof isIbanValid(s)).toBe('boolean');
        expect(typeof isIpv4Valid(s)).toBe('boolean');
        expect(typeof isIpv6Valid(s)).toBe('boolean');
        expect(typeof checkPersonnummer(s).valid).toBe('boolean');
        const parsed = parseCustomPattern('ORDER_NUMBER', s);
        expect(typeof parsed.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });

  it('a single changed digit always breaks a Luhn-valid number', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{15}$/),
        fc.nat(14),
        fc.integer({ min: 1, max: 9 }),
        (body, pos, delta) => {
          let check = 0;
          for (let c = 0; c <= 9; c++) if (isLuhnValid(body + String(c))) check = c;
          const valid = body + String(check);
          expect(isLuhnValid(valid)).toBe(true);
          const changed =
            valid.slice(0, pos) + String((Number(valid[pos]) + delta) % 10) + valid.slice(pos + 1);
          expect(isLuhnValid(changed)).toBe(false);
        },
      ),
    );
  });

  it('IPv4 validity matches octet arithmetic', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 4, maxLength: 4 }), (octets) => {
        expect(isIpv4Valid(octets.join('.'))).toBe(octets.every((o) => o <= 255));
      }),
    );
  });
});
