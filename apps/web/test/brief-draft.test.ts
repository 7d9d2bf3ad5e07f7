import { briefSchema, type Campaign } from '@ombud/contract';
import { describe, expect, it } from 'vitest';
import {
  briefFromDraft,
  editingLanguages,
  emptyBrief,
  freshId,
} from '../src/screens/campaigns/brief-draft.ts';

const campaign: Campaign = {
  id: 'c1',
  workspaceId: 'w1',
  createdAt: '2026-01-01T00:00:00.000Z',
  name: 'Mi historia',
  hashtags: ['#MiHistoria', 'not-a-hashtag'],
  keywords: [],
  handles: [],
  languages: ['es', 'sv', 'de'],
  markets: ['ES', 'SE'],
  startsAt: null,
  endsAt: null,
  keyMessages: [],
  factSheet: [],
  bannedClaims: [],
  requiredDisclosures: [],
  competitors: [],
  brief: null,
};

describe('brief draft', () => {
  it('starts from the campaign: its name, languages and only its real hashtags; the schema accepts it', () => {
    const draft = emptyBrief(campaign);
    expect(draft).toMatchObject({
      brand: 'Mi historia',
      languages: ['es', 'sv', 'de'],
      hashtags: ['#MiHistoria'],
    });
    expect(briefSchema.safeParse(briefFromDraft(draft)).success).toBe(true);
  });

  it('asks for en, es and sv and every other language the campaign uses', () => {
    expect(editingLanguages(campaign, emptyBrief(campaign))).toEqual(['en', 'es', 'sv', 'de']);
  });

  it('leaves out blank languages and optional fields, and keeps a blank figure for the server to name', () => {
    const draft = emptyBrief(campaign);
    draft.facts.push({
      id: 'fact-1',
      subject: 'returns',
      kind: 'returns',
      text: { en: 'Free returns within 30 days.', es: '  ', sv: '' },
      keywords: { en: ['return*'], es: [] },
      quantities: [{ value: undefined, unit: 'day', markets: [] }],
      contradictions: {},
    });
    draft.bannedClaims.push({
      id: 'banned-1',
      phrases: { en: ['lifetime warranty'], sv: [''] },
      reason: ' ',
      factId: '',
    });
    draft.disclosure.rules.push({ market: 'SE', tags: ['Reklam'], placement: 'first_chars', note: '' });
    const sent = briefFromDraft(draft);
    expect(sent.facts?.[0]).toMatchObject({
      text: { en: 'Free returns within 30 days.' },
      keywords: { en: ['return*'] },
    });
    expect(sent.bannedClaims?.[0]).toEqual({ id: 'banned-1', phrases: { en: ['lifetime warranty'] } });
    expect(sent.disclosure?.rules?.[0]).toEqual({ market: 'SE', tags: ['Reklam'], placement: 'first_chars' });
    const parsed = briefSchema.safeParse(sent);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual(
      expect.arrayContaining(['facts.0.quantities.0.value', 'disclosure.rules.0.firstChars']),
    );
  });

  it('numbers new entries after the ones taken', () => {
    expect(freshId('fact', [{ id: 'fact-1' }, { id: 'fact-3' }])).toBe('fact-4');
    expect(freshId('fact', [{ id: 'fact-2' }])).toBe('fact-3');
  });
});
