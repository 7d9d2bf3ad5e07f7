import { describe, expect, it } from 'vitest';
import { renderReplyTemplate, templateVariables } from './reply-template.ts';

describe('reply templates', () => {
  it('lists variables once, in order', () => {
    expect(templateVariables('Hi {{author}}, {{ agent }} here. {{author}}!')).toEqual(['author', 'agent']);
  });
  it('fills values as plain text, never re-expanding them', () => {
    expect(
      renderReplyTemplate('Hola {{author}}, soy {{agent}}', { author: '{{agent}}', agent: 'Eva' }),
    ).toEqual({
      ok: true,
      text: 'Hola {{agent}}, soy Eva',
    });
  });
  it('names missing values', () => {
    expect(renderReplyTemplate('Hej {{author}} om {{order}}', { author: 'a' })).toEqual({
      ok: false,
      missing: ['order'],
    });
  });
});
