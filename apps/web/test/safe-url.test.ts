import { describe, expect, it } from 'vitest';
import { safeHttpUrl } from '../src/screens/mentions.screen.tsx';

describe('safeHttpUrl', () => {
  it.each([
    ['https://social.example/p/1', 'https://social.example/p/1'],
    ['http://example.com', 'http://example.com/'],
    ['javascript:alert(1)', undefined],
    ['JaVaScRiPt:alert(1)', undefined],
    ['data:text/html,<script>alert(1)</script>', undefined],
    ['vbscript:msgbox', undefined],
    ['//evil.example', undefined],
    ['not a url', undefined],
    [null, undefined],
  ])('%s → %s', (input, expected) => {
    expect(safeHttpUrl(input)).toBe(expected);
  });
});
