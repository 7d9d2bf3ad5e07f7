import { describe, expect, it } from 'vitest';
import { detectPersonalData } from './detect-personal-data.ts';
import { blankPlaceholders, redactText } from './redact.ts';

describe('redactText', () => {
  const text = 'Hola, me llamo Lucía, escribid a lucia@correo.es o al 612 345 678';

  it('masks every finding with a single-token placeholder', () => {
    const r = redactText(text, detectPersonalData(text), { mode: 'mask' });
    expect(r.text).toBe('Hola, me llamo [PERSON], escribid a [EMAIL] o al [PHONE]');
    expect(r.spans.map((s) => r.text.slice(s.start, s.end))).toEqual(['[PERSON]', '[EMAIL]', '[PHONE]']);
    expect(r.spans.map((s) => text.slice(s.originalStart, s.originalEnd))).toEqual([
      'Lucía',
      'lucia@correo.es',
      '612 345 678',
    ]);
  });

  it('pseudonymises with the caller-supplied keyed token, so the same value gets the same placeholder', () => {
    const token = (type: string, value: string) => `${type.length}${value.length}x`;
    const t = 'a@b.se and again a@b.se';
    const r = redactText(t, detectPersonalData(t), { mode: 'pseudonymise', pseudonym: token });
    expect(r.text).toBe('[EMAIL:56x] and again [EMAIL:56x]');
  });

  it('strips characters from tokens that would split the placeholder', () => {
    const r = redactText('x a@b.se', detectPersonalData('x a@b.se'), {
      mode: 'pseudonymise',
      pseudonym: () => 'ab c]d',
    });
    expect(r.text).toBe('x [EMAIL:abcd]');
  });

  it('skips overlapping and out-of-range findings', () => {
    const mk = (start: number, end: number) => ({
      type: 'X',
      start,
      end,
      confidence: 1,
      text: '',
      evidence: '',
    });
    const r = redactText('0123456789', [mk(2, 5), mk(3, 6), mk(8, 20), mk(-1, 1)], { mode: 'mask' });
    expect(r.text).toBe('01[X]56789');
  });
});

describe('blankPlaceholders', () => {
  it('blanks placeholders with spaces of the same length and leaves other brackets', () => {
    const text = 'mail [EMAIL] or [PHONE:3f9a1c] [not this] [X]';
    const blanked = blankPlaceholders(text);
    expect(blanked).toHaveLength(text.length);
    expect(blanked).toBe(`mail ${' '.repeat(7)} or ${' '.repeat(14)} [not this] [X]`);
  });
});
